import * as model from '../../client/src/cluster/model';
import type { ClusterNode, NamespaceNode } from '../../client/src/cluster/model';
import { ClusterSession } from '../../client/src/cluster/clusterSession';
import { createClusterClient } from '../../client/src/cluster/clusterClient';

/**
 * What the tree workers (treeWorker.ts, scaleWorker.ts) share: the extension's ClusterSession
 * driven as the tree adapter drives it, a refresh's work (`render`), and memory after GC.
 */
export type Changes = Set<string>;

export interface Memory {
  heapUsed: number;
  rss: number;
  external: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** CLOCK_MONOTONIC in µs, the clock V8 stamps CPU profile samples with. */
export const hrtimeUs = (): number => Number(process.hrtime.bigint() / 1000n);

export function memory(): Memory {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
}

export interface Harness {
  session: ClusterSession;
  context: string;
  /** Listeners for the session's coalesced change notifications (what the tree adapter refreshes). */
  onChange: Set<(changes: Changes) => void>;
  namespaceNode(namespace: string): NamespaceNode;
}

export async function harness(kubeconfig: string): Promise<Harness> {
  const onChange = new Set<(changes: Changes) => void>();
  const session = new ClusterSession(
    {
      createClient: () => createClusterClient({ setting: kubeconfig }),
      onChange: (changes) => onChange.forEach((listener) => listener(changes)),
      releaseGraceMs: 3_600_000,
    },
    true,
  );
  await session.start();
  const contextNode = model.children(session.model).find((n) => n.kind === 'context');
  if (contextNode?.kind !== 'context') throw new Error(`no context in ${kubeconfig}`);
  await session.ensureContext(contextNode.context);
  const namespaces = model.children(session.model, contextNode);
  return {
    session,
    context: contextNode.context,
    onChange,
    namespaceNode(namespace) {
      const node = namespaces.find((n) => n.kind === 'namespace' && n.namespace === namespace);
      if (node?.kind !== 'namespace') throw new Error(`namespace ${namespace} is not in the tree`);
      return node;
    },
  };
}

/** Children of `node` with every item presented: the work of one tree refresh. */
export function render(h: Harness, node: ClusterNode): ClusterNode[] {
  const kids = model.children(h.session.model, node);
  for (const kid of kids) model.present(h.session.model, kid);
  return kids;
}
