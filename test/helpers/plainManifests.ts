import { random } from './random';

/**
 * A seeded generator of documents in the plain subset the plain reader reads
 * (server/src/service/yaml/plainParse.ts): block mappings and sequences at random indentations
 * (sequences under a key at its column or deeper, mappings after a dash with extra spaces),
 * one-line plain and quoted scalars drawn from YAML 1.1's and go-yaml's tricky spellings, flow
 * sequences, `{}`, empty values, a leading `---`, comments after values and comment lines before
 * top-level keys. Every document it writes must take the fast path.
 */

const keys = [
  'name',
  'kind',
  'ip',
  'port',
  'y',
  'n',
  'on',
  'no',
  'yes',
  'true',
  '123',
  '0x1F',
  'a b',
  'a:b',
  'key.with/slash',
  '-dash',
  'ü',
];

/** Values whose readings differ between YAML 1.1, 1.2 and go-yaml. */
const values = [
  'web',
  'TCP',
  'true',
  'False',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'N',
  '~',
  'null',
  'Null',
  '010',
  '0o17',
  '0x1F',
  '0b101',
  '+12',
  '-3',
  '1_000',
  '1e3',
  '1.50',
  '.5',
  '-.inf',
  '.nan',
  '1:20',
  '9223372036854775808',
  '2001-12-14',
  '2026-03-01T10:00:00Z',
  '10.0.0.1',
  'fe80::1',
  'http://example.com/a?b=c',
  'a:b',
  'a]b',
  'x,y',
  '-x',
  'ünïcode',
  '"quoted: text"',
  '"10"',
  '""',
  "'single'",
  "'it''s'",
  "''",
  '[]',
  '{}',
  '[ ]',
  '[a, "b" ,  c ]',
  "['10.0.0.1']",
  '[yes, 010, ~, -1, .5]',
  '[x,y]',
];

interface Writer {
  /** Whether the document starts with `---` (no comment may follow it). */
  marked: boolean;
  next: () => number;
  int: (below: number) => number;
  pick: <T>(items: readonly T[]) => T;
}

/** The `n`-th plain document for a seed. */
export function plainManifest(seed: number, n: number): string {
  const next = random((seed * 7919 + n * 104_729) >>> 0);
  const w: Writer = {
    marked: false,
    next,
    int: (below) => Math.floor(next() * below),
    pick: (items) => items[Math.floor(next() * items.length)] ?? items[0],
  };
  const lines: string[] = [];
  if (w.next() < 0.3) {
    lines.push('---');
    w.marked = true;
  }
  if (w.next() < 0.15) sequence(w, lines, 0, 3);
  else mapping(w, lines, 0, 3, undefined);
  const text = lines.join('\n');
  return w.next() < 0.7 ? `${text}\n` : text;
}

/** Spaces after a colon or a dash: usually one, sometimes more, and trailing spaces now and then. */
function gap(w: Writer): string {
  return w.next() < 0.85 ? ' ' : ' '.repeat(2 + w.int(3));
}

function trailing(w: Writer): string {
  return w.next() < 0.9 ? '' : ' '.repeat(1 + w.int(3));
}

/**
 * Lines of a mapping whose keys are at `col`; `first` is the text before its first key on the
 * first line (a dash), written by the caller.
 */
function mapping(w: Writer, lines: string[], col: number, depth: number, first: string | undefined): void {
  const count = 1 + w.int(4);
  for (let i = 0; i < count; i++) {
    const lead = i === 0 && first !== undefined ? first : ' '.repeat(col);
    // Comment lines at column 0 before a top-level key (not right after `---`, nor after an
    // empty value, whose null would take them).
    const afterEmpty = /:\s*$/.test(lines[lines.length - 1] ?? '');
    if (col === 0 && first === undefined && (i > 0 || !w.marked) && !afterEmpty && w.next() < 0.25) {
      lines.push(...Array.from({ length: 1 + w.int(2) }, () => w.pick(commentLines)));
    }
    const key = w.pick(keys);
    const roll = w.next();
    if (depth > 0 && roll < 0.25) {
      lines.push(`${lead}${key}:${trailing(w)}`);
      mapping(w, lines, col + 2 + w.int(3), depth - 1, undefined);
    } else if (depth > 0 && roll < 0.45) {
      lines.push(`${lead}${key}:${trailing(w)}`);
      sequence(w, lines, w.next() < 0.5 ? col : col + 2 + w.int(2), depth - 1);
    } else if (roll < 0.5 && i < count - 1) {
      // An empty value, except last: a null ending the document is left to the full parse.
      lines.push(`${lead}${key}:${trailing(w)}`);
    } else {
      lines.push(`${lead}${key}:${gap(w)}${valueWithComment(w)}`);
    }
  }
}

const commentLines = ['# note', '#', '#  spaced  ', '# key: value', '#x', '# - item'];

/** A scalar value, sometimes with a comment after it (flow collections keep none here). */
function valueWithComment(w: Writer): string {
  const value = w.pick(values);
  if (value.startsWith('[') || value.startsWith('{') || w.next() < 0.8) return `${value}${trailing(w)}`;
  return `${value}${' '.repeat(1 + w.int(2))}${w.pick(['# c', '#', '#  two words  ', '#: x'])}`;
}

/** Lines of a block sequence whose dashes are at `col`. */
function sequence(w: Writer, lines: string[], col: number, depth: number): void {
  const count = 1 + w.int(4);
  for (let i = 0; i < count; i++) {
    const dash = `${' '.repeat(col)}-`;
    const roll = w.next();
    if (depth > 0 && roll < 0.4) {
      const spaces = gap(w);
      mapping(w, lines, col + 1 + spaces.length, depth - 1, `${dash}${spaces}`);
    } else if (depth > 0 && roll < 0.5) {
      lines.push(`${dash}${trailing(w)}`);
      if (w.next() < 0.5) mapping(w, lines, col + 2, depth - 1, undefined);
      else sequence(w, lines, col + 2, depth - 1);
    } else {
      lines.push(`${dash}${gap(w)}${valueWithComment(w)}`);
    }
  }
}
