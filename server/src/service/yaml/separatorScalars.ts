import { isCollection, visit } from 'yaml';
import type { Document, Node, Scalar } from 'yaml';
import { goyamlBreakAt, hasSeparator, LS, PS } from '../source/unicodeBreaks';

/**
 * Scalar values as go-yaml v2 builds them when they hold a LINE SEPARATOR (U+2028) or a
 * PARAGRAPH SEPARATOR (U+2029). The document is parsed with each of them read as a LF
 * (parse/readerErrors.ts goyamlText), which gives go-yaml's structure: to go-yaml they break
 * lines everywhere, so they end comments and keys and the indentation after them counts. But in
 * a scalar go-yaml keeps such a break as itself: the blanks around it are dropped as around any
 * line break, yet it is never folded into a space (`"a<LS>   b"` is "a<LS>b", where a LF gives
 * "a b"), and a literal or folded block keeps it where a LF would be. Only the values of scalars
 * holding one are computed again here, from their text, as go-yaml's scanner does
 * (`yaml_parser_scan_flow_scalar`, `_plain_scalar`, `_block_scalar`).
 */
export function keepSeparatorsInScalars(doc: Document.Parsed, text: string): void {
  visit(doc, {
    Scalar(_key, node, path) {
      const [start, valueEnd, nodeEnd] = node.range ?? [0, 0, 0];
      if (typeof node.value !== 'string' || !isStringTag(node)) return;
      if (!hasSeparator(text.slice(start, Math.max(valueEnd, nodeEnd)))) return;
      const value = goyamlValue(text, node, start, valueEnd, () => parentIndent(text, path));
      if (value !== undefined) node.value = value;
    },
  });
}

/** `!!binary` and other explicit tags build their value from the text themselves. */
function isStringTag(node: Scalar): boolean {
  return node.tag === undefined || node.tag.endsWith(':str') || node.tag === '!';
}

function goyamlValue(
  text: string,
  node: Scalar,
  start: number,
  end: number,
  indent: () => number,
): string | undefined {
  switch (node.type) {
    case 'PLAIN':
      return foldFlow(text, start, end, 'plain');
    case 'QUOTE_SINGLE':
      return foldFlow(text, start + 1, end - 1, 'single');
    case 'QUOTE_DOUBLE':
      return foldFlow(text, start + 1, end - 1, 'double');
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return foldBlock(text, start, node.type === 'BLOCK_LITERAL', indent());
    default:
      return undefined;
  }
}

/** go-yaml's column of the collection holding the scalar (its `parser.indent`), -1 at the top. */
function parentIndent(text: string, path: readonly unknown[]): number {
  for (let i = path.length - 1; i >= 0; i--) {
    const owner = path[i];
    if (!isCollection(owner as Node)) continue;
    const offset = (owner as Node).range?.[0] ?? 0;
    let column = 0;
    while (column < offset && goyamlBreakAt(text, offset - column - 1).length === 0) column++;
    return column;
  }
  return -1;
}

/** Joins the blanks and line breaks between two pieces of a flow scalar, as go-yaml folds them. */
class Folding {
  spaces = '';
  leading: string | undefined = undefined;
  trailing = '';

  join(): string {
    const joined =
      this.leading === undefined
        ? this.spaces
        : this.leading === '\n'
          ? this.trailing || ' '
          : this.leading + this.trailing;
    this.spaces = '';
    this.leading = undefined;
    this.trailing = '';
    return joined;
  }
}

