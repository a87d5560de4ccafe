import { isMap, isScalar } from 'yaml';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { rangeOf } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import type { TextEdit } from '../languageTypes';
import type { Position } from '../types';
import { offsetAt } from './nodeAt';
import { shiftRange } from '../source/positions';
import { lineHunks, splitSameKeyLines } from './lineDiff';

/**
 * Small text edits on a parsed document that keep the rest of it (comments, quoting, layout) as
 * the user wrote it: replacing a node, inserting a key into a block or flow map, removing a
 * list item. Offsets are the chunk's; `startLine` places the edit in the file. Edits are written
 * with `\n` and take the document's line ends here, so a CRLF file stays CRLF.
 */
export function chunkEdit(
  parsed: ParsedChunk,
  startLine: number,
  start: number,
  end: number,
  newText: string,
): TextEdit {
  const text = lineEndOf(parsed.text) === '\n' ? newText : newText.replace(/\r?\n/g, '\r\n');
  return { range: shiftRange(rangeOf(parsed, start, end), startLine), newText: text };
}

/** The document's line end, by its first line break. */
export function lineEndOf(text: string): '\n' | '\r\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Replaces `[start, end)` of the document (which starts at a line start) with `newText`, as
 * edits of the lines that differ only: lines that stay the same, and their comments, are not
 * touched, and each edit is small enough to read in a preview.
 */
export function replaceLinesEdits(
  parsed: ParsedChunk,
  startLine: number,
  start: number,
  end: number,
  newText: string,
): TextEdit[] {
  const region = parsed.text.slice(start, end);
  const starts = [0];
  for (let i = region.indexOf('\n'); i >= 0; i = region.indexOf('\n', i + 1)) starts.push(i + 1);
  const oldLines = starts.map((s, i) => {
    const next = starts[i + 1];
    return region.slice(s, next === undefined ? region.length : next - 1).replace(/\r$/, '');
  });
  const newLines = newText.split('\n');
  const lineStart = (i: number): number => start + (starts[i] ?? region.length);
  const contentEnd = (i: number): number => start + (starts[i] ?? 0) + (oldLines[i]?.length ?? 0);
  const count = oldLines.length;
  return splitSameKeyLines(lineHunks(oldLines, newLines), oldLines, newLines).map((h) => {
    const lines = newLines.slice(h.newStart, h.newEnd).join('\n');
    const edit = (from: number, to: number, text: string): TextEdit =>
      chunkEdit(parsed, startLine, from, to, text);
    if (h.oldStart === h.oldEnd) {
      return h.oldStart < count
        ? edit(lineStart(h.oldStart), lineStart(h.oldStart), `${lines}\n`)
        : edit(end, end, `\n${lines}`);
    }
    if (h.newStart < h.newEnd) return edit(lineStart(h.oldStart), contentEnd(h.oldEnd - 1), lines);
    if (h.oldEnd < count) return edit(lineStart(h.oldStart), lineStart(h.oldEnd), '');
    const from = h.oldStart > 0 ? contentEnd(h.oldStart - 1) : lineStart(h.oldStart);
    return edit(from, end, '');
  });
}

export function replaceNodeEdit(
  parsed: ParsedChunk,
  startLine: number,
  node: Node,
  newText: string,
): TextEdit {
  const [start, end] = node.range ?? [0, 0];
  return chunkEdit(parsed, startLine, start, end, newText);
}

