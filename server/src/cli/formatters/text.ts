import type { EndpointDiagnostic as Diagnostic, Severity } from '../../service';
import type { LintRun } from '../lint';
import { countSeverities, fileDiagnostics } from '../lint';

/**
 * `--format text`: one line per diagnostic in the `path:line:col:` form editors and terminals
 * turn into links (1-based, unlike the JSON), then a summary line.
 */
export function formatText(run: LintRun): string {
  const lines: string[] = [];
  for (const file of run.files) {
    // The service lists problems in the apiserver's order; a reader scans a file top to bottom.
    for (const diagnostic of [...fileDiagnostics(file)].sort(byPosition)) {
      const { line, character } = diagnostic.range.start;
      // Advisory messages say themselves that they are not the apiserver's, so no marker is added.
      lines.push(
        `${file.path}:${line + 1}:${character + 1}: ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`,
      );
      for (const place of diagnostic.related ?? []) {
        lines.push(
          `  ${place.uri}:${place.range.start.line + 1}:${place.range.start.character + 1}: ${place.message}`,
        );
      }
    }
  }
  lines.push(summary(run));
  return `${lines.join('\n')}\n`;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function summary(run: LintRun): string {
  const counts = countSeverities(run);
  const parts = (['error', 'warning', 'information', 'hint'] as const satisfies readonly Severity[])
    .filter((severity) => severity === 'error' || severity === 'warning' || counts[severity] > 0)
    .map((severity) => plural(counts[severity], severity === 'information' ? 'info' : severity));
  const files = plural(run.files.length, 'file');
  return `${parts.join(', ')} in ${files} (Kubernetes ${run.settings.kubernetesVersion})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
