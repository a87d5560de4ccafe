import { statSync } from 'node:fs';
import { chunksOf } from '../service';
import { InputError, readInput } from './files';
import type { LintInput } from './files';
import type { FileChunk, JobResult, LintJob } from './jobs';

/**
 * How a run is cut into jobs for the worker threads. A worker starts cold (it loads the engine
 * and compiles the parser again), about 0.3 s of CPU, as much as validating 300 KB; below 1 MB
 * two workers gain nothing over one thread, so a small run stays on one thread;
 * a large file is cut into runs of whole documents so its documents are validated on every core.
 */
export interface ParallelLimits {
  minParallelBytes: number;
  splitBytes: number;
  partBytes: number;
}

export const parallelLimits: Readonly<ParallelLimits> = {
  /** Below this many bytes in all, one thread is faster. */
  minParallelBytes: 1024 * 1024,
  /** A file this large is read on the main thread and cut into parts of about `partBytes`. */
  splitBytes: 256 * 1024,
  partBytes: 128 * 1024,
};

export interface Plan {
  jobs: LintJob[];
  /** Results known before any worker runs: inputs the main thread read and could not. */
  early: JobResult[];
}

/**
 * Jobs for `inputs`, or undefined when their files are too small for workers to pay off
 * (standard input counts for nothing here: its size is unknown until it is read). Standard
 * input and large files are read here (their documents become jobs); other files are read by
 * the worker that validates them, so reading runs in parallel too.
 */
export async function planJobs(
  inputs: readonly LintInput[],
  limits: Readonly<ParallelLimits> = parallelLimits,
): Promise<Plan | undefined> {
  const sizes = inputs.map(sizeOf);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total < limits.minParallelBytes) return undefined;
  const jobs: LintJob[] = [];
  const early: JobResult[] = [];
  for (const [file, input] of inputs.entries()) {
    if (input.kind === 'file' && sizes[file] < limits.splitBytes) {
      jobs.push({ kind: 'input', file, input });
      continue;
    }
    try {
      const text = await readInput(input);
      parts(chunksOf(text), limits.partBytes).forEach((chunks, part) =>
        jobs.push({ kind: 'documents', file, part, chunks }),
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      early.push({ file, part: 0, inputError: error.message });
    }
  }
  // The longest jobs first, so no worker starts a large part when the others are done.
  jobs.sort((a, b) => weight(b) - weight(a));
  return { jobs, early };
}

function sizeOf(input: LintInput): number {
  if (input.kind === 'stdin') return 0;
  try {
    return statSync(input.path).size;
  } catch {
    // The worker that reads it reports why it cannot, in the run's order.
    return 0;
  }
}

/** Consecutive chunks grouped into parts of about `partBytes` each; a file has at least one. */
function parts(chunks: readonly FileChunk[], partBytes: number): FileChunk[][] {
  const out: FileChunk[][] = [[]];
  let bytes = 0;
  for (const chunk of chunks) {
    const current = out[out.length - 1];
    if (bytes >= partBytes && current.length > 0) {
      out.push([chunk]);
      bytes = chunk.text.length;
    } else {
      current.push(chunk);
      bytes += chunk.text.length;
    }
  }
  return out;
}

function weight(job: LintJob): number {
  return job.kind === 'documents' ? job.chunks.reduce((n, c) => n + c.text.length, 0) : 0;
}