/** A scalar's new value, quoted the way the old one was (or as YAML needs it). */
export function scalarText(node: Node, value: string, plain: (v: string) => string): string {
  if (isScalar(node) && node.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (isScalar(node) && node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return plain(value);
}

/**
 * Inserts `key: value` into the map at `path` (from the document root), creating the maps on the
 * path that are missing or empty. Undefined when the path crosses something that is not a map.
 */
export function insertPairEdit(
  parsed: ParsedChunk,
  startLine: number,
  path: readonly string[],
  key: string,
  value: string,
): TextEdit | undefined {
  let map: unknown = parsed.doc.contents;
  for (let i = 0; i < path.length; i++) {
    if (!isMap(map)) return undefined;
    const segment = path[i] ?? '';
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === segment);
    const child = pair?.value;
    if (isMap(child) && (child.items.length > 0 || child.flow)) {
      map = child;
      continue;
    }
    if (
      pair &&
      child !== null &&
      child !== undefined &&
      !(isScalar(child) && child.value === null) &&
      !isMap(child)
    ) {
      return undefined;
    }
    const rest = [...path.slice(i + 1), key];
    if (pair && isScalar(pair.key)) return underKeyEdit(parsed, startLine, pair.key, rest, value);
    return addPairEdit(parsed, startLine, map, [segment, ...rest], value);
  }
  return isMap(map) ? addPairEdit(parsed, startLine, map, [key], value) : undefined;
}

/** Adds `keys[0]: ...` (nested down to the value) as the last entry of a map. */
export function addPairEdit(
  parsed: ParsedChunk,
  startLine: number,
  map: YAMLMap,
  keys: string[],
  value: string,
): TextEdit {
  const [start, end] = map.range ?? [0, 0];
  if (map.flow) {
    const close = parsed.text.lastIndexOf('}', end);
    const text = `${map.items.length > 0 ? ', ' : ''}${flowPairs(keys, value)}`;
    return chunkEdit(parsed, startLine, close, close, text);
  }
  const column = rangeOf(parsed, start, start).start.character;
  const last = map.items[map.items.length - 1];
  const lastNode = (last?.value ?? last?.key) as Node | undefined;
  const at = lineEnd(parsed.text, (lastNode?.range?.[1] ?? end) - 1);
  return chunkEdit(parsed, startLine, at, at, `\n${blockPairs(keys, value, column)}`);
}

/** Nests under an existing key whose value is empty: `labels:` becomes `labels:\n  key: value`. */
function underKeyEdit(
  parsed: ParsedChunk,
  startLine: number,
  key: Node,
  keys: string[],
  value: string,
): TextEdit {
  const [start, end] = key.range ?? [0, 0];
  const column = rangeOf(parsed, start, start).start.character;
  const at = lineEnd(parsed.text, end);
  const colon = parsed.text.indexOf(':', end);
  const from = colon >= 0 && colon < at ? colon + 1 : at;
  return chunkEdit(parsed, startLine, from, at, `\n${blockPairs(keys, value, column + 2)}`);
}

function blockPairs(keys: string[], value: string, column: number): string {
  return keys
    .map((key, i) => `${' '.repeat(column + 2 * i)}${key}:${i === keys.length - 1 ? ` ${value}` : ''}`)
    .join('\n');
}

function flowPairs(keys: string[], value: string): string {
  const [first, ...rest] = keys;
  return rest.length === 0 ? `${first}: ${value}` : `${first}: {${flowPairs(rest, value)}}`;
}

/** Removes item `index` of a list, with its `- ` line(s) or its flow separator. */
export function removeItemEdit(
  parsed: ParsedChunk,
  startLine: number,
  seq: YAMLSeq,
  index: number,
): TextEdit {
  const item = seq.items[index] as Node | undefined;
  const [start, end] = item?.range ?? [0, 0];
  if (seq.flow) {
    const next = seq.items[index + 1] as Node | undefined;
    const prev = seq.items[index - 1] as Node | undefined;
    if (next?.range) return chunkEdit(parsed, startLine, start, next.range[0], '');
    if (prev?.range) return chunkEdit(parsed, startLine, prev.range[1], end, '');
    return chunkEdit(parsed, startLine, start, end, '');
  }
  const from = parsed.text.lastIndexOf('\n', start - 1) + 1;
  const to = lineEnd(parsed.text, end - 1) + 1;
  // The document's last line has no line break of its own: take the one before it instead.
  if (to > parsed.text.length) {
    return chunkEdit(parsed, startLine, Math.max(0, from - 1), parsed.text.length, '');
  }
  return chunkEdit(parsed, startLine, from, to, '');
}

/** The offset of the end of the line holding `offset` (before any `\r`). */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(0, offset));
  const end = newline < 0 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const withOffsets = edits.map((edit) => ({
    start: offsetOf(text, edit.range.start),
    end: offsetOf(text, edit.range.end),
    newText: edit.newText,
  }));
  withOffsets.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of withOffsets) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

function offsetOf(text: string, position: Position): number {
  return offsetAt(text, position.line, position.character);
}
