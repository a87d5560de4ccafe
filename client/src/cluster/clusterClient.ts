/**
 * The cluster layer: what the view may ask of a cluster, and its implementation over
 * @kubernetes/client-node (loaded on first use). Read-only by construction: the transport has
 * only GET, and this interface only lists, watches and gets.
 */
import { ClusterError, LimitError } from './clusterErrors';
import { loadKubeconfig } from './kubeconfig';
import type { KubeconfigOptions, LoadedKubeconfig } from './kubeconfig';
import { loadClusterClient } from './loadClusterClient';
import { TokenBucket } from './pacing';
import { Reflector, defaultReflectorLimits } from './reflector';
import type { ReflectorListener, ReflectorOptions } from './reflector';
import { httpsTransport } from './transport';
import type { Transport, TransportOptions } from './transport';
import { namespaceNames } from './model';
import type { ContextInfo, KubeObject, ResourceKind } from './model';

export interface ResourceWatch {
  stop(): void;
  /** Complete lists so far: 1 after the first sync, more after re-lists (410 Gone). */
  readonly lists: number;
}

export interface ClusterClient {
  readonly files: readonly string[];
  readonly contexts: readonly ContextInfo[];
  listNamespaces(context: string): Promise<string[]>;
  /** Lists then watches `kind` in `namespace` until stopped, reporting to `listener`. */
  watch(context: string, namespace: string, kind: ResourceKind, listener: ReflectorListener): ResourceWatch;
  getObject(context: string, namespace: string, kind: ResourceKind, name: string): Promise<KubeObject>;
  dispose(): void;
}

export interface ClusterClientOptions extends KubeconfigOptions {
  transport?: TransportOptions;
  reflector?: ReflectorOptions;
  /** Per-context request rate; client-go's defaults (5/s, burst 10) are tuned for controllers. */
  qps?: number;
  burst?: number;
}

const paths: Record<ResourceKind, { prefix: string; kind: string; apiVersion: string }> = {
  services: { prefix: '/api/v1', kind: 'Service', apiVersion: 'v1' },
  endpoints: { prefix: '/api/v1', kind: 'Endpoints', apiVersion: 'v1' },
  pods: { prefix: '/api/v1', kind: 'Pod', apiVersion: 'v1' },
  endpointslices: {
    prefix: '/apis/discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
  },
};

export function resourcePath(namespace: string, kind: ResourceKind, name?: string): string {
  const base = `${paths[kind].prefix}/namespaces/${encodeURIComponent(namespace)}/${kind}`;
  return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** Reads the kubeconfig (throws ClusterError no-kubeconfig / kubeconfig-invalid) and returns a client. */
export async function createClusterClient(options: ClusterClientOptions = {}): Promise<ClusterClient> {
  const module = await loadClusterClient();
  return new KubeClusterClient(await loadKubeconfig(options, module), options);
}

interface ContextConnection {
  transport: Transport;
  limiter: TokenBucket;
}

class KubeClusterClient implements ClusterClient {
  private readonly connections = new Map<string, ContextConnection>();
  private readonly watches = new Set<Reflector>();

  constructor(
    private readonly kubeconfig: LoadedKubeconfig,
    private readonly options: ClusterClientOptions,
  ) {}

  get files(): readonly string[] {
    return this.kubeconfig.files;
  }

  get contexts(): readonly ContextInfo[] {
    return this.kubeconfig.contexts;
  }

  async listNamespaces(context: string): Promise<string[]> {
    const { transport, limiter } = this.connection(context);
    const limits = {
      // 100 pages of 500 namespaces: more than any cluster has.
      maxPages: Math.min(this.options.reflector?.maxPages ?? 100, 100),
      pageSize: this.options.reflector?.pageSize ?? defaultReflectorLimits.pageSize,
    };
    const names: string[] = [];
    let continueToken: string | undefined;
    for (let pages = 1; ; pages++) {
      if (pages > limits.maxPages) {
        throw new LimitError(
          `the namespace list did not end after ${limits.maxPages} pages (the apiserver keeps sending a continue token)`,
        );
      }
      await limiter.take();
      const page = (await transport.getJson('/api/v1/namespaces', {
        limit: limits.pageSize,
        continue: continueToken,
      })) as { items?: unknown; metadata?: { continue?: unknown } } | null;
      // Items without a name cannot be shown or watched: they are left out.
      for (const name of namespaceNames(page?.items).names) {
        names.push(name);
      }
      const next = page?.metadata?.continue;
      if (typeof next !== 'string' || next === '') {
        return names.sort();
      }
      continueToken = next;
    }
  }

  watch(context: string, namespace: string, kind: ResourceKind, listener: ReflectorListener): ResourceWatch {
    const { transport, limiter } = this.connection(context);
    const reflector = new Reflector(
      transport,
      resourcePath(namespace, kind),
      kind,
      limiter,
      listener,
      this.options.reflector,
    );
    this.watches.add(reflector);
    reflector.start();
    return {
      stop: () => {
        reflector.stop();
        this.watches.delete(reflector);
      },
      get lists() {
        return reflector.lists;
      },
    };
  }

  async getObject(context: string, namespace: string, kind: ResourceKind, name: string): Promise<KubeObject> {
    const { transport, limiter } = this.connection(context);
    await limiter.take();
    const object = (await transport.getJson(resourcePath(namespace, kind, name), {})) as KubeObject;
    // A GET names its kind; say it anyway, so the document is a complete manifest.
    return { ...typeMeta(kind), ...object };
  }

  dispose(): void {
    for (const reflector of this.watches) {
      reflector.stop();
    }
    this.watches.clear();
  }

  private connection(context: string): ContextConnection {
    let connection = this.connections.get(context);
    if (!connection) {
      if (!this.kubeconfig.contexts.some((c) => c.name === context)) {
        throw new ClusterError({
          kind: 'kubeconfig-invalid',
          message: `No context ${context} in the kubeconfig`,
        });
      }
      connection = {
        transport: httpsTransport(this.kubeconfig.configFor(context), this.options.transport),
        limiter: new TokenBucket(this.options.qps ?? 10, this.options.burst ?? 30),
      };
      this.connections.set(context, connection);
    }
    return connection;
  }
}

/** The apiVersion and kind of a resource, for manifests built from list items (which omit them). */
function typeMeta(kind: ResourceKind): { apiVersion: string; kind: string } {
  return { apiVersion: paths[kind].apiVersion, kind: paths[kind].kind };
}
