/**
 * List-then-watch for one resource in one namespace, as client-go's reflector does it: list in
 * pages (`limit`/`continue`) for a consistent snapshot, then watch from that snapshot's
 * resourceVersion with bookmarks, so no event between the two is lost. A watch the server ends
 * (its timeout) is resumed from the last resourceVersion seen; 410 Gone (that version is no
 * longer in the server's history) means a fresh list, which the model applies as a replacement,
 * so objects deleted meanwhile disappear. Failures are retried with backoff and reported.
 *
 * A server that answers 200 and then fails at once (a watch that ends at once, an ERROR event,
 * 410 on every watch) must not be retried in a tight loop: only a watch that stayed open for
 * `healthyWatchMs` proves the server works and starts the backoff over; anything shorter counts
 * as a failure. A list is bounded in pages and objects, and every object is checked before the
 * model takes it (model/apiObjects.ts).
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ClusterError, LimitError, classifyError, watchStatusError } from './clusterErrors';
import { Backoff } from './pacing';
import type { TokenBucket } from './pacing';
import type { Transport } from './transport';
import { checkObject } from './model';
import type {
  ClusterErrorInfo,
  KubeObject,
  ObjectProblem,
  ResourceEvent,
  ResourceKind,
  ResourceStatus,
} from './model';

export interface ReflectorListener {
  onEvent(event: ResourceEvent): void;
  onStatus(status: ResourceStatus): void;
}

export interface ReflectorOptions {
  pageSize?: number;
  /** A list that has not ended after this many pages is abandoned (a `continue` without end). */
  maxPages?: number;
  /** A list of more objects than this is abandoned: the view would not be usable anyway. */
  maxItems?: number;
  /** Watches last a random 1-2x this long, so many of them do not reconnect at once. */
  minWatchSeconds?: number;
  /** A watch open this long has proved the server works: the backoff starts over. */
  healthyWatchMs?: number;
  backoff?: () => Backoff;
  random?: () => number;
}

/**
 * 250 pages of 500 are 125,000 objects of one resource in one namespace, ten times Kubernetes'
 * scalability thresholds (5,000 Services per namespace); a server may put more in a page than
 * asked, hence the separate bound on objects.
 */
export const defaultReflectorLimits = {
  pageSize: 500,
  maxPages: 250,
  maxItems: 250_000,
  healthyWatchMs: 10_000,
};

interface WatchLine {
  type?: unknown;
  object?: unknown;
}

export class Reflector {
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private readonly limits: typeof defaultReflectorLimits;
  private resourceVersion: string | undefined;
  private hasData = false;
  private failing = false;
  /** How many complete lists this reflector made (the first sync plus every re-list). */
  lists = 0;

