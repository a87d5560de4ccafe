import { performance } from 'node:perf_hooks';
import * as model from '../../client/src/cluster/model';
import type { ServiceNode } from '../../client/src/cluster/model';
import { ApiServer } from './api';
import type { WatchEvent } from './api';
import { sliceShows, timeFlips, waitForEvent } from './readiness';
import { bigNamespace, liveService, livePods, seedPlan } from './seed';
import { harness, hrtimeUs, memory, render } from './treeHarness';
import type { Changes, Memory } from './treeHarness';

/**
 * The tree side of the cluster benchmark, in a process of its own (run with --expose-gc), so its
 * memory is the cluster view's and nothing else's: the ClusterSession the extension runs (client,
 * reflectors, model) and the pure model's `children` + `present`, which is everything the
 * TreeDataProvider adapter asks before VS Code paints an item. Prints one JSON line.
 *
 * Usage: node --expose-gc treeWorker.js KUBECONFIG FLIPS RUNS
 */

export interface TreeMeasurements {
  /**
   * `floorRuns[i]` is the bare LIST of the same Services and slices taken right before
   * `runs[i]`, so each ratio compares two numbers measured under the same machine load.
   */
  expand: { namespace: string; services: number; runs: number[]; floorRuns: number[] }[];
  flips: number[];
  /** The same flips seen by a raw watch in this process: the floor of `flips`, pair by pair. */
  flipsRawWatch: number[];
  memory: { bare: Memory; idle: Memory; loaded: Memory; endpointsInModel: number; namespaces: number };
  /** CLOCK_MONOTONIC µs windows of the bench-big expansions and of the flips, for a CPU profile. */
  windows: { expand: [number, number][]; flips: [number, number] };
  /** Uncaught "aborted" errors from stopped watches (see the handler at the end). */
  abortedStreamErrors: number;
}

const windows: TreeMeasurements['windows'] = { expand: [], flips: [0, 0] };

/**
 * Expand → render: from asking for a namespace (the adapter's getChildren starts its watches)
 * to the refresh that shows all its Services with their counts, no loading message left.
 */
async function expandOnce(kubeconfig: string, namespace: string, services: number): Promise<number> {
  const h = await harness(kubeconfig);
  try {
    const node = h.namespaceNode(namespace);
    const start = performance.now();
    const shown = new Promise<number>((resolve) => {
      h.onChange.add((changes) => {
        if (!changes.has(node.id) && !changes.has(model.rootId)) return;
        const kids = render(h, node);
        const loading = kids.some((k) => k.kind === 'message' && k.severity === 'loading');
        if (!loading && kids.filter((k) => k.kind === 'service').length === services) resolve(performance.now());
      });
    });
    const from = hrtimeUs();
    h.session.ensureNamespace(h.context, namespace).catch(() => undefined);
    const ms = (await shown) - start;
    if (namespace === bigNamespace) windows.expand.push([from, hrtimeUs()]);
    return ms;
  } finally {
    h.session.dispose();
  }
}

/**
 * Readiness flips with `bench-big` expanded: PATCH → the live Service's item refreshed with the
 * new state. A raw watch on the same slices runs alongside, so every flip also yields its floor
 * (the same event reaching a bare client), measured under the same load.
 */
