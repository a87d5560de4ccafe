import type { Chunk } from './chunk';
import { isGoSpace } from './unicodeBreaks';

/**
 * Splits a file into its `---` documents without parsing them, so each can be parsed, validated
 * and cached on its own, as kubectl's reader splits it: on lines that are `---` followed by
 * nothing but blanks or a comment. Another line starting with `---` (`--- {a: 1}`, `----`) stays
 * in its document, whose parse reports it as kubectl does (yaml/readerErrors.ts). A `...` line
 * does not split either: go-yaml reads the document up to it and ignores the rest, up to the
 * next `---`.
 *
 * This runs on every keystroke over the whole file (9 MB and 400,000 lines in the benchmark), so
 * it walks line starts with indexOf and returns slices of the original string: no per-line
 * strings, no joins, nothing for the garbage collector.
 */
interface Boundary {
  line: number;
  offset: number;
}

/** Lines that carry no content: a preamble of only these belongs to the next document (`\r?`: `.` stops at a CR). */
const noContent = /^(?:\s*(?:#.*)?|%.*)\r?$/;

/**
 * `fileStart: false` splits a stretch from the middle of a file (see chunkedText.ts): comments
 * before its first marker are then a document of their own, as they are in the whole file.
 */
export function splitDocuments(text: string, options: { fileStart?: boolean } = {}): Chunk[] {
  const marked = markerBoundaries(text);
  const bounds = options.fileStart === false ? marked : mergeEmptyPreamble(text, marked);
  return bounds.map((start, index) => {
    const next = bounds[index + 1];
    // A chunk ends before the line break that precedes the next chunk's first line.
    const end = next ? next.offset - 1 : text.length;
    return {
      index,
      startLine: start.line,
      text: text.slice(start.offset, Math.max(start.offset, end)),
      format: 'yaml',
    };
  });
}

/** The first line of every document: line 0 and each `---` line. */
function markerBoundaries(text: string): Boundary[] {
  const bounds: Boundary[] = [{ line: 0, offset: 0 }];
  let line = 0;
  for (let offset = 0; offset <= text.length; line++) {
    const newline = text.indexOf('\n', offset);
    const next = newline < 0 ? text.length + 1 : newline + 1;
    if (line > 0 && isSeparator(text, offset, next)) bounds.push({ line, offset });
    offset = next;
  }
  return bounds;
}

/**
 * `---`, then only spaces up to the end of the line or a comment. kubectl trims the line with Go's
 * `strings.TrimSpace`, so a space is anything Go calls one: tab, CR, NEL, U+00A0, LS, PS, ….
 */
function isSeparator(text: string, offset: number, next: number): boolean {
  if (text.charCodeAt(offset) !== 45 /* - */ || !text.startsWith('---', offset)) return false;
  for (let i = offset + 3; i < next; i++) {
    const code = text.charCodeAt(i);
    if (code === 35 /* # */ || code === 10) return true;
    if (!isGoSpace(code)) return false;
  }
  return true;
}

/** Comments and directives before the first `---` are part of the first document, not a document. */
function mergeEmptyPreamble(text: string, bounds: Boundary[]): Boundary[] {
  const second = bounds[1];
  if (!second) return bounds;
  const preamble = text.slice(0, Math.max(0, second.offset - 1));
  if (second.offset > 0 && !preamble.split('\n').every((line) => noContent.test(line))) return bounds;
  return [{ line: 0, offset: 0 }, ...bounds.slice(2)];
}
