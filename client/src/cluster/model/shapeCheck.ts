/**
 * Makes a value from the wire fit a shape described as data (apiObjects.ts says which shapes the
 * view reads). Two walks share each shape: `conforms` only reads, allocates nothing and answers
 * whether the value fits as it is, which nearly every object the apiserver sends does; `conform`
 * repairs a value that does not (it removes what does not fit) and names the first fault with
 * its field path. A first list of 100,000 endpoints is read once by the first walk; building a
 * path string for every field of every endpoint was most of the time to the first render.
 */

export type Scalar = 'string' | 'number' | 'boolean' | 'int-or-string';

export interface Fields {
  fields: Record<string, Shape>;
  /** Fields without which an element is dropped (the view reads them unguarded). */
  required?: string[];
}

export type Shape = Scalar | Fields | { list: Shape } | { map: 'string' };

/**
 * A shape with its field names and shapes in arrays, made once per shape, so the reading walk
 * needs no `Object.entries`. Every node has the same properties, so reading them is monomorphic.
 */
export interface CompiledShape {
  kind: Scalar | 'list' | 'map' | 'fields';
  element: CompiledShape | undefined;
  names: readonly string[];
  shapes: readonly CompiledShape[];
  required: readonly string[];
}

/** A shape to check objects against, in both forms. */
export interface ObjectShape {
  shape: Fields;
  compiled: CompiledShape;
}

export function objectShape(shape: Fields): ObjectShape {
  return { shape, compiled: compile(shape) };
}

/**
 * Makes `value` fit `shape` in place: a field of the wrong type is removed, and so is a list
 * element of the wrong type or without a required field. Returns the first fault, if any.
 */
export function fitToShape(value: Record<string, unknown>, shape: ObjectShape): string | undefined {
  return conforms(value, shape.compiled) ? undefined : repair(value, shape);
}

/** The repairing walk alone, whatever the reading walk would say (for tests that compare them). */
export function repair(value: Record<string, unknown>, shape: ObjectShape): string | undefined {
  const problems: string[] = [];
  conform(value, shape.shape, '', problems);
  return problems[0];
}

function compile(shape: Shape): CompiledShape {
  const node: CompiledShape = { kind: 'fields', element: undefined, names: [], shapes: [], required: [] };
  if (typeof shape === 'string') {
    return { ...node, kind: shape };
  }
  if ('list' in shape) {
    return { ...node, kind: 'list', element: compile(shape.list) };
  }
  if ('map' in shape) {
    return { ...node, kind: 'map' };
  }
  const names = Object.keys(shape.fields);
  return {
    ...node,
    names,
    shapes: names.map((name) => compile(shape.fields[name])),
    required: shape.required ?? [],
  };
}

/**
 * Whether `value` fits `shape` exactly as `conform` would find it: true only where `conform`
 * would note no fault and change nothing. It may say false where `conform` finds nothing (an
 * inherited property); that only costs the repairing walk.
 */
function conforms(value: unknown, shape: CompiledShape): boolean {
  switch (shape.kind) {
    case 'string':
    case 'boolean':
      return typeof value === shape.kind;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'int-or-string':
      return typeof value === 'string' || Number.isInteger(value);
    case 'list':
      return Array.isArray(value) && elementsConform(value, shape.element as CompiledShape);
    case 'map':
      return isRecord(value) && valuesAreStrings(value);
    case 'fields':
      return isRecord(value) && fieldsConform(value, shape);
  }
}

function elementsConform(list: unknown[], element: CompiledShape): boolean {
  for (let index = 0; index < list.length; index++) {
    if (!conforms(list[index], element)) {
      return false;
    }
  }
  return true;
}

function valuesAreStrings(map: Record<string, unknown>): boolean {
  for (const key in map) {
    if (typeof map[key] !== 'string') {
      return false;
    }
  }
  return true;
}

function fieldsConform(value: Record<string, unknown>, shape: CompiledShape): boolean {
  const { names, shapes, required } = shape;
  for (let index = 0; index < names.length; index++) {
    const child = value[names[index]];
    if (child !== undefined && child !== null && !conforms(child, shapes[index])) {
      return false;
    }
  }
  for (let index = 0; index < required.length; index++) {
    const child = value[required[index]];
    if (child === undefined || child === null) {
      return false;
    }
  }
  return true;
}

function conform(value: Record<string, unknown>, shape: Fields, path: string, problems: string[]): void {
  for (const [field, fieldShape] of Object.entries(shape.fields)) {
    if (!Object.prototype.hasOwnProperty.call(value, field)) {
      continue;
    }
    const child = value[field];
    if (child === null || child === undefined) {
      continue; // the API's nil: every field here is optional
    }
    const at = path ? `${path}.${field}` : field;
    if (!fits(child, fieldShape, at, problems)) {
      note(problems, `${at} is ${describe(child)}`);
      delete value[field];
    }
  }
}

/** Whether `value` has `shape`; lists, maps and objects are repaired in place and fit. */
function fits(value: unknown, shape: Shape, path: string, problems: string[]): boolean {
  if (typeof shape === 'string') {
    return shape === 'int-or-string'
      ? typeof value === 'string' || Number.isInteger(value)
      : typeof value === shape && (shape !== 'number' || Number.isFinite(value));
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) {
      return false;
    }
    keepFitting(value, (element, index) => {
      const ok = element !== null && fits(element, shape.list, `${path}[${index}]`, problems);
      if (!ok) {
        note(problems, `${path}[${index}] is ${describe(element)}`);
      }
      return ok;
    });
    return true;
  }
  if (!isRecord(value)) {
    return false;
  }
  if ('map' in shape) {
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry !== 'string') {
        note(problems, `${path}.${key} is ${describe(entry)}`);
        delete value[key];
      }
    }
    return true;
  }
  conform(value, shape, path, problems);
  return (shape.required ?? []).every((field) => value[field] !== undefined && value[field] !== null);
}

/** Removes the elements `keep` rejects, in place and in one pass (lists can be long). */
function keepFitting(list: unknown[], keep: (element: unknown, index: number) => boolean): void {
  let kept = 0;
  for (let index = 0; index < list.length; index++) {
    if (keep(list[index], index)) {
      list[kept++] = list[index];
    }
  }
  list.length = kept;
}

/** Only the first problem is shown; an object with a million bad elements must not make a million strings. */
function note(problems: string[], problem: string): void {
  if (problems.length === 0) {
    problems.push(problem);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for a message: "a number", "a list", "null". */
export function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'an object of the wrong shape' : `a ${typeof value}`;
}
