import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Scalar } from 'yaml';
import type { PathStep } from './blockPath';

/** The scalar under an offset of a parsed document, with its YAML path. */
export interface NodeAt {
  path: PathStep[];
  /** The offset is on a map key (the path ends with that key). */
  onKey: boolean;
  node: Scalar;
}

export function nodeAt(root: unknown, offset: number): NodeAt | undefined {
  return visit(root, offset, []);
}

function visit(node: unknown, offset: number, path: PathStep[]): NodeAt | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key : undefined;
      const name = key ? String(key.value) : '';
      if (key && contains(key, offset)) return { path: [...path, name], onKey: true, node: key };
      // A value's range may reach the next key's offset (trailing line break), so go on looking.
      const found = contains(pair.value, offset) ? visit(pair.value, offset, [...path, name]) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const found = contains(item, offset) ? visit(item, offset, [...path, i]) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  return isScalar(node) && contains(node, offset) ? { path, onKey: false, node } : undefined;
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as Node | null)?.range;
  return !!range && range[0] <= offset && offset <= range[1];
}

/** The offset of a line/character in text whose lines end in `\n` (a `\r` before it counts). */
export function offsetAt(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + character, text.length);
}
