import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex, createLanguageService } from '../service';
import type { DocumentReport, EndpointDiagnostic, FileSummary, ServiceSettings, Severity } from '../service';
import { withCrossFileAdvice } from './crossFile';
import { InputError, inputName } from './files';
import type { LintInput } from './files';
import { runJob } from './jobs';
import type { JobResult, LintJob } from './jobs';
import { parallelLimits, planJobs } from './plan';
import type { ParallelLimits } from './plan';
import { runPool } from './pool';
import type { WorkerData } from './worker';

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

/**
 * Validates every input, reporting them in input order. With `jobs` above 1 and enough to do,
 * the work is spread over that many threads (this one and `jobs - 1` workers); the report is the
 * same byte for byte.
 */
export async function lintInputs(
  inputs: readonly LintInput[],
  settings: ServiceSettings,
  toolVersion: string,
  jobs = 1,
  limits?: ParallelLimits,
): Promise<LintRun> {
  const plan = jobs > 1 ? await planJobs(inputs, limits ?? parallelLimits(jobs)) : undefined;
  const results =
    plan === undefined
      ? await lintInOrder(inputs, settings)
      : [...plan.early, ...(await runPlanned(plan.jobs, settings, jobs))];
  const { documents, summaries } = collect(inputs.length, results);
  const files = inputs.map((input, file) => ({ path: inputName(input), documents: documents[file] ?? [] }));
  if (!settings.advisories) return { settings, toolVersion, files };
  // All inputs are one workspace: the cross-file pass runs last, on this thread, from the
  // summaries, so its advice is the same however the files were spread over threads.
  const placed = files.map((file, i) => withUri(summaries[i] ?? emptySummary(), file.path));
  return { settings, toolVersion, files: withCrossFileAdvice(files, placed) };
}

/** One service on this thread; the first input that cannot be read ends the run. */
async function lintInOrder(inputs: readonly LintInput[], settings: ServiceSettings): Promise<JobResult[]> {
  const service = createLanguageService();
  // On the service's store: each document is summarized from validation's parse of it, not parsed again.
  const summaries = new WorkspaceIndex(service.documents);
  const results: JobResult[] = [];
  for (const [file, input] of inputs.entries()) {
    const result = await runJob(service, { kind: 'input', file, input }, settings, summaries);
    if ('inputError' in result) throw new InputError(result.inputError);
    results.push(result);
  }
  return results;
}

/**
 * The planned jobs on `jobs` threads: this one and `jobs - 1` workers, all taking jobs from one
 * queue; with one job, on this thread alone.
 */
async function runPlanned(
  planned: readonly LintJob[],
  settings: ServiceSettings,
  jobs: number,
): Promise<JobResult[]> {
  const service = createLanguageService();
  // On the service's store: each document is summarized from validation's parse of it, not parsed again.
  const summaries = new WorkspaceIndex(service.documents);
  const local = (job: LintJob): Promise<JobResult> => runJob(service, job, settings, summaries);
  const workers = Math.min(jobs, planned.length) - 1;
  if (workers > 0) return runPool(planned, { ...poolOptions(settings, workers), local });
  const results: JobResult[] = [];
  for (const job of planned) results.push(await local(job));
  return results;
}

/**
 * Each file's documents from its batches in order. An input that could not be read ends the run
 * as it does on one thread: the first such input in input order is the one reported.
 */
function collect(
  files: number,
  results: readonly JobResult[],
): { documents: DocumentReport[][]; summaries: FileSummary[] } {
  const sorted = [...results].sort((a, b) => a.file - b.file || a.batch - b.batch);
  const failed = sorted.find((r) => 'inputError' in r);
  if (failed !== undefined && 'inputError' in failed) throw new InputError(failed.inputError);
  const documents: DocumentReport[][] = Array.from({ length: files }, () => []);
  const summaries: FileSummary[] = Array.from({ length: files }, emptySummary);
  for (const result of sorted) {
    if (!('documents' in result)) continue;
    documents[result.file].push(...result.documents);
    const into = summaries[result.file];
    const summary = result.summary;
    if (summary) {
      into.services.push(...summary.services);
      into.slices.push(...summary.slices);
      into.endpoints.push(...summary.endpoints);
      into.templates.push(...summary.templates);
    }
  }
  return { documents, summaries };
}

function emptySummary(): FileSummary {
  return { services: [], slices: [], endpoints: [], templates: [] };
}

/** A summary's items with the file's path as their uri (the related places name it). */
function withUri(summary: FileSummary, uri: string): FileSummary {
  const place = <T extends { uri: string }>(item: T): T => ({ ...item, uri });
  return {
    services: summary.services.map(place),
    slices: summary.slices.map(place),
    endpoints: summary.endpoints.map(place),
    templates: summary.templates.map(place),
  };
}

function poolOptions(settings: ServiceSettings, width: number): Parameters<typeof runPool>[1] {
  const workerData: WorkerData = { settings };
  return { workerFile: workerFile(), workerData, width };
}

/** dist/cliWorker.js next to the bundled CLI; worker.js next to this file when run from out/. */
function workerFile(): string {
  const bundled = join(__dirname, 'cliWorker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'worker.js');
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
