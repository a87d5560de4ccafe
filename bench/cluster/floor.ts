import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { ApiServer, ListResult, WatchEvent } from './api';
import { sliceShows, timeFlips, waitForEvent } from './readiness';
import { bigNamespace, livePods } from './seed';
import { percentile, summarize } from '../util/stats';
import type { Sample } from '../util/stats';

/** kubectl's own Accept header for `kubectl get`: the server renders a Table, paged by 500. */
const kubectlAccept =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface ListFloor {
  label: string;
  /** Wall clock of the paged LIST(s), median of runs, including JSON.parse. */
  ms: number;
  decodeMs: number;
  items: number;
  endpoints: number;
  bytes: number;
  pages: number;
}

export interface ClusterFloor {
  runs: number;
  lists: ListFloor[];
  /** The real kubectl, when the machine has one: version and `get` wall-clock times. */
  kubectl: { version: string | undefined; namespaceMs?: number; allMs?: number };
  /** Pod readiness PATCH → the slice's MODIFIED event on a raw watch. */
  readiness: Sample;
}

function endpointCount(items: unknown[]): number {
  return items.reduce<number>((n, item) => n + ((item as { endpoints?: unknown[] }).endpoints?.length ?? 0), 0);
}

/** Lists `paths` in parallel (as a client that needs them all would), `runs` times; the median run. */
async function timeLists(api: ApiServer, label: string, paths: string[], runs: number, accept?: string): Promise<ListFloor> {
  const results: { wall: number; lists: ListResult[] }[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    const lists = await Promise.all(paths.map((p) => api.list(p, 500, accept ? { accept } : {})));
    // The first run warms the apiserver's watch cache and the TLS session; it is not counted.
    if (i > 0) results.push({ wall: performance.now() - start, lists });
  }
  results.sort((a, b) => a.wall - b.wall);
  const median = results[Math.floor((results.length - 1) / 2)];
  const all = median.lists;
  return {
    label,
    ms: median.wall,
    decodeMs: all.reduce((n, l) => n + l.decodeMs, 0),
    items: all.reduce((n, l) => n + l.items.length, 0),
    endpoints: endpointCount(all.flatMap((l) => l.items)),
    bytes: all.reduce((n, l) => n + l.bytes, 0),
    pages: all.reduce((n, l) => n + l.pages, 0),
  };
}

/** `kubectl version --client`, or undefined when there is no kubectl. */
function kubectlVersion(): string | undefined {
  try {
    const out = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n')[0]?.replace('Client Version: ', '').trim();
  } catch {
    return undefined;
  }
}

/** Wall clock of the real `kubectl get` (start-up, requests, printing), median of `runs`. */
function timeKubectl(kubeconfig: string, args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    execFileSync('kubectl', ['--kubeconfig', kubeconfig, 'get', 'endpointslices', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 28,
    });
    if (i > 0) times.push(performance.now() - start);
  }
  return percentile(times, 50);
}

/**
 * The cluster floor: what a bare HTTPS client needs to list what the tree shows for a namespace
 * (its Services and EndpointSlices), the same cluster-wide, what `kubectl get endpointslices`
 * asks the server for, and how long a readiness change takes to reach a raw watch.
 */
export async function measureClusterFloor(
  api: ApiServer,
  kubeconfig: string,
  runs: number,
  flips: number,
): Promise<ClusterFloor> {
  const ns = (name: string, kind: string): string =>
    kind === 'services' ? `/api/v1/namespaces/${name}/services` : `/apis/discovery.k8s.io/v1/namespaces/${name}/endpointslices`;
  // The "kubectl get" rows time the request kubectl sends (the server renders a Table), without
  // kubectl's start-up and printing; the real command is timed below when it exists.
  const lists = [
    await timeLists(api, `${bigNamespace}: Services + EndpointSlices`, [ns(bigNamespace, 'services'), ns(bigNamespace, 'endpointslices')], runs),
    await timeLists(api, 'bench-00: Services + EndpointSlices', [ns('bench-00', 'services'), ns('bench-00', 'endpointslices')], runs),
    await timeLists(api, 'all namespaces: EndpointSlices', ['/apis/discovery.k8s.io/v1/endpointslices'], runs),
    await timeLists(api, `the request of kubectl get endpointslices -n ${bigNamespace} (server-side Table)`, [ns(bigNamespace, 'endpointslices')], runs, kubectlAccept),
    await timeLists(api, 'the request of kubectl get endpointslices -A (server-side Table)', ['/apis/discovery.k8s.io/v1/endpointslices'], runs, kubectlAccept),
  ];
  const version = kubectlVersion();
  const kubectl: ClusterFloor['kubectl'] = { version };
  if (version !== undefined) {
    kubectl.namespaceMs = timeKubectl(kubeconfig, ['-n', bigNamespace], runs);
    kubectl.allMs = timeKubectl(kubeconfig, ['-A'], runs);
  }

  const start = await api.list(`/apis/discovery.k8s.io/v1/namespaces/${bigNamespace}/endpointslices`);
  const listeners = new Set<(event: WatchEvent) => void>();
  const stop = await api.watch(`/apis/discovery.k8s.io/v1/namespaces/${bigNamespace}/endpointslices`, start.resourceVersion, (event) => {
    for (const listener of [...listeners]) listener(event);
  });
  try {
    const subscribe = (listener: (event: WatchEvent) => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
    const pods = await livePods(api);
    const { times } = await timeFlips(api, pods, flips, (pod, ready) =>
      waitForEvent(subscribe, (event) => sliceShows(event, pod, ready), `${pod} ready=${ready}`),
    );
    return { runs, lists, kubectl, readiness: summarize(times) };
  } finally {
    stop();
  }
}
