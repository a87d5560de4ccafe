import { performance } from 'node:perf_hooks';
import * as model from '../../client/src/cluster/model';
import type { ClusterNode } from '../../client/src/cluster/model';
import { ApiServer } from './api';
import type { WatchEvent } from './api';
import { waitForEvent } from './readiness';
import { hugeService, scaleNamespaces, scaleServiceName, scaleServices, scaleSlice } from './seedScale';
import { harness, hrtimeUs, memory, render } from './treeHarness';
import type { Changes, Harness, Memory } from './treeHarness';
import { sleep } from '../util/stats';

/**
 * The cluster view at 100,000 endpoints in one namespace (issue 19), in a process of its own per
 * namespace so its RSS is that namespace's: expand → render against the bare LIST (taken
 * alternately), then with the namespace shown (and, for the one big Service, its merged
 * endpoints and their first range expanded), one endpoint's readiness changed by writing its
 * slice, timed to the refreshed items, against a raw watch seeing the same write.
 *
 * Usage: node --expose-gc scaleWorker.js KUBECONFIG NAMESPACE RUNS UPDATES
 */
export interface ScaleMeasurements {
  namespace: string;
  services: number;
  endpoints: number;
  expand: number[];
  floor: number[];
  updates: number[];
  updatesRawWatch: number[];
  /** The largest child list any rendered node had (the tree's widest level). */
  widestList: number;
  memory: { bare: Memory; loaded: Memory };
  windows: { expand: [number, number][]; updates: [number, number] };
}

const windows: ScaleMeasurements['windows'] = { expand: [], updates: [0, 0] };
const slicesPath = (namespace: string): string => `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`;

/** The Service and slice whose endpoint update k changes, and the endpoint's index in the slice. */
function target(namespace: string, k: number): { service: string; index: number; endpoint: number } {
  const index = (k * 37) % scaleServices;
  const service = namespace === scaleNamespaces.oneService ? hugeService : scaleServiceName(index);
  // Endpoint 7 of every slice is seeded not ready; endpoint 3 flips from ready to not and back.
  return { service, index, endpoint: 3 };
}

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
    windows.expand.push([from, hrtimeUs()]);
    return ms;
  } finally {
    h.session.dispose();
  }
}

/** What a user has open: the namespace, and for the big Service its merged list's first range. */
function visible(h: Harness, namespace: string, service: string): { serviceNode: ClusterNode; refresh: () => number } {
  const serviceNode = render(h, h.namespaceNode(namespace)).find((n) => n.kind === 'service' && n.name === service);
  if (!serviceNode) throw new Error(`${namespace}/${service} is not in the tree`);
  const refresh = (): number => {
    let widest = 0;
    const open = (node: ClusterNode, depth: number): void => {
      const kids = render(h, node);
      widest = Math.max(widest, kids.length);
      const next = kids.find((k) => k.kind === 'merged' || k.kind === 'page');
      if (depth > 0 && next) open(next, depth - 1);
    };
    model.present(h.session.model, serviceNode);
    open(serviceNode, namespace === scaleNamespaces.oneService ? 2 : 0);
    return widest;
  };
  return { serviceNode, refresh };
}

