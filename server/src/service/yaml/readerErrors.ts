import { YAMLParseError } from 'yaml';

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
 */
const separatorLine = /(?<=^|\n)---([^\n]*)/g;

/**
 * A `...` line: go-yaml reads one document and ignores everything after its end marker. A lone
 * CR ends a line for go-yaml too.
 */
const endMarkerLine = /(?<=^|[\r\n])\.\.\.(?=[ \t\r\n]|$)/;

/** Next line, a line break to go-yaml; not one to editors and the LSP, which count lines. */
export const NEL = '\u0085';

/** The error that stops kubectl before go-yaml parses the document, if there is one. */
export function readerError(text: string): YAMLParseError | undefined {
  return separatorError(text) ?? controlCharacterError(text);
}

function separatorError(text: string): YAMLParseError | undefined {
  for (const found of text.matchAll(separatorLine)) {
    const rest = (found[1] ?? '').trim();
    if (rest === '' || rest.startsWith('#')) continue;
    const end = found.index + found[0].length;
    return new YAMLParseError(
      [found.index, Math.max(found.index + 1, end)],
      'UNEXPECTED_TOKEN',
      `invalid Yaml document separator: ${rest}`,
    );
  }
  return undefined;
}

function controlCharacterError(text: string): YAMLParseError | undefined {
  const found = notPrintable.exec(text);
  if (!found) return undefined;
  return new YAMLParseError(
    [found.index, found.index + 1],
    'UNEXPECTED_TOKEN',
    'control characters are not allowed',
  );
}

/**
 * The text go-yaml reads, with the same offsets: up to the end of the first `...` line, with
 * each NEL (U+0085) a LF, and without a comment glued to the leading `---` (`---#c`), which
 * kubectl's reader takes as a separator and drops but the yaml library reads as a scalar. NEL is
 * a line break to go-yaml (YAML 1.1) that it reads exactly as a LF, in plain, quoted and block
 * scalars and in comments; to the yaml library (YAML 1.2) it is an ordinary character.
 */
export function goyamlText(text: string): string {
  const normal = text.includes(NEL) ? text.replaceAll(NEL, '\n') : text;
  const read = normal.slice(0, readEnd(normal));
  if (!read.startsWith('---#')) return read;
  const lineEnd = read.indexOf('\n');
  const comment = lineEnd < 0 ? read.length - 3 : lineEnd - 3;
  return `---${' '.repeat(comment)}${read.slice(3 + comment)}`;
}

/** Where the text go-yaml reads ends: after the line of the first `...` marker, else the end. */
function readEnd(text: string): number {
  const found = endMarkerLine.exec(text);
  if (!found) return text.length;
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = found.index;
  const after = lineBreak.exec(text);
  return after ? after.index + after[0].length : text.length;
}
