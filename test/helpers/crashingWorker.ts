import { parentPort } from 'node:worker_threads';
import type { JobResult, LintJob } from '../../server/src/cli/jobs';

/**
 * A worker for the pool's tests that dies the way real workers can: on an input whose path
 * contains `exit` it ends its thread with process.exit(7), on `throw` it throws outside any
 * handler; every other job gets an empty report after a short, varying time of work, so the
 * workers of a pool finish out of job order.
 */
function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('a worker thread only');
  port.on('message', (job: LintJob) => {
    const path = job.kind === 'input' && job.input.kind === 'file' ? job.input.path : '';
    if (path.includes('exit')) process.exit(7);
    if (path.includes('throw')) throw new Error('thrown by the test worker');
    // Jobs run one at a time, as in the real worker, and take different times.
    const until = Date.now() + ((job.file * 7) % 5);
    while (Date.now() < until);
    const result: JobResult = { file: job.file, batch: 0, documents: [] };
    port.postMessage(result);
  });
}

serve();
