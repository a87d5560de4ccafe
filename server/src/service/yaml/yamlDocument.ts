import { LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { isMap, isScalar } from 'yaml';
import type { Position, Range } from '../types';
import { goyamlText, readerError } from './readerErrors';
import { keepSeparatorsInScalars, separatorsInFlow } from './separatorScalars';
import { hasSeparator } from '../source/unicodeBreaks';
import { conversionOf } from './conversion';
import { kubectlTags } from './goyamlScalars';
import { plainDocument } from './plainParse';
import type { ScalarResolutions } from './plainScalars';

/** A parsed document and what turns its offsets into positions. */
export interface ParsedChunk {
  doc: Document.Parsed;
  lines: LineCounter;
  text: string;
  /** Whether the plain reader built the Document (yaml/plainParse.ts), for the counts tests keep. */
  plain?: true;
}

/**
 * How to parse: `fullParse` turns the plain reader off (the equivalence tests compare the two);
 * `resolutions` is the plain reader's memo of scalar resolutions across documents (a store's).
 */
export interface ParseOptions {
  fullParse?: boolean;
  resolutions?: ScalarResolutions;
}

/**
 * The options that read YAML as kubectl's reader (go-yaml v2) does: YAML 1.1 booleans (`yes`,
 * `no`) and merge keys, go-yaml's own numbers (`010` and `0o10` are octal, `1:20` is a string;
 * yaml/goyamlScalars.ts), and duplicate keys allowed (decoding reports them; kubectl keeps the
 * last one). For every reader of YAML text that must agree with kubectl.
 */
export const kubectlYaml = {
  version: '1.1',
  uniqueKeys: false,
  merge: true,
  resolveKnownTags: false,
  customTags: kubectlTags,
  prettyErrors: false,
  // The yaml library would report odd input (a collection as a key) with process warnings,
  // which reach the CLI's stderr and the server's log; findings are reported as diagnostics.
  logLevel: 'error',
} as const;

/**
 * Parses one document as kubectl reads it (`kubectlYaml`), with what makes kubectl's conversion
 * to JSON fail (an unknown anchor, an anchor that contains itself, `.inf`; yaml/conversion.ts)
 * added to its errors. A JSON document (`json`) is read with the JSON-compatible YAML 1.2 core
 * schema, which gives JSON's numbers and escapes; its strict JSON syntax is checked separately
 * (source/jsonStream.ts).
 */
/**
 * A document of a CRLF file ends with the CR of the `\r\n` before the next `---` (the split cuts
 * at the LF, so that joining documents with LF gives the file back). To `yaml` a CR at the very
 * end is part of the last scalar (`protocol: TCP` would read "TCP\r"); completing the pair makes it
 * the line break it is in the file. Offsets before it do not move.
 */
function lineEnded(text: string): string {
  return text.endsWith('\r') ? `${text}\n` : text;
}

export function parseChunk(
  text: string,
  format: 'yaml' | 'json' = 'yaml',
  options: ParseOptions = {},
): ParsedChunk {
  if (format === 'json') {
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      version: '1.2',
      uniqueKeys: false,
      prettyErrors: false,
      lineCounter: lines,
    });
    lines.lineStarts = editorLineStarts(text);
    return { doc, lines, text };
  }
  // go-yaml reads up to the first `...` marker; what follows is ignored, so it is not parsed.
  const read = goyamlText(text);
  if (!options.fullParse && read === text) {
    const plain = plainChunk(text, options.resolutions);
    if (plain) return plain;
  }
  const first = new LineCounter();
  const parsed = withoutStackTraces(() =>
    parseDocument(lineEnded(read), { ...kubectlYaml, lineCounter: first }),
  );
  const { doc, lines } =
    parsed.errors.length > 0 && hasSeparator(text)
      ? separatorsAsBlanks(text, parsed, first)
      : { doc: parsed, lines: first };
  lines.lineStarts = editorLineStarts(text);
  if (doc.errors.length === 0 && hasSeparator(text)) keepSeparatorsInScalars(doc, text.slice(0, read.length));
  // kubectl's reader fails the document before go-yaml reads it, so its error stands alone.
  const refused = readerError(text);
  if (refused) doc.errors.splice(0, doc.errors.length, refused);
  else if (doc.errors.length === 0) doc.errors.push(...conversionOf(doc).errors);
  return { doc, lines, text };
}

