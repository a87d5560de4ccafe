import type { DocumentReport, EndpointDiagnostic } from '../../service';
import type { LintRun } from '../lint';

/**
 * `--format json`, a stable contract that scripts parse: every key is always present (null when
 * a document has no such value), lines and characters are 0-based, and the key order is fixed.
 */
export function formatJson(run: LintRun): string {
  const output = {
    kubernetesVersion: run.settings.kubernetesVersion,
    files: run.files.map((file) => ({ path: file.path, documents: file.documents.map(documentJson) })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

function documentJson(document: DocumentReport): object {
  return {
    index: document.index,
    // A List item shares its document's index; item says which one it is (null otherwise).
    item: document.item ?? null,
    apiVersion: document.apiVersion ?? null,
    kind: document.kind ?? null,
    name: document.name ?? null,
    templated: document.templated ?? false,
    diagnostics: document.diagnostics.map(diagnosticJson),
  };
}

function diagnosticJson(diagnostic: EndpointDiagnostic): object {
  const { start, end } = diagnostic.range;
  return {
    severity: diagnostic.severity,
    origin: diagnostic.origin,
    reason: diagnostic.reason,
    field: diagnostic.field,
    code: diagnostic.code,
    message: diagnostic.message,
    range: {
      start: { line: start.line, character: start.character },
      end: { line: end.line, character: end.character },
    },
    // Where the other side is (the pod template a selector misses): path, 0-based range, message.
    related: (diagnostic.related ?? []).map((place) => ({
      path: place.uri,
      range: place.range,
      message: place.message,
    })),
  };
}
