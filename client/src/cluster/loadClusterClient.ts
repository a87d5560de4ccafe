/**
 * Lazy access to @kubernetes/client-node. The package is ESM-only and large, so it is never
 * loaded during activation. In the shipped extension it is a bundle of its own,
 * dist/clusterClient.js, which scripts/bundle.mjs builds with exactly the exports below and which
 * dist/extension.js requires on first use (the bundler maps this import to it). Under plain Node
 * (unit and cluster tests) the import loads the package itself.
 */

const importClusterClient = () => import('@kubernetes/client-node');

/** What the extension uses of the package; dist/clusterClient.js exports exactly this. */
export type ClusterClientModule = Pick<Awaited<ReturnType<typeof importClusterClient>>, 'KubeConfig'>;

export type KubeConfig = InstanceType<ClusterClientModule['KubeConfig']>;

let pending: Promise<ClusterClientModule> | undefined;

/** Loads the module once; later calls share the first load. A failed load is retried next time. */
export function loadClusterClient(): Promise<ClusterClientModule> {
  pending ??= importClusterClient().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