async function updates(h: Harness, api: ApiServer, namespace: string, count: number): Promise<{ tree: number[]; raw: number[]; widest: number }> {
  const listeners = new Set<(event: WatchEvent) => void>();
  const stopWatch = await api.watch(slicesPath(namespace), (await api.list(slicesPath(namespace))).resourceVersion, (event) =>
    listeners.forEach((listener) => listener(event)),
  );
  const subscribe = (listener: (event: WatchEvent) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const tree: number[] = [];
  const raw: number[] = [];
  let widest = 0;
  const from = hrtimeUs();
  for (let k = 0; k < count; k++) {
    const { service, index, endpoint } = target(namespace, Math.floor(k / 2));
    const ready = k % 2 === 1;
    const slice = scaleSlice(namespace, namespace === scaleNamespaces.oneService ? 1 : 0, service, index, ready ? -1 : endpoint) as {
      metadata: { name: string };
      endpoints: unknown[];
    };
    const name = slice.metadata.name;
    const { serviceNode, refresh } = visible(h, namespace, service);
    const shows = (): boolean =>
      (h.session.model.namespace(h.context, namespace)?.slices.get(name)?.endpoints?.[endpoint]?.conditions?.ready ?? true) === ready;
    const onScreen = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the tree never showed ${name} endpoint ${endpoint} ready=${ready}`)), 60_000);
      const listener = (changes: Changes): void => {
        if (!changes.has(serviceNode.id) || !shows()) return;
        widest = Math.max(widest, refresh());
        clearTimeout(timer);
        h.onChange.delete(listener);
        resolve(performance.now());
      };
      h.onChange.add(listener);
    });
    const rawSeen = waitForEvent(
      subscribe,
      (event) => event.object.metadata.name === name && (event.object.endpoints?.[endpoint]?.conditions?.ready ?? true) === ready,
      `${name} ready=${ready}`,
    );
    const sent = performance.now();
    const { status, text } = await api.send('PATCH', `${slicesPath(namespace)}/${name}`, { endpoints: slice.endpoints });
    if (status !== 200) throw new Error(`PATCH ${name}: HTTP ${status} ${text.slice(0, 200)}`);
    tree.push((await onScreen) - sent);
    raw.push((await rawSeen) - sent);
    await sleep(200);
  }
  windows.updates = [from, hrtimeUs()];
  stopWatch();
  return { tree, raw, widest };
}

async function main(): Promise<void> {
  const [kubeconfig = '', namespace = '', runArg = '5', updateArg = '20'] = process.argv.slice(2);
  const services = namespace === scaleNamespaces.oneService ? 1 : scaleServices;
  const bare = memory();
  const api = new ApiServer(kubeconfig);
  const floorList = async (): Promise<number> => {
    const start = performance.now();
    await Promise.all([api.list(`/api/v1/namespaces/${namespace}/services`), api.list(slicesPath(namespace))]);
    return performance.now() - start;
  };
  await floorList();
  const expand: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < Number(runArg); i++) {
    floor.push(await floorList());
    expand.push(await expandOnce(kubeconfig, namespace, services));
    process.stderr.write(`scale: ${namespace} rendered in ${expand.at(-1)?.toFixed(0)} ms (LIST ${floor.at(-1)?.toFixed(0)} ms)\n`);
  }
  const h = await harness(kubeconfig);
  try {
    await h.session.ensureNamespace(h.context, namespace);
    const { refresh } = visible(h, namespace, namespace === scaleNamespaces.oneService ? hugeService : scaleServiceName(0));
    refresh();
    const loaded = memory();
    const data = h.session.model.namespace(h.context, namespace);
    let endpoints = 0;
    for (const slice of data?.slices.values() ?? []) endpoints += slice.endpoints?.length ?? 0;
    const changed = await updates(h, api, namespace, Number(updateArg));
    const result: ScaleMeasurements = {
      namespace,
      services,
      endpoints,
      expand,
      floor,
      updates: changed.tree,
      updatesRawWatch: changed.raw,
      widestList: changed.widest,
      memory: { bare, loaded },
      windows,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    api.close();
    h.session.dispose();
  }
}

// As in treeWorker.ts: a stopped watch's "aborted" error is what VS Code's host logs and survives.
process.on('uncaughtException', (error: Error & { code?: string }) => {
  if (error.code === 'ECONNRESET' && error.message === 'aborted') return;
  process.stdout.write(`${JSON.stringify({ error: error.stack ?? String(error) })}\n`);
  process.exit(1);
});

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.stack : String(error) })}\n`);
    process.exit(1);
  },
);

