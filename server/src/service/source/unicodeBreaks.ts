/**
 * Characters that kubectl's two readers and the editor count differently. kubectl's YAML reader
 * cuts a file into documents at LF only, and trims a `---` line with Go's `strings.TrimSpace`;
 * go-yaml v2 (YAML 1.1) also breaks lines at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
 * SEPARATOR (U+2029); editors and the LSP break lines at LF, CRLF and CR only. Each rule below was
 * checked with apimachinery's YAMLOrJSONDecoder, the decoder kubectl's builder uses.
 */

/** Next line: a line break to go-yaml that it reads exactly as a LF. */
export const NEL = '\u0085';
/** Line and paragraph separators: line breaks to go-yaml that it keeps as themselves in scalars. */
export const LS = '\u2028';
export const PS = '\u2029';

/** A line break to go-yaml that is an ordinary character to the yaml library and to editors. */
export const goyamlOnlyBreak = /[\u0085\u2028\u2029]/;

export function hasGoyamlOnlyBreak(text: string): boolean {
  return goyamlOnlyBreak.test(text);
}

/** Whether the text holds LS or PS, which go-yaml keeps in scalar values. */
export function hasSeparator(text: string): boolean {
  return text.includes(LS) || text.includes(PS);
}

/**
 * Go's `unicode.IsSpace`: what `strings.TrimSpace` removes from a `---` line. It differs from
 * JavaScript's `trim()`: NEL is a space to Go, a byte order mark (U+FEFF) is not.
 */
export function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Go's `strings.TrimSpace`. */
export function goTrimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * The length of the line break at `offset` as go-yaml reads it (CRLF is one break), or 0, and
 * what it puts in a scalar for it: LF for LF, CR, CRLF and NEL, LS and PS as themselves.
 */
export function goyamlBreakAt(text: string, offset: number): { length: number; value: string } {
  const char = text[offset];
  if (char === '\r') return { length: text[offset + 1] === '\n' ? 2 : 1, value: '\n' };
  if (char === '\n' || char === NEL) return { length: 1, value: '\n' };
  if (char === LS || char === PS) return { length: 1, value: char };
  return { length: 0, value: '' };
}