  constructor(
    private readonly transport: Transport,
    private readonly path: string,
    private readonly kind: ResourceKind,
    private readonly limiter: TokenBucket,
    private readonly listener: ReflectorListener,
    private readonly options: ReflectorOptions = {},
  ) {
    this.backoff = options.backoff?.() ?? new Backoff();
    this.limits = { ...defaultReflectorLimits, ...definedOnly(options) };
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
        // History moved on during a good watch: re-list at once, as client-go does. After
        // anything less, a 410 is one more failure in a row and waits its turn.
        const relistAtOnce = info.status === 410 && this.healthy;
        this.healthy = false;
        if (info.status === 410) {
          this.resourceVersion = undefined; // an expired continue token or resourceVersion
        }
        if (error instanceof LimitError) {
          this.backoff.exhaust();
        }
        if (!relistAtOnce) {
          await this.wait(info);
        }
      }
    }
  }

  /** Whether the last watch stayed open long enough to prove the server works. */
  private healthy = false;

  private async list(): Promise<void> {
    const items: KubeObject[] = [];
    const problems: ObjectProblem[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    let pages = 0;
    do {
      if (++pages > this.limits.maxPages) {
        throw new LimitError(
          `the list did not end after ${this.limits.maxPages} pages (the apiserver keeps sending a continue token)`,
        );
      }
      await this.limiter.take(this.abort.signal);
      const page = listPage(
        await this.transport.getJson(
          this.path,
          { limit: this.limits.pageSize, continue: continueToken },
          this.abort.signal,
        ),
      );
      this.take(page.items, items, problems);
      continueToken = page.continueToken;
      resourceVersion = page.resourceVersion;
    } while (continueToken && !this.stopped);
    if (this.stopped) {
      return;
    }
    this.lists++;
    this.resourceVersion = resourceVersion;
    this.hasData = true;
    this.cleared();
    this.listener.onEvent({ type: 'replace', items, ...(problems.length > 0 ? { problems } : {}) });
  }

  /** Checks a page's objects into `items` one by one (a spread of 125k items overflows the stack). */
  private take(page: unknown[], items: KubeObject[], problems: ObjectProblem[]): void {
    if (items.length + page.length > this.limits.maxItems) {
      throw new LimitError(
        `the list has more than ${this.limits.maxItems.toLocaleString('en-US')} objects, more than the view shows`,
      );
    }
    for (const value of page) {
      const checked = checkObject(this.kind, value);
      if (checked.object) {
        items.push(checked.object);
      }
      if (checked.problem !== undefined) {
        problems.push({ name: checked.object?.metadata.name, problem: checked.problem });
      }
    }
  }

  private async watch(): Promise<void> {
    await this.limiter.take(this.abort.signal);
    const minSeconds = this.options.minWatchSeconds ?? 300;
    const timeoutSeconds = Math.round(minSeconds * (1 + (this.options.random ?? Math.random)()));
    this.healthy = false;
    const stream = await this.transport.stream(
      this.path,
      { watch: true, allowWatchBookmarks: true, resourceVersion: this.resourceVersion, timeoutSeconds },
      (line) => this.onLine(line),
      this.abort.signal,
    );
    const proven = setTimeout(() => this.proven(), this.limits.healthyWatchMs);
    const opened = Date.now();
    try {
      await stream.closed;
    } finally {
      clearTimeout(proven);
    }
    if (!this.healthy && !this.stopped) {
      // A clean end long before timeoutSeconds: a server that closes every watch at once.
      throw new ClusterError({
        kind: 'server',
        message: `the apiserver ended the watch after ${Date.now() - opened} ms, long before its timeout`,
      });
    }
  }

  /** The watch stayed open: the server works, so the backoff starts over and no failure is shown. */
  private proven(): void {
    this.healthy = true;
    this.backoff.reset();
    this.cleared();
  }

  /** Applies one watch line; a throw ends the watch with that error (410: the version is gone). */
  private onLine(text: string): void {
    if (this.stopped) {
      return;
    }
    let line: WatchLine;
    try {
      line = JSON.parse(text) as WatchLine;
    } catch {
      // Not the parser's message: it quotes the line.
      throw new ClusterError({ kind: 'server', message: 'the apiserver sent a watch line that is not JSON' });
    }
    if (line === null || typeof line !== 'object') {
      throw new ClusterError({
        kind: 'server',
        message: 'the apiserver sent a watch line that is not an event',
      });
    }
    if (line.type === 'ERROR') {
      throw watchStatusError(typeof line.object === 'object' && line.object !== null ? line.object : {});
    }
    if (line.type === 'BOOKMARK') {
      this.follow(line.object);
      this.cleared();
      return;
    }
    if (line.type !== 'ADDED' && line.type !== 'MODIFIED' && line.type !== 'DELETED') {
      return; // an event type this client does not know: nothing to apply
    }
    const checked = checkObject(this.kind, line.object);
    if (!checked.object) {
      this.listener.onEvent({ type: 'skip', problem: checked.problem });
      return;
    }
    this.follow(checked.object);
    this.cleared();
    this.listener.onEvent(
      line.type === 'DELETED'
        ? { type: 'delete', object: checked.object }
        : { type: 'upsert', object: checked.object, problem: checked.problem },
    );
  }

  private follow(object: unknown): void {
    const version = (object as { metadata?: { resourceVersion?: unknown } } | null)?.metadata
      ?.resourceVersion;
    if (typeof version === 'string' && version !== '') {
      this.resourceVersion = version;
    }
  }

  /** Data arrived: a reported failure is no longer shown (the backoff is not reset by this). */
  private cleared(): void {
    if (this.failing) {
      this.failing = false;
      this.listener.onStatus({ state: 'synced' });
    }
  }

  private async wait(error: ClusterErrorInfo): Promise<void> {
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

/** A list page as far as the reflector reads it; anything else is the server's failure. */
function listPage(value: unknown): { items: unknown[]; continueToken?: string; resourceVersion?: string } {
  const page = (typeof value === 'object' && value !== null ? value : {}) as {
    items?: unknown;
    metadata?: unknown;
  };
  const items = page.items ?? [];
  const metadata = (typeof page.metadata === 'object' && page.metadata !== null ? page.metadata : {}) as {
    continue?: unknown;
    resourceVersion?: unknown;
  };
  if (!Array.isArray(items) || typeof value !== 'object' || value === null) {
    throw new ClusterError({
      kind: 'server',
      message: 'the apiserver answered a list with something that is not a list',
    });
  }
  return {
    items,
    continueToken:
      typeof metadata.continue === 'string' && metadata.continue !== '' ? metadata.continue : undefined,
    resourceVersion: typeof metadata.resourceVersion === 'string' ? metadata.resourceVersion : undefined,
  };
}

function definedOnly(options: ReflectorOptions): Partial<typeof defaultReflectorLimits> {
  const { pageSize, maxPages, maxItems, healthyWatchMs } = options;
  return Object.fromEntries(
    Object.entries({ pageSize, maxPages, maxItems, healthyWatchMs }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}
