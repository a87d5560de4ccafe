/**
 * The block structure of one YAML line, read without parsing the document: the `- ` sequence
 * indicators, then a `key:` or a scalar. Completion needs this on text that is half typed and
 * does not parse, so it works line by line, the way a reader scans indentation.
 */
export interface LineKey {
  name: string;
  column: number;
  /** Column just after the key's `:`. */
  colon: number;
  /** The value text after the colon, comment and surrounding blanks removed ('' when empty). */
  value: string;
  /** Column where the value starts, or -1 when it is empty. */
  valueColumn: number;
}

export interface LineShape {
  /** Blank, comment-only, a document marker or a directive: no structure. */
  blank: boolean;
  /** Columns of the `- ` indicators, left to right. */
  dashes: number[];
  /** Column of the first content after the indicators, or -1 when there is none. */
  contentColumn: number;
  key?: LineKey;
  /** The text of the line without its comment. */
  text: string;
}

const markerOrDirective = /^(?:---|\.\.\.)(?:\s|$)|^%/;

export function lineShape(line: string): LineShape {
  const text = stripComment(line).replace(/\s+$/, '');
  const shape: LineShape = { blank: true, dashes: [], contentColumn: -1, text };
  if (text.trim() === '' || markerOrDirective.test(text)) return shape;
  shape.blank = false;
  let i = text.length - text.trimStart().length;
  while (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
    shape.dashes.push(i);
    i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
  }
  if (i >= text.length) return shape;
  shape.contentColumn = i;
  const key = readKey(text, i);
  if (key) shape.key = key;
  return shape;
}

/** The first column of structure on the line: its first dash or its content. */
export function firstColumn(shape: LineShape): number {
  return shape.dashes[0] ?? shape.contentColumn;
}

function readKey(text: string, start: number): LineKey | undefined {
  const first = text[start];
  if (first === '[' || first === '{' || first === '|' || first === '>') return undefined;
  let end: number;
  let name: string;
  if (first === '"' || first === "'") {
    const close = closingQuote(text, start);
    if (close < 0 || text[close + 1] !== ':') return undefined;
    end = close + 1;
    name = unquote(text.slice(start, close + 1));
  } else {
    end = plainKeyEnd(text, start);
    if (end < 0) return undefined;
    name = text.slice(start, end).trimEnd();
  }
  const colon = end + 1;
  const rest = text.slice(colon);
  const value = rest.trim();
  const valueColumn = value === '' ? -1 : colon + (rest.length - rest.trimStart().length);
  return { name, column: start, colon, value, valueColumn };
}

/** The index of the `:` that ends a plain key (followed by a blank or the line end), or -1. */
function plainKeyEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    if (text[i] === ':' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) return i;
  }
  return -1;
}

export function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== quote) continue;
    if (quote === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

function unquote(quoted: string): string {
  const inner = quoted.slice(1, -1);
  return quoted.startsWith("'") ? inner.replace(/''/g, "'") : inner.replace(/\\(.)/g, '$1');
}

/** Removes a comment: `#` at the start or after a blank, outside quotes. */
export function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if ((ch === '"' || ch === "'") && (i === 0 || /[\s:[{,-]/.test(line[i - 1] ?? ''))) quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i);
  }
  return line;
}
