import { WorkspaceIndex, createLanguageService } from '../service';
import type { DocumentReport, EndpointDiagnostic, FileSummary, ServiceSettings, Severity } from '../service';
import { withCrossFileAdvice } from './crossFile';
import { inputName, readInput } from './files';
import type { LintInput } from './files';

/** The validated documents of one input. */
export interface LintedFile {
  path: string;
  documents: DocumentReport[];
}

/** Everything a formatter needs: what was checked, against which settings, and what was found. */
export interface LintRun {
  settings: ServiceSettings;
  toolVersion: string;
  files: LintedFile[];
}

/** Validates every input with one service instance, in input order. */
export async function lintInputs(
  inputs: readonly LintInput[],
  settings: ServiceSettings,
  toolVersion: string,
): Promise<LintRun> {
  const service = createLanguageService();
  const summaries = new WorkspaceIndex();
  const files: LintedFile[] = [];
  const summarized: FileSummary[] = [];
  for (const input of inputs) {
    const text = await readInput(input);
    const path = inputName(input);
    files.push({ path, documents: service.validate(text, settings).documents });
    if (settings.advisories) summarized.push(summaries.summarize(text, path));
  }
  // All inputs are one workspace: the cross-file pass runs last, on this thread, from the summaries.
  return {
    settings,
    toolVersion,
    files: settings.advisories ? withCrossFileAdvice(files, summarized) : files,
  };
}

/** Every diagnostic of a file, in document order. */
export function fileDiagnostics(file: LintedFile): EndpointDiagnostic[] {
  return file.documents.flatMap((document) => document.diagnostics);
}

/** How many diagnostics of each severity the run found. */
export function countSeverities(run: LintRun): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of run.files) {
    for (const diagnostic of fileDiagnostics(file)) {
      counts[diagnostic.severity]++;
    }
  }
  return counts;
}
