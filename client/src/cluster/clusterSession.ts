/**
 * Runs the cluster view: reads the kubeconfig when trusted, lists a context's namespaces when it
 * is expanded, watches a namespace while it is expanded and stops shortly after it is not, and
 * feeds everything into the model, passing on which nodes changed (coalesced over a few
 * milliseconds, so a burst of events becomes one tree refresh). No vscode here: the cluster tests
 * drive this class against a real apiserver exactly as the extension does.
 */
import { classifyError } from './clusterErrors';
import type { ClusterClient, ResourceWatch } from './clusterClient';
import { ClusterModel, resourceKinds } from './model';
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
  context: string;
  namespace: string;
  watches: ResourceWatch[];
  stopped: boolean;
  stopTimer?: NodeJS.Timeout;
  settled: Promise<void>;
  settle: () => void;
}

export class ClusterSession {
  readonly model = new ClusterModel();
  private client: ClusterClient | undefined;
  private loading: Promise<void> | undefined;
  private readonly namespaceLoads = new Map<string, Promise<void>>();
  private readonly watched = new Map<string, NamespaceWatch>();
  private generation = 0;
  private pending: Changes = new Set();
  private flushTimer: NodeJS.Timeout | undefined;

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

  /** Starts watching (or keeps watching) a namespace; resolves once all four resources are listed or failed. */
  ensureNamespace(context: string, namespace: string): Promise<void> {
    const existing = this.watched.get(key(context, namespace));
    if (existing) {
      clearTimeout(existing.stopTimer);
      existing.stopTimer = undefined;
      return existing.settled;
    }
    const client = this.client;
    if (!client) {
      return Promise.resolve();
    }
    let settle = (): void => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const entry: NamespaceWatch = { context, namespace, watches: [], stopped: false, settled, settle };
    this.watched.set(key(context, namespace), entry);
    for (const kind of resourceKinds) {
      entry.watches.push(
        client.watch(context, namespace, kind, {
          onEvent: (event) => this.onEvent(entry, kind, event),
          onStatus: (status) => this.onStatus(entry, kind, status),
        }),
      );
    }
    return settled;
  }

  /** Nothing shows the namespace any more: stop its watches after the grace period. */
  releaseNamespace(context: string, namespace: string): void {
    const entry = this.watched.get(key(context, namespace));
    if (entry && !entry.stopTimer) {
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
    this.emit(this.model.apply(entry.context, entry.namespace, kind, event));
    this.checkSettled(entry);
    const names =
      event.type === 'replace' ? event.items.map((item) => item.metadata.name) : [event.object.metadata.name];
    this.options.onObjects?.(entry.context, entry.namespace, kind, names);
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
    this.emit(this.model.setStatus(entry.context, entry.namespace, kind, status));
    this.checkSettled(entry);
  }

  private checkSettled(entry: NamespaceWatch): void {
    const data = this.model.namespace(entry.context, entry.namespace);
    const done = (kind: ResourceKind): boolean =>
      ['synced', 'error'].includes(data?.resources[kind].status.state ?? '');
    if (resourceKinds.every(done)) {
      entry.settle();
    }
  }

  private emit(changes: Changes): boolean {
    for (const id of changes) {
      this.pending.add(id);
    }
    if (this.pending.size > 0 && !this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        const flushed = this.pending;
        this.pending = new Set();
        this.options.onChange(flushed);
      }, this.options.coalesceMs ?? 20);
    }
    return true;
  }
}

function key(context: string, namespace: string): string {
  return `${context}\u0000${namespace}`;
}
