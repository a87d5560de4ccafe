import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { ObjectSpec, TypeSpec } from '../k8s/schemaTypes';
import type { Decoded } from '../decode/decode';
import type { Injection } from './templateModel';
import { placeholderMark } from '../decode/placeholder';
import type { ParsedChunk } from '../yaml/yamlDocument';
import { positionAt } from '../yaml/yamlDocument';

/**
 * What a template leaves unknown in one object, as apiserver paths:
 * - `templated`: values the template supplies (a placeholder, or a key whose value a template
 *   line prints); nothing is said about them or below them;
 * - `uncertain`: collections a template may add entries to (an `include | nindent`, a branch not
 *   taken, a templated key); what they lack, how many entries they have, and what depends on
 *   their whole content is not said, but their literal entries are still checked.
 */
export interface TemplateScope {
  templated: ReadonlySet<string>;
  uncertain: ReadonlySet<string>;
}

export function templateScope(
  chunk: ParsedChunk,
  root: unknown,
  spec: ObjectSpec,
  decoded: Decoded,
  injections: readonly Injection[],
): TemplateScope {
  const templated = new Set(decoded.templated);
  const uncertain = new Set(decoded.uncertain);
  const walker = new InjectionWalker(chunk);
  for (const injection of injections) {
    for (const mark of walker.marks(root, spec, '', injection)) {
      (mark.templated ? templated : uncertain).add(mark.path);
    }
  }
  // The server derives the name from generateName, so a templated prefix leaves the name unknown.
  if (templated.has('metadata.generateName')) templated.add('metadata.name');
  return { templated, uncertain };
}

/**
 * Whether a finding at `path` depends on something the template leaves unknown: a placeholder
 * on the path, a templated value at or above it, or (for a field that is not written) an
 * uncertain nearest written ancestor, which the template may fill.
 */
export function isUnknown(scope: TemplateScope, path: string, decoded: Decoded): boolean {
  if (path.includes(placeholderMark)) return true;
  const chain = [...ancestorsOrSelf(path)];
  if (chain.some((p) => scope.templated.has(p))) return true;
  const written = chain.find((p) => p === '' || decoded.locations.has(p)) ?? '';
  return scope.uncertain.has(written);
}

function* ancestorsOrSelf(path: string): Generator<string> {
  let current: string | undefined = path;
  while (current !== undefined) {
    yield current;
    current = parentPath(current);
  }
}

/** `a.b[x.y]` → `a.b` → `a` → '' (a map key may itself contain dots). */
function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const cut = path.endsWith(']') ? path.lastIndexOf('[') : path.lastIndexOf('.');
  return cut > 0 ? path.slice(0, cut) : '';
}

interface Mark {
  path: string;
  templated: boolean;
}

/** Finds the collection (or value) an injected line lands in, by its line and indentation. */
class InjectionWalker {
  constructor(private readonly chunk: ParsedChunk) {}

  marks(node: unknown, spec: TypeSpec | undefined, path: string, at: Injection): Mark[] {
    if (isMap(node) && !node.flow) return this.inMap(node, spec, path, at);
    if (isSeq(node) && !node.flow) return this.inSeq(node, spec, path, at);
    return [{ path, templated: !isMap(node) && !isSeq(node) }];
  }

  private inMap(map: YAMLMap, spec: TypeSpec | undefined, path: string, at: Injection): Mark[] {
    const first = map.items[0];
    const column = first ? this.column(keyStart(first)) : at.indent;
    if (at.indent < column) return [];
    const index = this.lastBefore(map.items.map(keyStart), at.line);
    const pair = map.items[index];
    if (!pair) return [{ path, templated: false }];
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const child = childOf(spec, path, name);
    if (at.indent === column) return this.atKeyColumn(pair, child.path, path, column, at);
    return this.inValue(pair.value, child.spec, child.path, at);
  }

  /** At a key's column: a new entry, unless the last value is a sequence written at that column. */
  private atKeyColumn(pair: Pair, childPath: string, path: string, column: number, at: Injection): Mark[] {
    const value = pair.value;
    const zeroIndentedSeq = isSeq(value) && !value.flow && this.column(value.range?.[0] ?? 0) === column;
    if (!zeroIndentedSeq || at.item === false) return [{ path, templated: false }];
    if (at.item === true) return [{ path: childPath, templated: false }];
    return [
      { path, templated: false },
      { path: childPath, templated: false },
    ];
  }

  private inSeq(seq: YAMLSeq, spec: TypeSpec | undefined, path: string, at: Injection): Mark[] {
    const column = this.column(seq.range?.[0] ?? 0);
    if (at.indent < column) return [];
    const index = this.lastBefore(seq.items.map(nodeStart), at.line);
    if (index < 0 || at.indent === column) return [{ path, templated: false }];
    const itemSpec = spec?.kind === 'list' ? spec.item : undefined;
    return this.inValue(seq.items[index], itemSpec, `${path}[${index}]`, at);
  }

  /** Deeper than the keys or dashes: inside that entry's value, or the value itself. */
  private inValue(value: unknown, spec: TypeSpec | undefined, path: string, at: Injection): Mark[] {
    if ((isMap(value) || isSeq(value)) && !value.flow) {
      const inner = this.marks(value, spec, path, at);
      return inner.length > 0 ? inner : [{ path, templated: false }];
    }
    if (isMap(value) || isSeq(value)) return [{ path, templated: false }];
    return [{ path, templated: true }];
  }

  private lastBefore(starts: (number | undefined)[], line: number): number {
    let found = -1;
    starts.forEach((start, i) => {
      if (start !== undefined && this.line(start) < line) found = i;
    });
    return found;
  }

  private line(offset: number): number {
    return positionAt(this.chunk, offset).line;
  }

  private column(offset: number | undefined): number {
    return positionAt(this.chunk, offset ?? 0).character;
  }
}

function keyStart(pair: Pair): number | undefined {
  return nodeStart(pair.key);
}

function nodeStart(node: unknown): number | undefined {
  return typeof node === 'object' && node !== null && 'range' in node ? (node as Node).range?.[0] : undefined;
}

/** The apiserver path and schema of a map entry, as decoding names it. */
function childOf(spec: TypeSpec | undefined, path: string, name: string): { path: string; spec?: TypeSpec } {
  if (spec?.kind === 'map') return { path: `${path}[${name}]`, spec: spec.value };
  const childPath = path ? `${path}.${name}` : name;
  return spec?.kind === 'object' ? { path: childPath, spec: spec.fields[name]?.type } : { path: childPath };
}
