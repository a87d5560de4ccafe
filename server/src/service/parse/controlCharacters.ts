import { YAMLParseError } from 'yaml';

/**
 * go-yaml v2, kubectl's YAML reader, refuses a document that holds a character YAML 1.1 does not
 * allow in a stream: the C0 controls other than tab, LF and CR, DEL, the C1 controls other than
 * NEL, and the noncharacters U+FFFE and U+FFFF. It checks the bytes before it scans them, so
 * such a character fails the document even in a comment or a quoted string, and kubectl sends
 * nothing of it. The yaml library takes these characters as ordinary text, so they are looked
 * for here. A byte order mark (U+FEFF) is allowed anywhere, as it is by go-yaml.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const notPrintable = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;

/** go-yaml's error for the document's first control character, if it has one. */
export function controlCharacterError(text: string): YAMLParseError | undefined {
  const found = notPrintable.exec(text);
  if (!found) return undefined;
  return new YAMLParseError(
    [found.index, found.index + 1],
    'UNEXPECTED_TOKEN',
    'control characters are not allowed',
  );
}
