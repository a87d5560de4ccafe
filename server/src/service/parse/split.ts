/**
 * Splits a file into its `---` documents without parsing them, so each can be parsed, validated
 * and cached on its own. A line that starts with `---` or `...` followed by a space or the end of
 * the line is a document marker wherever it stands (YAML forbids such lines inside content), so
 * a line scan is exact.
 *
 * This runs on every keystroke over the whole file (9 MB and 400,000 lines in the benchmark), so
 * it walks line starts with indexOf and returns slices of the original string: no per-line
 * strings, no joins, nothing for the garbage collector.
 */
export interface Chunk {
  /** 0-based position among the file's documents. */
  index: number;
  /** 0-based line where the chunk starts in the file. */
  startLine: number;
  text: string;
}

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
    return { index, startLine: start.line, text: text.slice(start.offset, Math.max(start.offset, end)) };
  });
}

/** The first line of every document: line 0, each `---` line, and the line after each `...`. */
function markerBoundaries(text: string): Boundary[] {
  const bounds: Boundary[] = [{ line: 0, offset: 0 }];
  let line = 0;
  for (let offset = 0; offset <= text.length; line++) {
    const newline = text.indexOf('\n', offset);
    const next = newline < 0 ? text.length + 1 : newline + 1;
    const marker = markerAt(text, offset);
    const last = bounds[bounds.length - 1];
    if (marker === 'start' && line > 0 && last?.line !== line) bounds.push({ line, offset });
    // A document end marker closes its document; what follows starts a new one.
    if (marker === 'end' && next <= text.length) bounds.push({ line: line + 1, offset: next });
    offset = next;
  }
  return bounds.filter((b, i) => i === 0 || b.line !== bounds[i - 1]?.line);
}

function markerAt(text: string, offset: number): 'start' | 'end' | undefined {
  const first = text.charCodeAt(offset);
  if (first !== 45 /* - */ && first !== 46 /* . */) return undefined;
  const marker = first === 45 ? '---' : '...';
  if (!text.startsWith(marker, offset)) return undefined;
  const after = text.charCodeAt(offset + 3);
  // After the marker: the end of the text (NaN), a space, a tab, a CR or a line break.
  const ends = Number.isNaN(after) || after === 32 || after === 9 || after === 13 || after === 10;
  if (!ends) return undefined;
  return first === 45 ? 'start' : 'end';
}

/** Comments and directives before the first `---` are part of the first document, not a document. */
function mergeEmptyPreamble(text: string, bounds: Boundary[]): Boundary[] {
  const second = bounds[1];
  if (!second) return bounds;
  const preamble = text.slice(0, Math.max(0, second.offset - 1));
  if (second.offset > 0 && !preamble.split('\n').every((line) => noContent.test(line))) return bounds;
  return [{ line: 0, offset: 0 }, ...bounds.slice(2)];
}
