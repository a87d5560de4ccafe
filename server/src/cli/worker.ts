import { parentPort, workerData } from 'node:worker_threads';
import { WorkspaceIndex, createLanguageService } from '../service';
import type { ServiceSettings } from '../service';
import { runJob } from './jobs';
import type { LintJob } from './jobs';

/**
 * A lint worker thread (dist/cliWorker.js): one language service, jobs run one at a time in the
 * order they arrive, each answered with one message. The pool keeps a job or two queued here so
 * the worker never waits for the main thread between jobs.
 */
export interface WorkerData {
  settings: ServiceSettings;
}

function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('cliWorker.js runs as a worker thread of endpointslice-lint');
  const { settings } = workerData as WorkerData;
  const service = createLanguageService();
  // On the service's store: each document is summarized from validation's parse of it, not parsed again.
  const summaries = new WorkspaceIndex(service.documents);
  let queue = Promise.resolve();
  port.on('message', (job: LintJob) => {
    queue = queue.then(async () => port.postMessage(await runJob(service, job, settings, summaries)));
  });
}

serve();
