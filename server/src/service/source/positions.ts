import type { Range } from '../types';

/** A range moved down by `lines` (a document's range placed in its file). */
export function shiftRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}
