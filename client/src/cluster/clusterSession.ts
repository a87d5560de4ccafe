/**
 * Runs the cluster view: reads the kubeconfig when trusted, lists a context's namespaces when it
 * is expanded, watches a namespace while it is expanded and stops shortly after it is not, and
 * feeds everything into the model, passing on which nodes changed (coalesced over a few
 * milliseconds, so a burst of events becomes one tree refresh; only the refresh that first shows
 * a namespace's content is not delayed, as the user is waiting for it). No vscode here: the
 * cluster tests drive this class against a real apiserver exactly as the extension does.
 */
import { classifyError } from './clusterErrors';
import type { ClusterClient, ResourceWatch } from './clusterClient';
import { ClusterModel, resourceKinds, viewKinds } from './model';
import type { Changes, KubeObject, ResourceEvent, ResourceKind, ResourceStatus } from './model';

export interface SessionOptions {
  /** Reads the kubeconfig (with the current settings) and connects; called on start and refresh. */
  createClient: () => Promise<ClusterClient>;
  /** Node ids whose item or children changed. */
  onChange: (changes: Changes) => void;
  /** Objects that changed, for open read-only documents. */
  onObjects?: (context: string, namespace: string, kind: ResourceKind, names: string[]) => void;
  /** Failures worth a log line (the tree shows them as nodes). */
  onError?: (where: string, message: string) => void;
  /** How long a namespace stays watched after nothing shows it (re-expanding in time costs nothing). */
  releaseGraceMs?: number;
  coalesceMs?: number;
}

interface NamespaceWatch {
  client: ClusterClient;
  context: string;
  namespace: string;
  watches: ResourceWatch[];
  stopped: boolean;
  /** Whether the namespace's content (not "loading") has been passed on once. */
  shown: boolean;
  stopTimer?: NodeJS.Timeout;
  /** Resolves once all four resources are listed or failed (or the watch stopped). */
  settled: Promise<void>;
  settle: () => void;
  /** Resolves once the Services and slices are listed or failed (or the watch stopped). */
  viewed: Promise<void>;
  view: () => void;
}

export class ClusterSession {
  readonly model = new ClusterModel();
  private client: ClusterClient | undefined;
  private loading: Promise<void> | undefined;
  private readonly namespaceLoads = new Map<string, Promise<void>>();
  private readonly watched = new Map<string, NamespaceWatch>();
  /** Namespaces something besides the tree needs watched (a routing picture), with how many. */
  private readonly holds = new Map<string, number>();
  private generation = 0;
  private pending: Changes = new Set();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushSoon: NodeJS.Immediate | undefined;

  constructor(
    private readonly options: SessionOptions,
    trusted: boolean,
  ) {
    this.model.trusted = trusted;
  }

  /** Reads the kubeconfig once; never in an untrusted workspace. */
  start(): Promise<void> {
    if (!this.model.trusted) {
      return Promise.resolve();
    }
    this.loading ??= this.load(this.generation);
    return this.loading;
  }

  setDnsDomain(domain: string | undefined): void {
    this.emit(this.model.setDnsDomain(domain));
  }

  setTrusted(trusted: boolean): void {
    this.emit(this.model.setTrusted(trusted));
    if (trusted) {
      void this.start();
    } else {
      this.reset();
    }
  }

  /** Lists the context's namespaces unless the user chose them; resolves when known. */
  ensureContext(context: string): Promise<void> {
    const client = this.client;
    if (!client || this.model.filter(context) || this.model.namespaceList(context).state !== 'idle') {
      return this.namespaceLoads.get(context) ?? Promise.resolve();
    }
    const generation = this.generation;
    this.emit(this.model.setNamespaceList(context, { state: 'loading' }));
    const load = client.listNamespaces(context).then(
      (names) =>
        this.current(generation) &&
        this.emit(this.model.setNamespaceList(context, { state: 'listed', names })),
      (error: unknown) =>
        this.current(generation) &&
        this.emit(this.model.setNamespaceList(context, { state: 'failed', error: classifyError(error) })),
    );
    const done = load.then(() => undefined);
    this.namespaceLoads.set(context, done);
    return done;
  }

