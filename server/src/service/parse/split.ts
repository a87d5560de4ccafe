/**
 * Splits a file into its `---` documents without parsing them, so each can be parsed, validated
 * and cached on its own. A line that starts with `---` or `...` followed by a space or the end of
 * the line is a document marker wherever it stands (YAML forbids such lines inside content), so
 * a line scan is exact.
 */
export interface Chunk {
  /** 0-based position among the file's documents. */
  index: number;
  /** 0-based line where the chunk starts in the file. */
  startLine: number;
  text: string;
}

const startMarker = /^---(?:[ \t\r]|$)/;
const endMarker = /^\.\.\.(?:[ \t\r]|$)/;
/** Lines that carry no content: a preamble of only these belongs to the next document (`\r?`: `.` stops at a CR). */
const noContent = /^(?:\s*(?:#.*)?|%.*)\r?$/;

export function splitDocuments(text: string): Chunk[] {
  const lines = text.split('\n');
  const starts: number[] = [0];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (i > 0 && startMarker.test(line) && starts[starts.length - 1] !== i) starts.push(i);
    // A document end marker closes its document; what follows starts a new one.
    if (endMarker.test(line) && i + 1 < lines.length) starts.push(i + 1);
  }
  const bounds = mergeEmptyPreamble(lines, dedupe(starts));
  return bounds.map((start, index) => {
    const end = bounds[index + 1] ?? lines.length;
    return { index, startLine: start, text: lines.slice(start, end).join('\n') };
  });
}

function dedupe(starts: number[]): number[] {
  return starts.filter((s, i) => i === 0 || s !== starts[i - 1]);
}

/** Comments and directives before the first `---` are part of the first document, not a document. */
function mergeEmptyPreamble(lines: string[], starts: number[]): number[] {
  if (starts.length < 2) return starts;
  const second = starts[1] ?? 0;
  for (let i = 0; i < second; i++) {
    if (!noContent.test(lines[i] ?? '')) return starts;
  }
  return [0, ...starts.slice(2)];
}
