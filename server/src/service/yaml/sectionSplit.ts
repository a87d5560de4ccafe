/**
 * Text scanning for the sectioned YAML parser (sectionParse.ts): where a document's top-level
 * keys start, and what the `yaml` package makes of the blank and comment lines between two of
 * them. Both run on every keystroke over the whole document, so they walk line starts with
 * indexOf and build no per-line strings.
 */

/** One top-level section: from its first line (a key at column 0) to the next section. */
export interface Section {
  offset: number;
  text: string;
}

/** What the `yaml` package sets on a key from the blank and comment lines before it. */
export interface GapProps {
  comment: string;
  spaceBefore: boolean;
}

/** Character codes the line scans of the sectioned parser compare with. */
export const SPACE = 32;
const TAB = 9;
export const LF = 10;
export const CR = 13;
export const HASH = 35;
export const DASH = 45;
const DOT = 46;

/**
 * Characters that cannot start a plain key at column 0, or that start YAML syntax whose
 * equivalence we do not want to reason about (explicit keys, flow collections, anchors, aliases,
 * tags, block scalars, directives, reserved indicators). A line starting with one of them makes
 * the whole document fall back to a plain parse.
 */
const unsafeStart = new Set([...'?:,[]{}&*!|>%@`\t\uFEFF'].map((c) => c.charCodeAt(0)));

type LineKind = 'continuation' | 'key' | 'marker' | 'unsafe';

/**
 * Splits a document into top-level sections, or returns undefined when the document is not a
 * plain column-0 block mapping that we can split with certainty. The first section also holds
 * everything before the first key (comments, blank lines, a `---` marker line).
 */
export function splitSections(text: string): Section[] | undefined {
  const starts: number[] = [];
  let markers = 0;
  for (let offset = 0; offset < text.length;) {
    const newline = text.indexOf('\n', offset);
    const next = newline < 0 ? text.length : newline + 1;
    const kind = lineKind(text, offset, next);
    if (kind === 'unsafe') return undefined;
    if (kind === 'key') starts.push(offset);
    // Only one `---` is allowed, and only before the content: another one starts a new document.
    else if (kind === 'marker' && (starts.length > 0 || ++markers > 1)) return undefined;
    else if (starts.length === 0 && !isPreambleLine(text, offset, next, kind)) return undefined;
    offset = next;
  }
  if (starts.length === 0) return undefined;
  starts[0] = 0;
  return starts.map((offset, i) => ({ offset, text: text.slice(offset, starts[i + 1] ?? text.length) }));
}

function lineKind(text: string, offset: number, next: number): LineKind {
  const first = text.charCodeAt(offset);
  if (first === SPACE || first === LF || first === HASH) return 'continuation';
  // A lone CR is not a line break to us, and we do not want to learn what it is to the lexer.
  if (first === CR) return text.charCodeAt(offset + 1) === LF ? 'continuation' : 'unsafe';
  if (unsafeStart.has(first)) return 'unsafe';
  if (first === DASH || first === DOT) {
    const second = text.charCodeAt(offset + 1);
    // `- item` is a sequence item at column 0, which YAML allows as the value of a key.
    if (first === DASH && (isBlankCode(second) || offset + 1 >= next)) return 'continuation';
    if (text.startsWith(first === DASH ? '---' : '...', offset)) {
      const after = text.charCodeAt(offset + 3);
      if (offset + 3 >= next || isBlankCode(after)) return first === DASH ? 'marker' : 'unsafe';
    }
  }
  return 'key';
}

function isBlankCode(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

/**
 * Before the first key only blank lines, comment lines and a bare `---` marker (optionally
 * followed by a comment) may stand; anything else (indented content, a sequence, a tag or
 * scalar on the marker line) would make the root something other than a column-0 mapping.
 */
function isPreambleLine(text: string, offset: number, next: number, kind: LineKind): boolean {
  let i = kind === 'marker' ? offset + 3 : offset;
  while (i < next && text.charCodeAt(i) === SPACE) i++;
  if (i >= next) return true;
  const code = text.charCodeAt(i);
  if (code === HASH) return i === offset || text.charCodeAt(i - 1) === SPACE;
  return code === LF || (code === CR && text.charCodeAt(i + 1) === LF);
}

/**
 * Emulates the `yaml` package's resolveProps over the tokens between the end of the previous
 * top-level value and the next top-level key: these lines give the key its `commentBefore` and
 * `spaceBefore`. Returns undefined for anything other than spaces, comments and line breaks
 * (for example tabs or a lone CR), which the caller treats as "not certain".
 */
export function gapProps(text: string, start: number): GapProps | undefined {
  let spaceBefore = false;
  let atNewline = true;
  let comment = '';
  let commentSep = '';
  for (let i = start; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code === SPACE) {
      i++;
    } else if (code === HASH) {
      if (i > start && text.charCodeAt(i - 1) !== SPACE && text.charCodeAt(i - 1) !== LF) return undefined;
      const end = commentEnd(text, i);
      if (end < 0) return undefined;
      const body = text.slice(i + 1, end) || ' ';
      comment = comment ? comment + commentSep + body : body;
      commentSep = '';
      atNewline = false;
      i = end;
    } else if (code === LF || (code === CR && text.charCodeAt(i + 1) === LF)) {
      const newline = code === LF ? '\n' : '\r\n';
      if (!atNewline) commentSep += newline;
      else if (comment) comment += newline;
      else spaceBefore = true;
      atNewline = true;
      i += newline.length;
    } else {
      return undefined;
    }
  }
  return { comment, spaceBefore };
}

/** Where a comment's text ends (before `\r\n` or `\n`); -1 if it holds a lone CR. */
function commentEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  const lineEnd = newline < 0 ? text.length : newline;
  const end = newline > 0 && text.charCodeAt(newline - 1) === CR ? newline - 1 : lineEnd;
  const cr = text.indexOf('\r', from);
  return cr >= 0 && cr < end ? -1 : end;
}
