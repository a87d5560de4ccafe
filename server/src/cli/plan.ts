import { statSync } from 'node:fs';
import { chunksOf } from '../service';
import { InputError, readInput } from './files';
import type { LintInput } from './files';
import { jobBytes } from './jobs';
import type { Chunk, JobResult, LintJob } from './jobs';

/**
 * How a run is cut into jobs for the main thread and the worker threads. A worker starts cold: it
 * loads the engine and its code runs slowly until the JIT has compiled it, and while both threads
 * warm up their compilers and collectors compete for the same cores. Measured on 2 cores, a
 * worker gained nothing on 8 MB of input (2,000 small files: 0.96 s with one worker, 0.88 s
 * without) and 10% on 38 MB; so a run goes parallel only when its input outweighs a cold start
 * by the share of the work the workers take off this thread (unless `--jobs` asked for them).
 * A large file is cut into runs of whole documents so its documents are validated on every core.
 */
export interface ParallelLimits {
  /** Below this many bytes in all, one thread is faster. */
  minParallelBytes: number;
  /** A file this large is read on the main thread and cut into batches of about `batchBytes`. */
  splitBytes: number;
  batchBytes: number;
}

/** The input whose validation on one thread takes about as long as a worker's cold start costs. */
const coldStartBytes = 5 * 1024 * 1024;

/**
 * The limits for a run on `jobs` threads: the workers take `1 - 1/jobs` of the work, which must
 * be worth more than their cold start (10 MB on 2 threads, 6.7 MB on 4, 5.7 MB on 8).
 */
export function parallelLimits(jobs: number): ParallelLimits {
  return {
    minParallelBytes: Math.round(coldStartBytes / (1 - 1 / Math.max(2, jobs))),
    splitBytes: 256 * 1024,
    batchBytes: 128 * 1024,
  };
}

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
  limits: Readonly<ParallelLimits>,
): Promise<Plan | undefined> {
  const sizes = inputs.map(sizeOf);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total < limits.minParallelBytes) return undefined;
  const jobs: LintJob[] = [];
  const early: JobResult[] = [];
  for (const [file, input] of inputs.entries()) {
    if (input.kind === 'file' && sizes[file] < limits.splitBytes) {
      jobs.push({ kind: 'input', file, input, bytes: sizes[file] });
      continue;
    }
    try {
      const text = await readInput(input);
      batches(chunksOf(text), limits.batchBytes).forEach((chunks, batch) =>
        jobs.push({ kind: 'documents', file, batch, chunks }),
      );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      early.push({ file, batch: 0, inputError: error.message });
    }
  }
  // The longest jobs first, so no worker starts a large batch when the others are done.
  // (Whole small files count for nothing here: they stay in input order behind the batches.)
  jobs.sort((a, b) => batchWeight(b) - batchWeight(a));
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

/** Consecutive documents grouped into batches of about `batchBytes` each; a file has at least one. */
function batches(chunks: readonly Chunk[], batchBytes: number): Chunk[][] {
  const out: Chunk[][] = [[]];
  let bytes = 0;
  for (const chunk of chunks) {
    const current = out[out.length - 1];
    if (bytes >= batchBytes && current.length > 0) {
      out.push([chunk]);
      bytes = chunk.text.length;
    } else {
      current.push(chunk);
      bytes += chunk.text.length;
    }
  }
  return out;
}

function batchWeight(job: LintJob): number {
  return job.kind === 'documents' ? jobBytes(job) : 0;
}
