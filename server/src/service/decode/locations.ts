import { isPair } from 'yaml';
import type { Node, Pair } from 'yaml';

/** Source offsets of a field's key and value, found again when a rule reports at its path. */
export interface Location {
  key?: [number, number];
  value: [number, number];
}

/**
 * Every decoded field by path (map entries as `metadata.labels[key]`). Decoding records each
 * field's pair or list element as it passes; its Location is built only when a rule asks for
 * it, since most fields of a document are never reported on and decoding visits every field of
 * every document.
 */
export class Locations {
  private readonly sources = new Map<string, Pair | Node>();

  set(path: string, source: Pair | Node): void {
    this.sources.set(path, source);
  }

  has(path: string): boolean {
    return this.sources.has(path);
  }

  get(path: string): Location | undefined {
    const source = this.sources.get(path);
    if (source === undefined) return undefined;
    return isPair(source) ? locationOf(source) : { value: valueRange(source) };
  }
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

export function valueRange(node: Node): [number, number] {
  const [start, end] = node.range ?? [0, 0];
  return [start, end];
}

export function locationOf(pair: Pair): Location {
  const key = isNode(pair.key) ? valueRange(pair.key) : undefined;
  const value = isNode(pair.value) ? valueRange(pair.value) : (key ?? [0, 0]);
  return key ? { key, value } : { value };
}
