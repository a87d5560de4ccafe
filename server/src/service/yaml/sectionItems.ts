import { CR, DASH, HASH, LF, SPACE } from './sectionSplit';

/**
 * Text scanning for the second level of the sectioned YAML parser (sectionParse.ts): where a
 * top-level section whose value is a block sequence (`endpoints:` followed by `- ...` items at
 * column 0 or indented) can be cut so that each piece parses on its own. The first piece, the
 * head, holds the key line, any lines before the first item and the first item; every later
 * piece starts at the line of an item's `-`. Like splitSections, this runs on every keystroke
 * over the whole section, so it walks line starts with indexOf and builds no per-line strings.
 */

/**
 * Characters that may not follow a cut item's `- `. An item whose value does not start on the
 * `-` line (`-` alone, `- # comment`) collects the comment and line breaks after its `-` into
 * the same props as the comment lines before it, and an anchor, tag or alias would need the
 * same care; such an item stays in the piece of the item before it.
 */
const uncutStart = new Set([...'#!&*\r\n'].map((c) => c.charCodeAt(0)));

type LineKind = 'blank' | 'item' | 'content';

/**
 * The offsets in `section` at which pieces after the head start, or undefined when the section
 * is not a block sequence value that can be cut with certainty. A content line indented less
 * than (or as much as, without a `-`) the items means the text is not the plain sequence we
 * expect, for instance a multi-line scalar continued at the items' column; the caller then
 * parses the section whole. Comment lines may stand anywhere, as they do in YAML.
 */
export function itemCuts(section: string): number[] | undefined {
  const cuts: number[] = [];
  let indent = -1;
  for (let offset = lineAfter(section, 0); offset < section.length;) {
    const next = lineAfter(section, offset);
    let column = offset;
    while (column < next && section.charCodeAt(column) === SPACE) column++;
    const kind = lineKind(section, column, next);
    const depth = column - offset;
    if (kind === 'blank') {
      // Comment and blank lines belong to whichever item the parser gives them to.
    } else if (indent < 0) {
      if (kind !== 'item') return undefined;
      indent = depth;
    } else if (depth < indent || (depth === indent && kind !== 'item')) {
      return undefined;
    } else if (depth === indent && isCut(section, column + 1)) {
      cuts.push(offset);
    }
    offset = next;
  }
  return cuts.length > 0 ? cuts : undefined;
}

/** The offset after the line break that ends the line containing `offset`. */
function lineAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** What the line holds from its first non-space character at `column` on. */
function lineKind(text: string, column: number, next: number): LineKind {
  if (column >= next) return 'blank';
  const code = text.charCodeAt(column);
  if (code === HASH || code === LF || (code === CR && text.charCodeAt(column + 1) === LF)) return 'blank';
  if (code !== DASH) return 'content';
  const after = column + 1 < next ? text.charCodeAt(column + 1) : LF;
  if (after === SPACE || after === LF) return 'item';
  return after === CR && text.charCodeAt(column + 2) === LF ? 'item' : 'content';
}

/** Whether an item whose `-` ends before `at` has its value on the same line, after a space. */
function isCut(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== SPACE) return false;
  let i = at;
  while (text.charCodeAt(i) === SPACE) i++;
  return i < text.length && !uncutStart.has(text.charCodeAt(i));
}