function foldFlow(
  text: string,
  from: number,
  to: number,
  style: 'plain' | 'single' | 'double',
): string | undefined {
  let out = '';
  const folding = new Folding();
  for (let i = from; i < to;) {
    const char = text[i] ?? '';
    const lineBreak = goyamlBreakAt(text, i);
    if (char === ' ' || char === '\t') {
      if (folding.leading === undefined) folding.spaces += char;
      i++;
    } else if (lineBreak.length > 0) {
      if (folding.leading === undefined) {
        folding.leading = lineBreak.value;
        folding.spaces = '';
      } else folding.trailing += lineBreak.value;
      i += lineBreak.length;
    } else if (style === 'double' && char === '\\' && goyamlBreakAt(text, i + 1).length > 0) {
      // An escaped line break joins the lines with nothing; the breaks after it are kept.
      out += folding.join();
      folding.leading = '';
      i += 1 + goyamlBreakAt(text, i + 1).length;
    } else {
      out += folding.join();
      const piece = style === 'double' ? escapeAt(text, i) : { value: char, length: 1 };
      if (!piece) return undefined;
      out += piece.value;
      i += style === 'single' && char === "'" ? 2 : piece.length;
    }
  }
  return out + folding.join();
}

const simpleEscapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  "'": "'",
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const hexEscapes: Record<string, number> = { x: 2, u: 4, U: 8 };

/** One character of a double-quoted scalar, an escape as go-yaml reads it. */
function escapeAt(text: string, at: number): { value: string; length: number } | undefined {
  const char = text[at] ?? '';
  if (char !== '\\') return { value: char, length: 1 };
  const kind = text[at + 1] ?? '';
  const simple = simpleEscapes[kind];
  if (simple !== undefined) return { value: simple, length: 2 };
  const digits = hexEscapes[kind];
  if (digits === undefined) return undefined;
  const hex = text.slice(at + 2, at + 2 + digits);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
  const code = parseInt(hex, 16);
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return undefined;
  return { value: String.fromCodePoint(code), length: 2 + digits };
}

interface BlockHeader {
  chomping: -1 | 0 | 1;
  increment: number;
  /** Where the first content line starts. */
  end: number;
}

function blockHeader(text: string, start: number): BlockHeader | undefined {
  let i = start + 1;
  let chomping: -1 | 0 | 1 = 0;
  let increment = 0;
  const chomp = (): void => {
    const char = text[i];
    if (char !== '+' && char !== '-') return;
    chomping = char === '+' ? 1 : -1;
    i++;
  };
  const digit = (): void => {
    const char = text[i] ?? '';
    if (char < '1' || char > '9') return;
    increment = Number(char);
    i++;
  };
  chomp();
  digit();
  if (chomping === 0) chomp();
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '#') while (i < text.length && goyamlBreakAt(text, i).length === 0) i++;
  if (i < text.length && goyamlBreakAt(text, i).length === 0) return undefined;
  return { chomping, increment, end: i + goyamlBreakAt(text, i).length };
}

/** A literal (`|`) or folded (`>`) block starting at its indicator, as go-yaml reads it. */
function foldBlock(text: string, start: number, literal: boolean, parent: number): string | undefined {
  const header = blockHeader(text, start);
  if (!header) return undefined;
  const reader = new BlockLines(
    text,
    header.end,
    header.increment > 0 ? Math.max(parent, 0) + header.increment : 0,
  );
  reader.breaks(parent);
  let out = '';
  let leading = '';
  let leadingBlank = false;
  while (reader.column === reader.indent && reader.at < text.length) {
    const blank = text[reader.at] === ' ' || text[reader.at] === '\t';
    if (!literal && !leadingBlank && !blank && leading === '\n') out += reader.trailing ? '' : ' ';
    else out += leading;
    out += reader.trailing;
    reader.trailing = '';
    leadingBlank = blank;
    out += reader.line();
    leading = reader.lineBreak();
    reader.breaks(parent);
  }
  if (header.chomping !== -1) out += leading;
  if (header.chomping === 1) out += reader.trailing;
  return out;
}

/** go-yaml's walk over a block scalar's lines: indentation, empty lines and their breaks. */
class BlockLines {
  column = 0;
  trailing = '';

  constructor(
    private readonly text: string,
    public at: number,
    public indent: number,
  ) {}

