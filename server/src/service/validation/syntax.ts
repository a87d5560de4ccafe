import type { ParsedChunk } from '../parse/yamlDocument';
import { rangeOf } from '../parse/yamlDocument';
import type { EndpointDiagnostic } from '../types';

/** At most this many syntax errors per document: past the first few they are echoes of one mistake. */
const maxSyntaxErrors = 10;

export function syntaxDiagnostics(chunk: ParsedChunk): EndpointDiagnostic[] {
  return chunk.doc.errors.slice(0, maxSyntaxErrors).map((error) => ({
    range: rangeOf(chunk, error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
    severity: 'error',
    code: 'yaml-syntax',
    message: `YAML syntax error: ${firstSentence(error.message)}`,
    origin: 'syntax',
    reason: 'SyntaxError',
    field: '',
  }));
}

function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
