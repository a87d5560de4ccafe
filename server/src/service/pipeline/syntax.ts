import type { Node } from 'yaml';
import type { ParsedChunk } from '../yaml/yamlDocument';
import { positionAt, rangeOf } from '../yaml/yamlDocument';
import type { EndpointDiagnostic } from '../types';

/** At most this many syntax errors per document: past the first few they are echoes of one mistake. */
const maxSyntaxErrors = 10;

/**
 * YAML syntax errors. In a templated document, errors on or next to a line the template
 * touched are the masking's, not the user's, and are left out.
 */
export function syntaxDiagnostics(
  chunk: ParsedChunk,
  touchedLines?: ReadonlySet<number>,
): EndpointDiagnostic[] {
  return chunk.doc.errors
    .filter((error) => !touchedLines || !nearTemplate(chunk, error.pos[0], touchedLines))
    .slice(0, maxSyntaxErrors)
    .map((error) => ({
      range: rangeOf(chunk, error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
      severity: 'error',
      code: 'yaml-syntax',
      message: `YAML syntax error: ${firstSentence(error.message)}`,
      origin: 'syntax',
      reason: 'SyntaxError',
      field: '',
    }));
}

function nearTemplate(chunk: ParsedChunk, offset: number, touched: ReadonlySet<number>): boolean {
  const line = positionAt(chunk, offset).line;
  return touched.has(line) || touched.has(line - 1) || touched.has(line + 1);
}

/** kubectl stops reading a JSON file at its first syntax error; nothing of the document is sent. */
export function jsonSyntaxDiagnostic(
  chunk: ParsedChunk,
  error: { offset: number; message: string },
): EndpointDiagnostic {
  return {
    range: rangeOf(chunk, error.offset, error.offset + 1),
    severity: 'error',
    code: 'json-syntax',
    message: `JSON syntax error: ${error.message} (kubectl reads a file that starts with "{" as JSON)`,
    origin: 'syntax',
    reason: 'SyntaxError',
    field: '',
  };
}

/** A List kubectl cannot unpack: the items are never sent, so none of them is validated. */
export function listDiagnostic(
  chunk: ParsedChunk,
  node: Node | undefined,
  message: string,
): EndpointDiagnostic {
  const [start, end] = node?.range ?? [0, 0];
  const newline = chunk.text.indexOf('\n', start);
  const stop = newline >= 0 && newline < end ? newline : end;
  return {
    range: rangeOf(chunk, start, Math.max(start, stop)),
    severity: 'error',
    code: 'list-invalid',
    message,
    origin: 'syntax',
    reason: 'SyntaxError',
    field: 'items',
  };
}

function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
