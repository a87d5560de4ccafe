/**
 * List-then-watch for one resource in one namespace, as client-go's reflector does it: list in
 * pages (`limit`/`continue`) for a consistent snapshot, then watch from that snapshot's
 * resourceVersion with bookmarks, so no event between the two is lost. A watch the server ends
 * (its timeout) is resumed from the last resourceVersion seen; 410 Gone (that version is no
 * longer in the server's history) means a fresh list, which the model applies as a replacement,
 * so objects deleted meanwhile disappear. Failures are retried with backoff and reported.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { classifyError, watchStatusError } from './clusterErrors';
import { Backoff } from './pacing';
import type { TokenBucket } from './pacing';
import type { Transport } from './transport';
import type { KubeObject, ResourceEvent, ResourceStatus } from './model';

export interface ReflectorListener {
  onEvent(event: ResourceEvent): void;
  onStatus(status: ResourceStatus): void;
}

export interface ReflectorOptions {
  pageSize?: number;
  /** Watches last a random 1-2x this long, so many of them do not reconnect at once. */
  minWatchSeconds?: number;
  backoff?: () => Backoff;
  random?: () => number;
}

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

interface WatchLine {
  type?: string;
  object?: KubeObject & { code?: number; message?: string };
}

export class Reflector {
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private resourceVersion: string | undefined;
  private hasData = false;
  private failing = false;
  /** How many complete lists this reflector made (the first sync plus every re-list). */
  lists = 0;

  constructor(
    private readonly transport: Transport,
    private readonly path: string,
    private readonly limiter: TokenBucket,
    private readonly listener: ReflectorListener,
    private readonly options: ReflectorOptions = {},
  ) {
    this.backoff = options.backoff?.() ?? new Backoff();
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.abort.abort();
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    this.listener.onStatus({ state: 'listing' });
    while (!this.stopped) {
      try {
        if (this.resourceVersion === undefined) {
          await this.list();
        }
        await this.watch();
      } catch (error) {
        if (this.stopped) {
          return;
        }
        const info = classifyError(error);
        if (info.status === 410) {
          this.resourceVersion = undefined; // an expired continue token or resourceVersion
          continue;
        }
        await this.wait(info);
      }
    }
  }

  private async list(): Promise<void> {
    const items: KubeObject[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      await this.limiter.take(this.abort.signal);
      const page = (await this.transport.getJson(
        this.path,
        { limit: this.options.pageSize ?? 500, continue: continueToken },
        this.abort.signal,
      )) as ListPage;
      items.push(...(page.items ?? []));
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion;
    } while (continueToken && !this.stopped);
    if (this.stopped) {
      return;
    }
    this.lists++;
    this.resourceVersion = resourceVersion;
    this.hasData = true;
    this.recovered();
    this.listener.onEvent({ type: 'replace', items });
  }

  private async watch(): Promise<void> {
    await this.limiter.take(this.abort.signal);
    const minSeconds = this.options.minWatchSeconds ?? 300;
    const timeoutSeconds = Math.round(minSeconds * (1 + (this.options.random ?? Math.random)()));
    let gone = false;
    // The stream is known only once the server answered; a 410 in its first line closes it then.
    const handle: { close?: () => void } = {};
    const stream = await this.transport.stream(
      this.path,
      { watch: true, allowWatchBookmarks: true, resourceVersion: this.resourceVersion, timeoutSeconds },
      (line) => {
        gone ||= this.onLine(JSON.parse(line) as WatchLine);
        if (gone) {
          handle.close?.();
        }
      },
      this.abort.signal,
    );
    handle.close = () => stream.close();
    if (gone) {
      stream.close();
    }
    this.recovered();
    await stream.closed.catch((error: unknown) => {
      if (!gone) {
        throw error;
      }
    });
    if (gone) {
      this.resourceVersion = undefined;
    }
  }

  /** Applies one watch line; true when the server says the resourceVersion is gone (410). */
  private onLine(line: WatchLine): boolean {
    const object = line.object;
    if (!object || this.stopped) {
      return false;
    }
    if (line.type === 'ERROR') {
      if (object.code === 410) {
        return true;
      }
      throw watchStatusError(object);
    }
    this.resourceVersion = object.metadata?.resourceVersion ?? this.resourceVersion;
    if (line.type === 'ADDED' || line.type === 'MODIFIED') {
      this.listener.onEvent({ type: 'upsert', object });
    } else if (line.type === 'DELETED') {
      this.listener.onEvent({ type: 'delete', object });
    }
    return false; // BOOKMARK: only the resourceVersion moves
  }

  /** A request succeeded: the backoff starts over, and a reported failure is cleared. */
  private recovered(): void {
    this.backoff.reset();
    if (this.failing) {
      this.failing = false;
      this.listener.onStatus({ state: 'synced' });
    }
  }

  private async wait(error: ReturnType<typeof classifyError>): Promise<void> {
    const retryInMs = this.backoff.next();
    this.failing = true;
    this.listener.onStatus({
      state: 'error',
      error,
      attempt: this.backoff.attempt,
      retryInMs,
      hasData: this.hasData,
    });
    await delay(retryInMs, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }
}