/**
 * The plain reader's parse of a document in the subset it reads (yaml/plainParse.ts), with the
 * same reader and conversion errors as the full parse; undefined when it steps aside. It reads
 * no text holding a NEL, LS or PS, so the separator handling below never applies to it.
 */
function plainChunk(text: string, resolutions?: ScalarResolutions): ParsedChunk | undefined {
  if (readerError(text) || hasSeparator(text)) return undefined;
  const doc = plainDocument(text, kubectlYaml, resolutions);
  if (!doc) return undefined;
  doc.errors.push(...conversionOf(doc).errors);
  const lines = new LineCounter();
  lines.lineStarts = editorLineStarts(text);
  return { doc, lines, text, plain: true };
}

/**
 * A parse where the LS and PS inside quoted scalars and flow collections are blanks
 * (parse/separatorScalars.ts separatorsInFlow), taken when it succeeds where reading every one
 * as a LF failed: the yaml library wants a quoted scalar's or a flow collection's next line
 * indented, go-yaml does not.
 */
function separatorsAsBlanks(
  text: string,
  parsed: Document.Parsed,
  lines: LineCounter,
): { doc: Document.Parsed; lines: LineCounter } {
  const retryLines = new LineCounter();
  const read = goyamlText(text, separatorsInFlow(text));
  const retry = withoutStackTraces(() =>
    parseDocument(lineEnded(read), { ...kubectlYaml, lineCounter: retryLines }),
  );
  return retry.errors.length === 0 ? { doc: retry, lines: retryLines } : { doc: parsed, lines };
}

/**
 * Where the lines start, as editors and the LSP count them, at LF (a ChunkedText or textOf has
 * turned each lone CR into a LF already). Not the yaml library's count: it skips the line breaks
 * of some text it cannot parse (so an error's column ran past its line's end), counts those it
 * does not parse (after `...`) not at all, and NEL, LS and PS, which the parse reads as LFs, are
 * not line breaks to editors: what follows one is on its line, at a column counting it as one
 * character.
 */
function editorLineStarts(text: string): number[] {
  const starts = [0];
  for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
    starts.push(newline + 1);
  }
  return starts;
}

/**
 * Runs a parse with V8's stack traces off. The yaml library makes an Error for every problem it
 * meets, and text that is not YAML (a Helm template read raw, a binary file) yields one per line:
 * capturing their stacks cost 7 s of a 1 MB template's outline. Nobody reads those stacks.
 */
function withoutStackTraces<T>(parse: () => T): T {
  const errors = Error as { stackTraceLimit?: number };
  const limit = errors.stackTraceLimit;
  errors.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    errors.stackTraceLimit = limit;
  }
}

export function positionAt(chunk: ParsedChunk, offset: number): Position {
  // A chunk of a CRLF file ends with the CR of the break before the next `---`: a position past
  // it would lie beyond its line's end, so the line ends before it.
  const end = chunk.text.endsWith('\r') ? chunk.text.length - 1 : chunk.text.length;
  const { line, col } = chunk.lines.linePos(Math.max(0, Math.min(offset, end)));
  return { line: line - 1, character: col - 1 };
}

export function rangeOf(chunk: ParsedChunk, start: number, end: number): Range {
  return { start: positionAt(chunk, start), end: positionAt(chunk, Math.max(start, end)) };
}

/** The range of a node's value text (without trailing comments or line breaks). */
export function nodeRange(chunk: ParsedChunk, node: Node): Range {
  const [start, valueEnd] = node.range ?? [0, 0];
  return rangeOf(chunk, start, valueEnd);
}

/** Reads a top-level scalar such as `kind`, without decoding the document. */
export function topLevelScalar(chunk: ParsedChunk, key: string): unknown {
  const root = chunk.doc.contents;
  if (!isMap(root)) return undefined;
  const value = root.get(key, true);
  return isScalar(value) ? value.value : undefined;
}
