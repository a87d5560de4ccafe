import { CancellationTokenSource } from 'vscode-languageserver';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { describeError } from './guard';
import type { ErrorLog } from './guard';

/** A document as the scheduler sees it: where it lives and which edit it is at. */
export interface VersionedDocument {
  uri: string;
  version: number;
}

export interface SchedulerDeps {
  /** Milliseconds to wait after the last edit before validating. */
  delayMs: number;
  /** The document's current version, or undefined once it is closed. */
  currentVersion(uri: string): number | undefined;
  /** Computes diagnostics; may await settings, and should stop early when the token fires. */
  compute(uri: string, token: CancellationToken): Promise<Diagnostic[] | undefined>;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  log: ErrorLog;
}

interface PendingRun {
  /** Cancels the wait before the run; undefined once the run started. */
  stopWaiting: (() => void) | undefined;
  source: CancellationTokenSource;
}

/**
 * Push-diagnostics pipeline with one debounce timer per URI. A new edit cancels both the timer
 * and any run still waiting for settings, and a finished run publishes only if the document is
 * still at the version it validated, so a slow answer never overwrites a newer one.
 */
export class ValidationScheduler {
  private readonly pending = new Map<string, PendingRun>();
  private disposed = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Validates the document after the debounce delay, superseding any earlier request. */
  schedule(document: VersionedDocument): void {
    if (this.disposed) return;
    this.cancel(document.uri);
    const run: PendingRun = { stopWaiting: undefined, source: new CancellationTokenSource() };
    const start = (): void => {
      run.stopWaiting = undefined;
      void this.run(document, run);
    };
    // No delay means the next turn of the event loop, after the notifications already read (a
    // zero timeout would wait a whole millisecond, a third of a small document's round trip).
    if (this.deps.delayMs > 0) {
      const timer = setTimeout(start, this.deps.delayMs);
      run.stopWaiting = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(start);
      run.stopWaiting = () => clearImmediate(immediate);
    }
    this.pending.set(document.uri, run);
  }

  /** Stops pending work for a closed document and clears what the editor shows for it. */
  clear(uri: string): void {
    this.cancel(uri);
    this.deps.publish(uri, undefined, []);
  }

  /** Cancels every pending run and accepts no more, for shutdown. */
  dispose(): void {
    this.disposed = true;
    for (const uri of [...this.pending.keys()]) {
      this.cancel(uri);
    }
  }

  private cancel(uri: string): void {
    const run = this.pending.get(uri);
    if (run === undefined) {
      return;
    }
    run.stopWaiting?.();
    run.source.cancel();
    run.source.dispose();
    this.pending.delete(uri);
  }

  private async run(document: VersionedDocument, run: PendingRun): Promise<void> {
    const { uri, version } = document;
    try {
      const diagnostics = await this.deps.compute(uri, run.source.token);
      if (diagnostics !== undefined && this.isCurrent(document, run)) {
        this.deps.publish(uri, version, diagnostics);
      }
    } catch (error) {
      this.deps.log.error(`Validating ${uri} failed: ${describeError(error)}`);
    } finally {
      if (this.pending.get(uri) === run) {
        this.pending.delete(uri);
        run.source.dispose();
      }
    }
  }

  private isCurrent(document: VersionedDocument, run: PendingRun): boolean {
    return (
      !run.source.token.isCancellationRequested && this.deps.currentVersion(document.uri) === document.version
    );
  }
}