  /**
   * Starts watching (or keeps watching) a namespace. Resolves once all four resources are listed
   * or failed, or with `until: 'view'` once the namespace can show its Services (the tree waits
   * for that; pods and Endpoints only add findings, which arrive as a refresh).
   */
  ensureNamespace(context: string, namespace: string, until: 'all' | 'view' = 'all'): Promise<void> {
    const existing = this.watched.get(key(context, namespace));
    if (existing) {
      clearTimeout(existing.stopTimer);
      existing.stopTimer = undefined;
      return until === 'view' ? existing.viewed : existing.settled;
    }
    const client = this.client;
    if (!client) {
      return Promise.resolve();
    }
    let settle = (): void => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    let view = (): void => undefined;
    const viewed = new Promise<void>((resolve) => (view = resolve));
    const entry: NamespaceWatch = {
      client,
      context,
      namespace,
      watches: [],
      stopped: false,
      shown: false,
      settled,
      settle,
      viewed,
      view,
    };
    this.watched.set(key(context, namespace), entry);
    // What the namespace's node shows (its Services with their counts) is listed first; the
    // lists of pods and Endpoints wait for it (see showFirstView) rather than compete with it
    // for connections, the apiserver and this thread.
    this.startWatches(entry, viewKinds);
    return until === 'view' ? viewed : settled;
  }

  /**
   * Keeps a namespace watched until the returned function is called, whatever the tree shows:
   * a routing picture follows the same watches as the tree, also when its namespace is collapsed.
   * At the end the namespace is released unless `stillWanted` says the tree still shows it.
   */
  hold(context: string, namespace: string, stillWanted?: () => boolean): () => void {
    const k = key(context, namespace);
    this.holds.set(k, (this.holds.get(k) ?? 0) + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const left = (this.holds.get(k) ?? 1) - 1;
      if (left > 0) {
        this.holds.set(k, left);
      } else {
        this.holds.delete(k);
        if (!stillWanted?.()) {
          this.releaseNamespace(context, namespace);
        }
      }
    };
  }

  /** Nothing shows the namespace any more: stop its watches after the grace period. */
  releaseNamespace(context: string, namespace: string): void {
    const entry = this.watched.get(key(context, namespace));
    if (entry && !entry.stopTimer && !this.holds.has(key(context, namespace))) {
      entry.stopTimer = setTimeout(() => this.stopNamespace(entry), this.options.releaseGraceMs ?? 30_000);
    }
  }

  isWatching(context: string, namespace: string): boolean {
    return this.watched.has(key(context, namespace));
  }

  /** Complete lists made per resource, summed over the namespace's watches (1 each after the first sync). */
  listCount(context: string, namespace: string): number {
    return (this.watched.get(key(context, namespace))?.watches ?? []).reduce((sum, w) => sum + w.lists, 0);
  }

  /** The namespaces the user may list, or undefined when that is not allowed or fails (for the picker). */
  async listNamespaces(context: string): Promise<string[] | undefined> {
    await this.start();
    return this.client?.listNamespaces(context).catch(() => undefined);
  }

  setFilter(context: string, names: string[] | undefined): void {
    this.emit(this.model.setFilter(context, names));
  }

  /** Forgets everything, re-reads the kubeconfig; expanded nodes re-list when the tree asks again. */
  refresh(): Promise<void> {
    this.reset();
    return this.start();
  }

  /** Fetches one object for a read-only document (a GET: always the current state). */
  async getObject(context: string, namespace: string, kind: ResourceKind, name: string): Promise<KubeObject> {
    await this.start(); // a document restored with the window may ask before the tree did
    if (!this.client) {
      throw new Error(
        this.model.trusted
          ? 'The kubeconfig could not be read; see the cluster view.'
          : 'Cluster access needs a trusted workspace.',
      );
    }
    return this.client.getObject(context, namespace, kind, name);
  }

  dispose(): void {
    this.reset();
    clearTimeout(this.flushTimer);
    clearImmediate(this.flushSoon);
  }

  private async load(generation: number): Promise<void> {
    this.emit(this.model.setKubeconfig({ state: 'loading' }));
    try {
      const client = await this.options.createClient();
      if (!this.current(generation)) {
        client.dispose();
        return;
      }
      this.client = client;
      this.emit(
        this.model.setKubeconfig({
          state: 'loaded',
          files: [...client.files],
          contexts: [...client.contexts],
        }),
      );
    } catch (error) {
      if (this.current(generation)) {
        this.emit(this.model.setKubeconfig({ state: 'failed', error: classifyError(error) }));
      }
    }
  }