  /** Skips indentation and empty lines, keeping their breaks; settles the indentation. */
  breaks(parent: number): void {
    let deepest = 0;
    for (;;) {
      while ((this.indent === 0 || this.column < this.indent) && this.text[this.at] === ' ') {
        this.at++;
        this.column++;
      }
      deepest = Math.max(deepest, this.column);
      const lineBreak = goyamlBreakAt(this.text, this.at);
      if (lineBreak.length === 0) break;
      this.trailing += lineBreak.value;
      this.at += lineBreak.length;
      this.column = 0;
    }
    if (this.indent === 0) this.indent = Math.max(deepest, parent + 1, 1);
  }

  line(): string {
    const from = this.at;
    while (this.at < this.text.length && goyamlBreakAt(this.text, this.at).length === 0) this.at++;
    this.column += this.at - from;
    return this.text.slice(from, this.at);
  }

  lineBreak(): string {
    const lineBreak = goyamlBreakAt(this.text, this.at);
    this.at += lineBreak.length;
    if (lineBreak.length > 0) this.column = 0;
    return lineBreak.value;
  }
}

/**
 * The offsets of the LS and PS characters inside quoted scalars and flow collections, found by a
 * light scan of go-yaml's tokens (comments, quotes and brackets where a token starts). The yaml
 * library wants the lines of a quoted scalar or a flow collection indented past their parent;
 * go-yaml does not, and text pasted with a LS in a quoted value rarely indents what follows it.
 * Read as blanks there, they give the yaml library go-yaml's structure; the values are then
 * computed from the text by `keepSeparatorsInScalars`.
 */
export function separatorsInFlow(text: string): Set<number> {
  const found = new Set<number>();
  const scan = new TokenScan();
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const separator = char === LS || char === PS;
    if (scan.quote !== undefined) {
      const skipped = scan.inQuote(text, i);
      // An escaped separator (`\<LS>`) is an escaped line break, a blank to the yaml library.
      for (let at = i; at <= i + skipped; at++) {
        if (text[at] === LS || text[at] === PS) found.add(at);
      }
      i += skipped;
    } else if (goyamlBreakAt(text, i).length > 0) {
      if (separator && scan.flow > 0 && !scan.comment) found.add(i);
      scan.lineBreak();
    } else scan.outside(char);
  }
  return found;
}

/** Where go-yaml's tokens start, roughly: enough to tell quotes and brackets from text. */
class TokenScan {
  flow = 0;
  quote: string | undefined = undefined;
  comment = false;
  /** The last character that was not blank on this line, '' at its start. */
  private last = '';
  /** The first character of the token being read, '' between tokens. */
  private token = '';
  private blankBefore = true;

  /** Moves past a character inside a quoted scalar; the extra characters it consumed. */
  inQuote(text: string, at: number): number {
    const char = text[at];
    if (this.quote === '"' && char === '\\') return 1;
    if (char !== this.quote) return 0;
    if (this.quote === "'" && text[at + 1] === "'") return 1;
    this.quote = undefined;
    this.last = char;
    this.blankBefore = false;
    return 0;
  }

  lineBreak(): void {
    this.comment = false;
    this.last = '';
    this.token = '';
    this.blankBefore = true;
  }

  outside(char: string): void {
    if (this.comment) return;
    if (char === ' ' || char === '\t') {
      this.blankBefore = true;
      this.token = '';
      return;
    }
    const flowIndicator = this.flow > 0 && '[{,:'.includes(this.last);
    const starts = this.blankBefore || flowIndicator;
    const property = this.token === '&' || this.token === '!';
    const afterIndicator = this.last === '' || '-?:,[{'.includes(this.last) || property;
    if (char === '#' && this.blankBefore) this.comment = true;
    else if (starts && afterIndicator && (char === '"' || char === "'")) this.quote = char;
    else if (starts && afterIndicator && (char === '[' || char === '{')) this.flow++;
    else if ((char === ']' || char === '}') && this.flow > 0) this.flow--;
    if (starts) this.token = char;
    this.last = char;
    this.blankBefore = false;
  }
}
