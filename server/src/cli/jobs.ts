import type {
  ChunkedSource,
  DocumentReport,
  EndpointDiagnostic,
  FileSummary,
  LanguageService,
  ServiceSettings,
  TextSource,
  WorkspaceIndex,
} from '../service';
import { InputError, readInput } from './files';
import type { LintInput } from './files';

/**
 * One unit of lint work, the same whether it runs on the main thread or in a worker: a whole
 * input, or a run of consecutive `---` documents of a large file (a *batch*, `batch` numbers them in
 * file order). Documents are validated independently of each other, so a file validated in batches
 * gives exactly the reports of the file validated whole. An input job carries its size when the
 * plan knows it (the pool keeps a worker's queue by bytes).
 */
export type LintJob =
  | { kind: 'input'; file: number; input: LintInput; bytes?: number }
  | { kind: 'documents'; file: number; batch: number; chunks: Chunk[] };

/** The bytes a job validates, as far as is known before it runs (0 when unknown). */
export function jobBytes(job: LintJob): number {
  return job.kind === 'documents' ? job.chunks.reduce((n, c) => n + c.text.length, 0) : (job.bytes ?? 0);
}

/** A `---` document of a file, with its index and first line (the service's split). */
export type Chunk = ChunkedSource['chunks'][number];

/** What a job produced: its documents' reports, or the I/O failure that stops the run. */
export type JobResult =
  | { file: number; batch: number; documents: DocumentReport[]; summary?: FileSummary }
  | { file: number; batch: number; inputError: string };

/**
 * Runs one job with `service`. Never throws: every failure is a result. With `summaries`, the
 * result also carries the summary the cross-file advice is computed from on the main thread
 * (crossFile.ts), its items without a uri yet.
 */
export async function runJob(
  service: LanguageService,
  job: LintJob,
  settings: ServiceSettings,
  summaries?: WorkspaceIndex,
): Promise<JobResult> {
  const validate = (source: TextSource): { documents: DocumentReport[]; summary?: FileSummary } => ({
    documents: service.validate(source, settings).documents,
    ...(summaries && settings.advisories ? { summary: summaries.summarize(source) } : {}),
  });
  const batch = job.kind === 'documents' ? job.batch : 0;
  try {
    if (job.kind === 'documents') {
      // A source made of some of the file's documents: each keeps its index and first line, so
      // the reports land where they do when the whole file is validated. Validation without a
      // workspace reads the chunks only, never the file's text.
      const { chunks } = job;
      const source: ChunkedSource = { chunks, text: () => chunks.map((c) => c.text).join('\n') };
      return { file: job.file, batch, ...validate(source) };
    }
    const text = await readInput(job.input);
    return { file: job.file, batch, ...validate(text) };
  } catch (error) {
    if (error instanceof InputError) return { file: job.file, batch, inputError: error.message };
    return { file: job.file, batch, documents: internalError(job, describe(error)) };
  }
}

/**
 * The report of a job that could not finish (the engine threw outside a document, or the worker
 * running it died): one `internal-error` warning per document it covered, or on the file's
 * first line when its documents are unknown, so the run still ends with a report.
 */
export function internalError(job: LintJob, reason: string): DocumentReport[] {
  const what = job.kind === 'documents' ? 'document' : 'file';
  const message = `This ${what} could not be validated (internal error: ${reason}); please report it.`;
  const places =
    job.kind === 'documents'
      ? job.chunks.map((chunk) => ({ index: chunk.index, line: chunk.startLine }))
      : [{ index: 0, line: 0 }];
  return places.map(({ index, line }) => {
    const at = { line, character: 0 };
    const diagnostic: EndpointDiagnostic = {
      range: { start: at, end: at },
      severity: 'warning',
      code: 'internal-error',
      message,
      origin: 'syntax',
      reason: 'SyntaxError',
      field: '',
    };
    return { index, range: { start: at, end: at }, diagnostics: [diagnostic] };
  });
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
