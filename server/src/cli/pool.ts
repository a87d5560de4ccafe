import { Worker } from 'node:worker_threads';
import { describe, internalError, jobBytes } from './jobs';
import type { JobResult, LintJob } from './jobs';

export interface PoolOptions {
  /** The worker script: it answers each job message with one JobResult message, in order. */
  workerFile: string;
  workerData: unknown;
  /** How many workers run at once. */
  width: number;
  /**
   * Runs a job on this thread. With it, this thread takes jobs from the same queue as the workers
   * instead of waiting for them: it would otherwise sit idle, and a worker costs a cold start.
   */
  local?: (job: LintJob) => Promise<JobResult>;
}

/**
 * What a worker holds at once: the job it runs and the next, and more small jobs until this many
 * bytes are queued. This thread hands out jobs only between its own jobs, so a worker must hold
 * enough to stay busy meanwhile: with two jobs of one small file each, workers idled for 10–40% of
 * a run (0.92 s against 0.84 s for 2,000 files of 4 KB on 2 threads); a larger queue of large
 * batches would leave a worker busy at the end while the others are done.
 */
const minQueued = 2;
const queuedBytes = 96 * 1024;
const maxQueued = 64;

/**
 * Runs `jobs` on `width` worker threads (and on this thread too with `options.local`), handing
 * each its next job as it answers one, and returns the results in job order whatever order they
 * finished in. A worker that dies (an
 * uncaught error, out of memory, process.exit) costs the job it was running an internal-error
 * report; the jobs queued behind it go to a fresh worker. Every death settles at least one job,
 * so the run always ends.
 */
export function runPool(jobs: readonly LintJob[], options: PoolOptions): Promise<JobResult[]> {
  const results: JobResult[] = new Array<JobResult>(jobs.length);
  const retry: number[] = [];
  let next = 0;
  let settled = 0;
  const workers = new Set<Worker>();
  const take = (): number | undefined => retry.shift() ?? (next < jobs.length ? next++ : undefined);

  return new Promise((resolve) => {
    const finishIfDone = (): void => {
      if (settled < jobs.length) return;
      for (const worker of workers) void worker.terminate();
      workers.clear();
      resolve(results);
    };
    const settle = (position: number, result: JobResult): void => {
      results[position] = result;
      settled++;
    };
    const start = (): void => {
      const worker = new Worker(options.workerFile, { workerData: options.workerData });
      const inFlight: number[] = [];
      let inFlightBytes = 0;
      let failure: string | undefined;
      const wantsMore = (): boolean =>
        inFlight.length < minQueued || (inFlightBytes < queuedBytes && inFlight.length < maxQueued);
      const feed = (): void => {
        while (wantsMore()) {
          const position = take();
          if (position === undefined) return;
          inFlight.push(position);
          inFlightBytes += jobBytes(jobs[position]);
          worker.postMessage(jobs[position]);
        }
      };
      worker.on('message', (result: JobResult) => {
        const position = inFlight.shift();
        if (position === undefined) return;
        inFlightBytes -= jobBytes(jobs[position]);
        settle(position, result);
        feed();
        finishIfDone();
      });
      worker.on('error', (error) => {
        failure = describe(error);
      });
      worker.on('exit', (code) => {
        if (!workers.delete(worker)) return;
        const [running, ...queued] = inFlight;
        if (running !== undefined) {
          const reason = failure ?? `the worker validating it stopped with exit code ${code}`;
          const job = jobs[running];
          settle(running, { file: job.file, batch: batchOf(job), documents: internalError(job, reason) });
        }
        retry.unshift(...queued);
        if (settled < jobs.length && (retry.length > 0 || next < jobs.length)) start();
        finishIfDone();
      });
      workers.add(worker);
      feed();
    };
    // This thread's loop: one job at a time, yielding between jobs so the workers' answers are
    // handled and the workers fed while it works.
    const runHere = async (local: NonNullable<PoolOptions['local']>, first: number): Promise<void> => {
      for (let position: number | undefined = first; position !== undefined; position = take()) {
        settle(position, await local(jobs[position]));
        finishIfDone();
        await new Promise<void>((resume) => setImmediate(resume));
      }
    };
    if (jobs.length === 0) {
      resolve(results);
      return;
    }
    // This thread takes the first (longest) job before the workers are fed: they start cold.
    const first = options.local ? take() : undefined;
    for (let i = 0; i < Math.min(options.width, jobs.length - (first === undefined ? 0 : 1)); i++) start();
    if (options.local && first !== undefined) void runHere(options.local, first);
  });
}

function batchOf(job: LintJob): number {
  return job.kind === 'documents' ? job.batch : 0;
}
