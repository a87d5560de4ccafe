import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver';
import type { EndpointDiagnostic, Severity } from '../service';

/** The diagnostic `source` users see next to every message, distinct from the Red Hat YAML extension's. */
export const diagnosticSource = 'endpointslices';

/** What a diagnostic carries in `data`, for quick fixes and for clients that want to filter. */
export interface DiagnosticData {
  field: string;
  reason: string;
  origin: string;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts one service diagnostic; the range already uses LSP's 0-based UTF-16 positions. */
export function toLspDiagnostic(diagnostic: EndpointDiagnostic): Diagnostic {
  const data: DiagnosticData = {
    field: diagnostic.field,
    reason: diagnostic.reason,
    origin: diagnostic.origin,
  };
  const out: Diagnostic = {
    range: diagnostic.range,
    severity: severities[diagnostic.severity],
    source: diagnosticSource,
    code: diagnostic.code,
    message: diagnostic.message,
    data,
  };
  // Routing advice names the other side (the pod template a selector misses) in another file.
  if (diagnostic.related) {
    out.relatedInformation = diagnostic.related.map(({ uri, range, message }) => ({
      location: { uri, range },
      message,
    }));
  }
  return out;
}