async function flips(kubeconfig: string, count: number): Promise<{ tree: number[]; rawWatch: number[] }> {
  const h = await harness(kubeconfig);
  const api = new ApiServer(kubeconfig);
  try {
    await h.session.ensureNamespace(h.context, bigNamespace);
    const service: ServiceNode = {
      kind: 'service',
      id: model.ids.service(h.context, bigNamespace, liveService),
      parent: h.namespaceNode(bigNamespace),
      context: h.context,
      namespace: bigNamespace,
      name: liveService,
    };
    const modelShows = (pod: string, ready: boolean): boolean => {
      const data = h.session.model.namespace(h.context, bigNamespace);
      const endpoint = data
        ?.slicesOf(liveService)
        .flatMap((s) => s.endpoints ?? [])
        .find((e) => e.targetRef?.name === pod);
      return endpoint !== undefined && (endpoint.conditions?.ready ?? true) === ready;
    };
    const pods = await livePods(api);
    const slicesPath = `/apis/discovery.k8s.io/v1/namespaces/${bigNamespace}/endpointslices`;
    const listeners = new Set<(event: WatchEvent) => void>();
    const stopWatch = await api.watch(slicesPath, (await api.list(slicesPath)).resourceVersion, (event) =>
      listeners.forEach((listener) => listener(event)),
    );
    const subscribe = (listener: (event: WatchEvent) => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
    const rawArrivals: Promise<number>[] = [];
    const from = hrtimeUs();
    const { times, sentAt } = await timeFlips(api, pods, count, (pod, ready) => {
      rawArrivals.push(waitForEvent(subscribe, (event) => sliceShows(event, pod, ready), `${pod} ready=${ready}`));
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the tree never showed ${pod} ready=${ready}`)), 60_000);
        const listener = (changes: Changes): void => {
          if (!changes.has(service.id) || !modelShows(pod, ready)) return;
          model.present(h.session.model, service);
          render(h, service);
          clearTimeout(timer);
          h.onChange.delete(listener);
          resolve(performance.now());
        };
        h.onChange.add(listener);
      });
    });
    windows.flips = [from, hrtimeUs()];
    stopWatch();
    const arrivals = await Promise.all(rawArrivals);
    return { tree: times, rawWatch: arrivals.map((at, k) => at - (sentAt[k] ?? 0)) };
  } finally {
    api.close();
    h.session.dispose();
  }
}

/** All eleven namespaces expanded and rendered: the model holding all 20,000 endpoints. */
async function memoryWithEverything(kubeconfig: string, bare: Memory): Promise<TreeMeasurements['memory']> {
  const h = await harness(kubeconfig);
  try {
    const idle = memory();
    const plan = seedPlan();
    await Promise.all(plan.map((p) => h.session.ensureNamespace(h.context, p.name)));
    let endpointsInModel = 0;
    for (const p of plan) {
      render(h, h.namespaceNode(p.name));
      const data = h.session.model.namespace(h.context, p.name);
      for (const slice of data?.slices.values() ?? []) endpointsInModel += slice.endpoints?.length ?? 0;
    }
    return { bare, idle, loaded: memory(), endpointsInModel, namespaces: plan.length };
  } finally {
    h.session.dispose();
  }
}

async function main(): Promise<void> {
  const [kubeconfig = '', flipArg = '30', runArg = '5'] = process.argv.slice(2);
  // Before the session loads @kubernetes/client-node (lazily, as in the extension) and lists
  // anything: Node, this script, and the cluster view's own small modules.
  const bare = memory();
  const mem = await memoryWithEverything(kubeconfig, bare);
  const expand: TreeMeasurements['expand'] = [];
  const api = new ApiServer(kubeconfig);
  const floorList = async (namespace: string): Promise<number> => {
    const start = performance.now();
    await Promise.all([
      api.list(`/api/v1/namespaces/${namespace}/services`),
      api.list(`/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`),
    ]);
    return performance.now() - start;
  };
  for (const p of seedPlan().slice(0, 2)) {
    const services = p.sizes.length + (p.name === bigNamespace ? 1 : 0);
    const runs: number[] = [];
    const floorRuns: number[] = [];
    await floorList(p.name); // warms the connection, as the floor section does
    for (let i = 0; i < Number(runArg); i++) {
      floorRuns.push(await floorList(p.name));
      runs.push(await expandOnce(kubeconfig, p.name, services));
    }
    expand.push({ namespace: p.name, services, runs, floorRuns });
    process.stderr.write(`tree: ${p.name} rendered in ${runs.map((r) => r.toFixed(0)).join(', ')} ms\n`);
  }
  api.close();
  const flipTimes = await flips(kubeconfig, Number(flipArg));
  const result: TreeMeasurements = {
    expand,
    flips: flipTimes.tree,
    flipsRawWatch: flipTimes.rawWatch,
    memory: mem,
    windows,
    abortedStreamErrors,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Stopping a watch (session.dispose, a namespace released) destroys its response, and the
 * readline Interface in client/src/cluster/transport.ts re-emits the resulting ECONNRESET
 * "aborted" as an 'error' event nobody listens to: an uncaught exception. VS Code's extension
 * host logs those and carries on; a plain Node process would die. The benchmark does what the
 * host does and counts them, so the report can say how often it happened.
 */
let abortedStreamErrors = 0;
process.on('uncaughtException', (error: Error & { code?: string }) => {
  if (error.code === 'ECONNRESET' && error.message === 'aborted') {
    abortedStreamErrors++;
    return;
  }
  process.stdout.write(`${JSON.stringify({ error: error.stack ?? String(error) })}\n`);
  process.exit(1);
});
process.on('exit', () => process.stderr.write(`tree: ${abortedStreamErrors} uncaught "aborted" stream errors\n`));

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.stack : String(error) })}\n`);
    process.exit(1);
  },
);