  private reset(): void {
    this.generation++;
    for (const entry of [...this.watched.values()]) {
      this.stopNamespace(entry, false);
    }
    this.client?.dispose();
    this.client = undefined;
    this.loading = undefined;
    this.namespaceLoads.clear();
    this.emit(this.model.setKubeconfig({ state: 'idle' }));
  }

  private current(generation: number): boolean {
    return generation === this.generation;
  }

  private stopNamespace(entry: NamespaceWatch, emit = true): void {
    clearTimeout(entry.stopTimer);
    entry.stopped = true;
    entry.watches.forEach((watch) => watch.stop());
    entry.settle();
    entry.view();
    this.watched.delete(key(entry.context, entry.namespace));
    const changes = this.model.clearNamespace(entry.context, entry.namespace);
    if (emit) {
      this.emit(changes);
    }
  }

  private onEvent(entry: NamespaceWatch, kind: ResourceKind, event: ResourceEvent): void {
    if (entry.stopped) {
      return;
    }
    const changes = this.model.apply(entry.context, entry.namespace, kind, event);
    this.applied(entry, changes);
    if (event.type !== 'skip') {
      const names =
        event.type === 'replace'
          ? event.items.map((item) => item.metadata.name)
          : [event.object.metadata.name];
      this.options.onObjects?.(entry.context, entry.namespace, kind, names);
    }
  }

  private onStatus(entry: NamespaceWatch, kind: ResourceKind, status: ResourceStatus): void {
    if (entry.stopped) {
      return;
    }
    if (status.state === 'error') {
      this.options.onError?.(
        `${entry.context} ${entry.namespace}/${kind} (attempt ${status.attempt})`,
        status.error.message,
      );
    }
    const changes = this.model.setStatus(entry.context, entry.namespace, kind, status);
    this.applied(entry, changes);
  }

  /** After an event or a status: refresh the tree (at once for a first view) and see if the namespace settled. */
  private applied(entry: NamespaceWatch, changes: Changes): void {
    const firstView = this.isFirstView(entry);
    this.emit(changes, firstView);
    if (firstView) {
      this.showFirstView(entry);
    }
    this.checkSettled(entry);
  }

  /** True once: when the namespace's Services and slices are first both listed (or failed). */
  private isFirstView(entry: NamespaceWatch): boolean {
    if (entry.shown) {
      return false;
    }
    const data = this.model.namespace(entry.context, entry.namespace);
    entry.shown = data !== undefined && !data.loading;
    return entry.shown;
  }

  private startWatches(entry: NamespaceWatch, kinds: readonly ResourceKind[]): void {
    for (const kind of kinds) {
      entry.watches.push(
        entry.client.watch(entry.context, entry.namespace, kind, {
          onEvent: (event) => this.onEvent(entry, kind, event),
          onStatus: (status) => this.onStatus(entry, kind, status),
        }),
      );
    }
  }

  /** The namespace shows its Services: the rest of its resources are listed now. */
  private showFirstView(entry: NamespaceWatch): void {
    entry.view();
    const rest = resourceKinds.filter((kind) => !viewKinds.includes(kind));
    this.startWatches(entry, rest);
  }

  private checkSettled(entry: NamespaceWatch): void {
    const data = this.model.namespace(entry.context, entry.namespace);
    const done = (kind: ResourceKind): boolean =>
      ['synced', 'error'].includes(data?.resources[kind].status.state ?? '');
    if (resourceKinds.every(done)) {
      entry.settle();
    }
  }

  /**
   * Queues changes for one coalesced refresh. `now` passes them (and all pending) on as soon as
   * the current I/O is handled, for the one refresh a user waits for; a burst of events still
   * becomes one refresh per `coalesceMs`.
   */
  private emit(changes: Changes, now = false): boolean {
    for (const id of changes) {
      this.pending.add(id);
    }
    if (this.pending.size === 0 || this.flushSoon) {
      return true;
    }
    if (now) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.flushSoon = setImmediate(() => this.flush());
    } else {
      this.flushTimer ??= setTimeout(() => this.flush(), this.options.coalesceMs ?? 20);
    }
    return true;
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    clearImmediate(this.flushSoon);
    this.flushTimer = undefined;
    this.flushSoon = undefined;
    const flushed = this.pending;
    this.pending = new Set();
    if (flushed.size > 0) {
      this.options.onChange(flushed);
    }
  }
}

function key(context: string, namespace: string): string {
  return `${context}\u0000${namespace}`;
}
