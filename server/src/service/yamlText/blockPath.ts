import { firstColumn } from './lineShape';
import type { LineShape } from './lineShape';

/** Nesting levels a path may have; manifests have about ten. */
const maxDepth = 100;

/** A step of a YAML path: a map key, or a list index. */
export type PathStep = string | number;

/**
 * The lines of one document as shapes, with the lines that start inside flow collections or
 * block scalars marked, so the walk below reads only block structure.
 */
export interface ShapedLines {
  shapes: LineShape[];
  continuation: boolean[];
}

/**
 * The path of the collection that holds the node starting at (line, column): a map key when
 * `node` is 'key', a `- ` item when it is 'dash' (then `index` is the item's position). It
 * walks up through indentation as a YAML reader does; undefined means the structure above is
 * not something a value can sit in (a scalar with content nested under it, for instance).
 */
export function containerOf(
  lines: ShapedLines,
  line: number,
  column: number,
  node: 'key' | 'dash',
  depth = 0,
): { path: PathStep[]; index: number } | undefined {
  // Deeper than any manifest: give up rather than recurse without bound (source/limits.ts).
  if (depth > maxDepth) return undefined;
  const own = lines.shapes[line];
  const before = own ? ownDashBefore(own, column) : undefined;
  if (own && before !== undefined) {
    const seq = containerOf(lines, line, before, 'dash', depth + 1);
    return seq && { path: [...seq.path, seq.index], index: 0 };
  }
  let index = 0;
  for (let l = line - 1; l >= 0; l--) {
    const shape = lines.shapes[l];
    if (!shape || shape.blank || lines.continuation[l]) continue;
    const first = firstColumn(shape);
    if (first > column) continue;
    if (node === 'dash' && shape.dashes.includes(column)) {
      if (ownDashBefore(shape, column) !== undefined || first === column) index++;
      if (first === column) continue;
      const outer = containerOf(lines, l, column, 'dash', depth + 1);
      return outer && { path: outer.path, index: outer.index + index };
    }
    if (first === column) {
      if (shape.key && shape.key.column === column && node === 'dash' && shape.key.value === '') {
        return parentOf(lines, l, shape, index, depth);
      }
      continue;
    }
    if (node === 'key' && shape.key?.column === column && shape.dashes.length > 0) {
      const outer = containerOf(lines, l, column, 'key', depth + 1);
      return outer && { path: outer.path, index: 0 };
    }
    return parentOf(lines, l, shape, index, depth, column);
  }
  return { path: [], index };
}

/** The node on line `l` that holds what is below it (to the right of `limit`, when given). */
function parentOf(
  lines: ShapedLines,
  l: number,
  shape: LineShape,
  index: number,
  depth: number,
  limit = Number.MAX_SAFE_INTEGER,
): { path: PathStep[]; index: number } | undefined {
  if (shape.key && shape.key.column < limit) {
    if (shape.key.value !== '' && !/^[&!]\S*$/.test(shape.key.value)) return undefined;
    const map = containerOf(lines, l, shape.key.column, 'key', depth + 1);
    return map && { path: [...map.path, shape.key.name], index };
  }
  const dash = [...shape.dashes].reverse().find((d) => d < limit);
  if (dash === undefined || shape.contentColumn >= 0) return undefined;
  const seq = containerOf(lines, l, dash, 'dash', depth + 1);
  return seq && { path: [...seq.path, seq.index], index };
}

/** The `- ` indicator that immediately precedes `column` on its own line, if any. */
function ownDashBefore(shape: LineShape, column: number): number | undefined {
  const i = shape.dashes.findIndex((d) => d >= column);
  const prior = i < 0 ? shape.dashes[shape.dashes.length - 1] : shape.dashes[i - 1];
  if (prior === undefined) return undefined;
  const after = shape.dashes[shape.dashes.indexOf(prior) + 1] ?? shape.contentColumn;
  return after === column || (after < 0 && column > prior) ? prior : undefined;
}

/**
 * The keys of the map whose keys sit at `column` around `line`: upwards to the map's first key
 * (unless the map starts on `line`, as a new list item does), downwards until the indentation
 * drops. Completion leaves these out.
 */
export function siblingKeys(
  lines: ShapedLines,
  line: number,
  column: number,
  startsHere = false,
): Set<string> {
  const keys = new Set<string>();
  for (let l = startsHere ? -1 : line - 1; l >= 0; l--) {
    const shape = lines.shapes[l];
    if (!shape || shape.blank || lines.continuation[l]) continue;
    if (shape.key?.column === column) keys.add(shape.key.name);
    if (firstColumn(shape) < column) break;
  }
  for (let l = line + 1; l < lines.shapes.length; l++) {
    const shape = lines.shapes[l];
    if (!shape || shape.blank || lines.continuation[l]) continue;
    if (firstColumn(shape) < column) break;
    if (shape.key?.column === column && firstColumn(shape) === column) keys.add(shape.key.name);
  }
  return keys;
}
