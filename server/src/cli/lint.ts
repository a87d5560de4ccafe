import { createLanguageService } from '../service';
import type { DocumentReport, EndpointDiagnostic, ServiceSettings, Severity } from '../service';
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
  const files: LintedFile[] = [];
  for (const input of inputs) {
    const text = await readInput(input);
    files.push({ path: inputName(input), documents: service.validate(text, settings).documents });
  }
  return { settings, toolVersion, files };
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
