/**
 * Lazy access to @kubernetes/client-node. The package is ESM-only and large, so it is loaded on
 * first use, never during activation. esbuild turns the dynamic import into an inlined, lazily
 * evaluated CommonJS module in dist/extension.js; a unit test checks that such a bundle loads
 * on Node 20.
 */

const importClusterClient = () => import('@kubernetes/client-node');

export type ClusterClientModule = Awaited<ReturnType<typeof importClusterClient>>;

let pending: Promise<ClusterClientModule> | undefined;

/** Loads the module once; later calls share the first load. A failed load is retried next time. */
export function loadClusterClient(): Promise<ClusterClientModule> {
  pending ??= importClusterClient().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
