/**
 * Drives the cluster view's session exactly as the tree does (start, expand a context, expand a
 * namespace, read children and presentation) against a real apiserver, and records when change
 * notifications arrive, for the latency figures.
 */
import { createClusterClient } from '../../client/src/cluster/clusterClient';
import type { ClusterClient, ClusterClientOptions } from '../../client/src/cluster/clusterClient';
import { ClusterSession } from '../../client/src/cluster/clusterSession';
import { children, namespaceNode, present } from '../../client/src/cluster/model';
import type { ClusterNode, ContextNode, NamespaceNode } from '../../client/src/cluster/model';

export interface ChangeRecord {
  at: number;
  ids: ReadonlySet<string>;
}

export class PanelHarness {
  readonly changes: ChangeRecord[] = [];
  readonly session: ClusterSession;
  /** When the last watch event reached the session, and how long the model took to apply it. */
  readonly events: { at: number; applyMs: number }[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(kubeconfig: string, options: ClusterClientOptions = {}) {
    this.session = new ClusterSession(
      {
        createClient: async () =>
          this.instrument(await createClusterClient({ ...options, setting: kubeconfig })),
        onChange: (changes) => {
          this.changes.push({ at: performance.now(), ids: changes });
          this.listeners.forEach((listener) => listener());
        },
        releaseGraceMs: 60_000,
        coalesceMs: 20,
      },
      true,
    );
  }

  /**
   * Resolves with the time of the first change notification (a tree refresh) after which
   * `check` holds; checks right away too. This is when the tree would show it.
   */
  until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<number> {
    if (check()) {
      return Promise.resolve(performance.now());
    }
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        if (check()) {
          done();
          resolve(performance.now());
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  /** Wraps the real client to timestamp watch events as they reach the session. */
  private instrument(client: ClusterClient): ClusterClient {
    const watch = client.watch.bind(client);
    client.watch = (context, namespace, kind, listener) =>
      watch(context, namespace, kind, {
        onStatus: (status) => listener.onStatus(status),
        onEvent: (event) => {
          const at = performance.now();
          listener.onEvent(event);
          this.events.push({ at, applyMs: performance.now() - at });
        },
      });
    return client;
  }

  async start(): Promise<ContextNode> {
    await this.session.start();
    const context = children(this.session.model)[0];
    if (context?.kind !== 'context') {
      throw new Error(`no context: ${JSON.stringify(context)}`);
    }
    await this.session.ensureContext(context.context);
    return context;
  }

  context(): ContextNode {
    const context = children(this.session.model)[0];
    if (context?.kind !== 'context') {
      throw new Error('no context');
    }
    return context;
  }

  namespaceNode(namespace: string): NamespaceNode {
    return namespaceNode(this.context(), namespace);
  }

  /** Expands a namespace as the tree does; resolves with the milliseconds until its four resources were listed. */
  async expand(namespace: string): Promise<number> {
    const started = performance.now();
    await this.session.ensureNamespace(this.context().context, namespace);
    return performance.now() - started;
  }

  children(node?: ClusterNode): ClusterNode[] {
    return children(this.session.model, node);
  }

  label(node: ClusterNode): string {
    return present(this.session.model, node)?.label ?? '(gone)';
  }

  description(node: ClusterNode): string {
    return present(this.session.model, node)?.description ?? '';
  }

  /** A child by kind and label, or undefined. */
  child(parent: ClusterNode, kind: ClusterNode['kind'], label: string): ClusterNode | undefined {
    return this.children(parent).find((node) => node.kind === kind && this.label(node) === label);
  }

  service(namespace: string, name: string): ClusterNode | undefined {
    return this.child(this.namespaceNode(namespace), 'service', name);
  }

  /** The subtree as text (kind, label, description per line), for comparing two views of one cluster. */
  dump(node: ClusterNode, depth = 0): string[] {
    return this.children(node).flatMap((child) => [
      `${'  '.repeat(depth)}${child.kind} ${this.label(child)} — ${this.description(child)}`,
      ...this.dump(child, depth + 1),
    ]);
  }

  dispose(): void {
    this.session.dispose();
  }
}
