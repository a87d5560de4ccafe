import type { Scalar, Schema, YAMLSeq } from 'yaml';
import { COMMA, DASH, DQUOTE, RBRACKET, SPACE, SQUOTE, indicators } from './plainChars';
import { NotPlain } from './plainScalars';
import type { PlainScalars } from './plainScalars';
import { newSeq } from './sectionCopy';

/**
 * The parts of a line the plain reader (plainParse.ts) reads inside one line: quoted scalars and
 * flow sequences of scalars that open and close on it (`addresses: ["10.0.0.1", "10.0.0.2"]`).
 * Everything is bounded by the line's end (`eol`): a quote or bracket left open there is a
 * multi-line construct, which the full parse reads.
 */

/** What ends a plain scalar inside a flow sequence, or makes it more than the reader reads. */
const flowStops = new Set(',[]{}:#'.split('').map((c) => c.charCodeAt(0)));

/** A line of the document being read, with the scalars of its document. */
export interface FlowLine {
  text: string;
  eol: number;
  scalars: PlainScalars;
  schema: Schema;
}

export function skipSpaces(text: string, at: number, eol: number): number {
  let i = at;
  while (i < eol && text.charCodeAt(i) === SPACE) i++;
  return i;
}

/** A quoted scalar starting at `at`: its value (unescaped) and the offset after its closing quote. */
export function quotedAt(line: FlowLine, at: number): { value: string; close: number } {
  const { text, eol } = line;
  const quote = text.charCodeAt(at);
  let from = at + 1;
  let value = '';
  for (;;) {
    let found = from;
    while (found < eol && text.charCodeAt(found) !== quote) found++;
    if (found >= eol) throw new NotPlain('quoted scalar');
    value += text.slice(from, found);
    // In single quotes, a doubled quote is one quote.
    if (quote === SQUOTE && text.charCodeAt(found + 1) === SQUOTE) {
      value += "'";
      from = found + 2;
      continue;
    }
    return { value, close: found + 1 };
  }
}

export function quotedType(quote: number): 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' {
  return quote === DQUOTE ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
}

/**
 * The flow sequence opening at `at` and closing on its line, with `nodeEnd` the end of its node
 * (after the line's break); what follows the `]` must be blanks, which the caller checks from
 * the returned sequence's range. Items are one-line scalars separated by commas; an empty item,
 * a trailing comma, a nested collection, a `:` (a pair in a sequence) or a `#` is the full
 * parse's to read. As the composer counts them, an item's node ends where the next comma or the
 * closing bracket is, after the blanks before it.
 */
export function flowSequence(line: FlowLine, at: number, nodeEnd: number): YAMLSeq {
  const { text, eol } = line;
  const seq = newSeq(line.schema);
  seq.flow = true;
  const items = seq.items as Scalar[];
  let i = skipSpaces(text, at + 1, eol);
  if (text.charCodeAt(i) !== RBRACKET) {
    for (;;) {
      const item = flowItem(line, i);
      items.push(item);
      i = (item.range as [number, number, number])[2];
      const stop = text.charCodeAt(i);
      if (stop === RBRACKET) break;
      if (stop !== COMMA) throw new NotPlain('flow sequence');
      i = skipSpaces(text, i + 1, eol);
      if (i >= eol || text.charCodeAt(i) === RBRACKET) throw new NotPlain('flow sequence end');
    }
  }
  seq.range = [at, i + 1, nodeEnd];
  return seq;
}

function flowItem(line: FlowLine, at: number): Scalar {
  const { text, eol, scalars } = line;
  if (at >= eol) throw new NotPlain('open flow sequence');
  const first = text.charCodeAt(at);
  if (first === DQUOTE || first === SQUOTE) {
    const { value, close } = quotedAt(line, at);
    return scalars.quoted(value, quotedType(first), [at, close, skipSpaces(text, close, eol)]);
  }
  const next = text.charCodeAt(at + 1);
  if (indicators.has(first) && !(first === DASH && next !== SPACE && !flowStops.has(next))) {
    throw new NotPlain('flow item');
  }
  let stop = at;
  while (stop < eol && !flowStops.has(text.charCodeAt(stop))) stop++;
  if (stop >= eol) throw new NotPlain('open flow sequence');
  let end = stop;
  while (text.charCodeAt(end - 1) === SPACE) end--;
  return scalars.plain(at, end, stop, text.slice(at, end), false);
}
