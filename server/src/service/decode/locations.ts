import { isPair } from 'yaml';
import type { Node, Pair } from 'yaml';

/** Source offsets of a field's key and value, found again when a rule reports at its path. */
export interface Location {
  key?: [number, number];
  value: [number, number];
}

/** Lookups answered by scanning before the paths are indexed: most documents get a handful. */
const scansBeforeIndex = 16;

/**
 * Every decoded field by path (map entries as `metadata.labels[key]`). Decoding records each
 * field's pair or list element as it passes; its Location is built only when a rule asks for
 * it, since most fields of a document are never reported on and decoding visits every field of
 * every document. The paths are kept in order and indexed only once a document is asked about
 * more than a few of them: hashing every path of every document cost more than the lookups of
 * the few documents with findings. A path recorded twice (a duplicate key) answers its last.
 */
export class Locations {
  private readonly paths: string[] = [];
  private readonly sources: (Pair | Node)[] = [];
  private index: Map<string, Pair | Node> | undefined;
  private scans = 0;

  set(path: string, source: Pair | Node): void {
    this.paths.push(path);
    this.sources.push(source);
    this.index?.set(path, source);
  }

  has(path: string): boolean {
    return this.find(path) !== undefined;
  }

  get(path: string): Location | undefined {
    const source = this.find(path);
    if (source === undefined) return undefined;
    return isPair(source) ? locationOf(source) : { value: valueRange(source) };
  }

  private find(path: string): Pair | Node | undefined {
    if (this.index === undefined && ++this.scans > scansBeforeIndex) {
      this.index = new Map();
      this.paths.forEach((recorded, i) => this.index?.set(recorded, this.sources[i]));
    }
    if (this.index !== undefined) return this.index.get(path);
    for (let i = this.paths.length - 1; i >= 0; i--) {
      if (this.paths[i] === path) return this.sources[i];
    }
    return undefined;
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
