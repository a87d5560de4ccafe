import type { OurKind } from '../types';
import { kindSpecs } from './schema';
import type { FieldSpec, TypeSpec } from './schemaTypes';

/** What the schema says about a YAML path (keys and list indexes) in one of our kinds. */
export interface ResolvedPath {
  type: TypeSpec;
  /** The last field on the path, when the path ends at a field (not at a map entry or item). */
  field?: FieldSpec;
  /** The name of the last key on the path. */
  name?: string;
  /** True when the last step is an entry of a string map (a label or an annotation). */
  mapEntry: boolean;
}

export function resolvePath(kind: OurKind, path: readonly (string | number)[]): ResolvedPath | undefined {
  let current: ResolvedPath = { type: kindSpecs[kind], mapEntry: false };
  for (const step of path) {
    const next = stepInto(current.type, step);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

function stepInto(type: TypeSpec, step: string | number): ResolvedPath | undefined {
  if (typeof step === 'number') {
    return type.kind === 'list' ? { type: type.item, mapEntry: false } : undefined;
  }
  if (type.kind === 'map') return { type: type.value, name: step, mapEntry: true };
  if (type.kind !== 'object') return undefined;
  const field = type.fields[step];
  return field && { type: field.type, field, name: step, mapEntry: false };
}

/** The names on a path without list indexes, as `fieldAt` and the docs use them. */
export function fieldNames(path: readonly (string | number)[]): string[] {
  return path.filter((step): step is string => typeof step === 'string');
}
