import type { Locations } from '../decode/locations';
import type { ParsedChunk } from '../yaml/yamlDocument';
import { rangeOf } from '../yaml/yamlDocument';
import type { Range } from '../types';

/**
 * Turns an apiserver path into the narrowest source range. A path that is not in the source
 * (a missing field) falls back to its nearest present ancestor, whose key is marked so the
 * squiggle stays on one line; nothing found at all marks the `kind` line, or `fallback` (the
 * start of a `List` item that has no `kind` of its own).
 */
export function locate(
  chunk: ParsedChunk,
  locations: Locations,
  path: string,
  preferKey = false,
  fallback = 0,
): Range {
  const exact = locations.get(path);
  if (exact) {
    const [start, end] = preferKey && exact.key ? exact.key : exact.value;
    return firstLine(chunk, start, end);
  }
  for (let parent = parentPath(path); parent !== undefined; parent = parentPath(parent)) {
    const found = locations.get(parent);
    if (found) {
      const [start, end] = found.key ?? found.value;
      return firstLine(chunk, start, end);
    }
  }
  const kind = locations.get('kind');
  return kind ? firstLine(chunk, ...(kind.key ?? kind.value)) : firstLine(chunk, fallback, chunk.text.length);
}

function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  if (path.endsWith(']')) {
    const open = path.lastIndexOf('[');
    return open > 0 ? path.slice(0, open) : undefined;
  }
  const dot = path.lastIndexOf('.');
  const bracket = path.lastIndexOf(']');
  if (dot > bracket) return path.slice(0, dot);
  return bracket >= 0 ? path.slice(0, bracket + 1) : undefined;
}

/** Keeps a multi-line node's range to its first line, so a whole map is not underlined. */
function firstLine(chunk: ParsedChunk, start: number, end: number): Range {
  const newline = chunk.text.indexOf('\n', start);
  let stop = newline >= 0 && newline < end ? newline : end;
  if (stop > start && chunk.text[stop - 1] === '\r') stop--;
  return rangeOf(chunk, start, stop);
}
