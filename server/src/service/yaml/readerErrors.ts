import { YAMLParseError } from 'yaml';
import { goTrimSpace, goyamlOnlyBreak } from '../source/unicodeBreaks';

/**
 * What kubectl's reader refuses before go-yaml builds anything of a document, and the part of a
 * document go-yaml reads at all. Each was checked with apimachinery's YAMLOrJSONDecoder, the
 * decoder kubectl's builder uses.
 */

/**
 * go-yaml v2 refuses a document that holds a character YAML 1.1 does not allow in a stream: the
 * C0 controls other than tab, LF and CR, DEL, the C1 controls other than NEL, and the
 * noncharacters U+FFFE and U+FFFF. It checks the bytes before it scans them, so such a character
 * fails the document even in a comment, a quoted string or after `...`. The yaml library takes
 * these characters as ordinary text. A byte order mark (U+FEFF) is allowed anywhere, as it is by
 * go-yaml.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const notPrintable = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/**
 * kubectl splits a file into documents on lines that start with `---` (lines end at LF only) and
 * refuses the stream, failing the document before the line, when anything but blanks or a
 * comment follows: `--- {a: 1}`, `--- |`, `---foo` and `----` are errors, not markers.
 *
 * A `...` line: go-yaml reads one document and ignores everything after its end marker. A lone
 * CR ends a line for go-yaml too, and so do NEL, LS and PS (read as LFs by then).
 *
 * A `---` line that kubectl's reader did not split at, because the line break before it is not a
 * LF (a lone CR, NEL, LS or PS): to go-yaml it starts a second document, and kubectl decodes only
 * the first document of what its reader returns, so the rest is never read.
 *
 * The markers are found with indexOf and a look at the characters around them: a regular
 * expression with a lookbehind tries every offset of the text, a twentieth of a CLI run.
 */
const afterLF = (text: string, at: number): boolean => at === 0 || text.charCodeAt(at - 1) === 0x0a;
const afterBreak = (text: string, at: number): boolean => {
  const before = text.charCodeAt(at - 1);
  return before === 0x0a || before === 0x0d;
};
/** The end of the text, a blank or a line break after a three-character marker. */
const markerEnds = (text: string, at: number): boolean => {
  const next = text.charCodeAt(at + 3);
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
};

/** The first offset of `marker` from `from` that `accept` takes, or -1. */
function findMarker(
  text: string,
  marker: string,
  accept: (text: string, at: number) => boolean,
  from = 0,
): number {
  for (let at = text.indexOf(marker, from); at >= 0; at = text.indexOf(marker, at + 1)) {
    if (accept(text, at)) return at;
  }
  return -1;
}

const noOffsets: ReadonlySet<number> = new Set();

/** Every line break of go-yaml that is not one to the yaml library. */
const goyamlOnlyBreaks = new RegExp(goyamlOnlyBreak.source, 'g');

/** The error that stops kubectl before go-yaml parses the document, if there is one. */
export function readerError(text: string): YAMLParseError | undefined {
  return separatorError(text) ?? controlCharacterError(text);
}

function separatorError(text: string): YAMLParseError | undefined {
  for (let at = findMarker(text, '---', afterLF); at >= 0; at = findMarker(text, '---', afterLF, at + 1)) {
    const lineEnd = text.indexOf('\n', at);
    const line = text.slice(at, lineEnd < 0 ? text.length : lineEnd);
    const rest = goTrimSpace(line.slice(3));
    if (rest === '' || rest.startsWith('#')) continue;
    // kubectl's line ends at the LF, but an editor's ends at a CR before it too: a range that
    // took the CR would end past its line.
    const end = at + line.replace(/\r$/, '').length;
    return new YAMLParseError(
      [at, Math.max(at + 1, end)],
      'UNEXPECTED_TOKEN',
      `invalid Yaml document separator: ${rest}`,
    );
  }
  return undefined;
}

/**
 * kubectl's reader drops a separator line between two documents, so go-yaml never sees a control
 * character in its comment (`--- # \x7f`) or a Go space after it (`---\v`). (At the very start
 * of a file it keeps the line; a chunk does not know where it is, so it is read as dropped.)
 */
function controlCharacterError(text: string): YAMLParseError | undefined {
  const found = new RegExp(notPrintable.source, 'g');
  found.lastIndex = leadingSeparatorLength(text);
  found.exec(text);
  if (found.lastIndex === 0) return undefined;
  return new YAMLParseError(
    [found.lastIndex - 1, found.lastIndex],
    'UNEXPECTED_TOKEN',
    'control characters are not allowed',
  );
}

/** The length of a leading `---` line that kubectl's reader takes as a separator, or 0. */
function leadingSeparatorLength(text: string): number {
  if (!text.startsWith('---')) return 0;
  const lineEnd = text.indexOf('\n');
  const end = lineEnd < 0 ? text.length : lineEnd;
  const rest = goTrimSpace(text.slice(3, end));
  return rest === '' || rest.startsWith('#') ? end : 0;
}

/**
 * The text go-yaml reads, with the same offsets: up to the end of the first `...` line or the
 * first `---` line kubectl's reader did not split at, with each NEL, LS and PS a LF, and without
 * what follows the leading `---` (a comment glued to it, `---#c`, or a Unicode space such as
 * U+00A0), which kubectl's reader takes as a separator and drops but the yaml library reads as a
 * scalar. NEL, LS and PS are line breaks to go-yaml (YAML 1.1), so they end comments and keys and
 * the indentation after them counts; to the yaml library (YAML 1.2) they are ordinary characters.
 * go-yaml reads NEL exactly as a LF; LS and PS stay themselves in scalar values, which
 * parse/separatorScalars.ts restores. Those at `blanks` are read as spaces instead.
 */
export function goyamlText(text: string, blanks: ReadonlySet<number> = noOffsets): string {
  const normal = goyamlOnlyBreak.test(text)
    ? text.replace(goyamlOnlyBreaks, (_, offset: number) => (blanks.has(offset) ? ' ' : '\n'))
    : text;
  const read = normal.slice(0, readEnd(normal));
  const dropped = droppedSeparatorLength(read);
  return dropped === 0 ? read : `---${' '.repeat(dropped)}${read.slice(3 + dropped)}`;
}

/**
 * How many characters after a leading `---` kubectl's reader drops with the line that the yaml
 * library would read differently: all of them when the line is a separator whose rest is not
 * plain YAML blanks (`---#c`, `---\u00a0`), else none.
 */
function droppedSeparatorLength(read: string): number {
  const end = leadingSeparatorLength(read);
  if (end === 0) return 0;
  const rest = read.slice(3, end);
  // The yaml library reads `---`, then blanks and a comment after a blank, as go-yaml does.
  if (/^(?:[ \t]+(?:#.*)?)?\r?$/.test(rest)) return 0;
  return rest.length - (rest.endsWith('\r') ? 1 : 0);
}

/**
 * Where the text go-yaml reads ends: after the line of the first `...` marker, or before a `---`
 * marker that starts a second document, whichever comes first; else the end.
 */
function readEnd(text: string): number {
  const start = findMarker(text, '---', (t, at) => afterBreak(t, at) && markerEnds(t, at));
  const second = start < 0 ? text.length : start;
  const found = findMarker(text, '...', (t, at) => (at === 0 || afterBreak(t, at)) && markerEnds(t, at));
  if (found < 0 || found > second) return second;
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = found;
  const after = lineBreak.exec(text);
  return after ? after.index + after[0].length : text.length;
}
