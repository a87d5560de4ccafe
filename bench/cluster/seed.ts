import { performance } from 'node:perf_hooks';
import type { ApiServer } from './api';
import { sleep } from '../util/stats';

/**
 * Seeds the benchmark cluster: 2,000 Services and 20,000 endpoints. One namespace is large
 * (`bench-big`: 1,000 Services, 10,000 endpoints), ten are typical (`bench-00`..`bench-09`:
 * 100 Services, 1,000 endpoints each). Endpoint counts per Service cycle through
 * 2, 3, 5, 8, 10, 12, 15, 25, as a real cluster mixes small and large Services.
 *
 * The Services are selectorless with hand-written EndpointSlices, as for external backends.
 * Pods would be more natural but cannot reach this size here: fakelet gives each of its 3 nodes
 * a /24 (762 pod IPs in all), and 20,000 pods with their status updates and controllers would
 * take the 2-core machine for a long time. Readiness is measured on real pods: `bench-big/live`
 * is a Deployment of 10 pods behind a selector Service, counted in the 2,000 and 20,000, whose
 * slice the real EndpointSlice controller maintains.
 */

export const bigNamespace = 'bench-big';
export const liveService = 'live';
export const liveReplicas = 10;
const seedVersion = 'bench-seed-v1';
const managedBy = 'bench.endpointslices.dev';
const cycle = [2, 3, 5, 8, 10, 12, 15, 25];

export interface NamespacePlan {
  name: string;
  /** Endpoint counts of the hand-written Services. */
  sizes: number[];
  index: number;
}

/** Counts from the cycle, the last one taking the remainder so the total is exact. */
function sizes(count: number, total: number): number[] {
  const out = Array.from({ length: count - 1 }, (_, i) => cycle[i % cycle.length]);
  out.push(total - out.reduce((a, b) => a + b, 0));
  return out;
}

export function seedPlan(): NamespacePlan[] {
  const plan: NamespacePlan[] = [{ name: bigNamespace, sizes: sizes(999, 10_000 - liveReplicas), index: 0 }];
  for (let i = 0; i < 10; i++) plan.push({ name: `bench-0${i}`, sizes: sizes(100, 1000), index: i + 1 });
  return plan;
}

const serviceName = (i: number): string => `svc-${i.toString().padStart(4, '0')}`;

function service(namespace: string, name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': namespace } },
    spec: { ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
  };
}

function slice(plan: NamespacePlan, service: string, first: number, count: number): object {
  const endpoints = [];
  for (let e = 0; e < count; e++) {
    const n = first + e;
    const node = n % 3;
    // One in twenty not ready, so the tree has counts to show.
    const ready = n % 20 !== 7;
    endpoints.push({
      addresses: [`10.${100 + plan.index}.${Math.floor(n / 250)}.${(n % 250) + 1}`],
      conditions: { ready, serving: ready, terminating: false },
      nodeName: `fakelet-node-${node}`,
      zone: `zone-${'abc'[node]}`,
    });
  }
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${service}-bench`,
      namespace: plan.name,
      labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': managedBy },
    },
    addressType: 'IPv4',
    endpoints,
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}

/** Runs `tasks` with at most `width` in flight. */
async function pool(width: number, tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await (tasks[next++])();
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** POST that treats AlreadyExists as done, so an interrupted seed resumes. */
async function create(api: ApiServer, path: string, body: object): Promise<void> {
  const { status, text } = await api.send('POST', path, body);
  if (status !== 201 && status !== 409) throw new Error(`POST ${path}: HTTP ${status} ${text.slice(0, 300)}`);
}

export interface SeedResult {
  services: number;
  endpoints: number;
  slices: number;
  seconds: number;
  reused: boolean;
}

export async function seed(api: ApiServer, log: (line: string) => void): Promise<SeedResult> {
  const plan = seedPlan();
  const services = plan.reduce((n, p) => n + p.sizes.length, 0) + 1;
  const endpoints = plan.reduce((n, p) => n + p.sizes.reduce((a, b) => a + b, 0), 0) + liveReplicas;
  const start = performance.now();
  const marker = await api.send('GET', `/api/v1/namespaces/${bigNamespace}/configmaps/bench-seed`);
  if (marker.status === 200 && marker.text.includes(seedVersion)) {
    log(`seed: already in place (${seedVersion})`);
    return { services, endpoints, slices: services, seconds: 0, reused: true };
  }
  for (const p of plan) {
    await create(api, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: p.name } });
  }
  const tasks: (() => Promise<void>)[] = [];
  for (const p of plan) {
    let first = 0;
    p.sizes.forEach((size, i) => {
      const name = serviceName(i);
      const at = first;
      first += size;
      tasks.push(async () => {
        await create(api, `/api/v1/namespaces/${p.name}/services`, service(p.name, name));
        await create(api, `/apis/discovery.k8s.io/v1/namespaces/${p.name}/endpointslices`, slice(p, name, at, size));
      });
    });
  }
  let done = 0;
  const progress = tasks.map((task) => async () => {
    await task();
    if (++done % 500 === 0) log(`seed: ${done}/${tasks.length} selectorless Services with their slices`);
  });
  await pool(16, progress);
  await seedLive(api, log);
  await create(api, `/api/v1/namespaces/${bigNamespace}/configmaps`, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'bench-seed' },
    data: { version: seedVersion, services: String(services), endpoints: String(endpoints) },
  });
  const seconds = (performance.now() - start) / 1000;
  log(`seed: ${services} Services, ${endpoints} endpoints in ${seconds.toFixed(0)} s`);
  return { services, endpoints, slices: services, seconds, reused: false };
}

/** The Deployment whose pods' readiness the benchmark flips, and its Service. */
async function seedLive(api: ApiServer, log: (line: string) => void): Promise<void> {
  const ns = bigNamespace;
  // The ServiceAccount admission plugin rejects pods until the KCM made "default".
  for (let i = 0; i < 120; i++) {
    if ((await api.send('GET', `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status === 200) break;
    await sleep(500);
  }
  const labels = { app: liveService };
  await create(api, `/apis/apps/v1/namespaces/${ns}/deployments`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: liveService, namespace: ns },
    spec: {
      replicas: liveReplicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', ports: [{ name: 'http', containerPort: 8080 }] }],
        },
      },
    },
  });
  await create(api, `/api/v1/namespaces/${ns}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: liveService, namespace: ns },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
  });
  log(`seed: waiting for ${ns}/${liveService}: ${liveReplicas} pods ready in its EndpointSlice`);
  for (let i = 0; i < 240; i++) {
    if ((await liveReadyCount(api)) === liveReplicas) return;
    await sleep(500);
  }
  throw new Error(`seed: ${ns}/${liveService} did not get ${liveReplicas} ready endpoints in 2 minutes`);
}

export async function liveReadyCount(api: ApiServer): Promise<number> {
  const list = await api.json<{ items: { endpoints?: { conditions?: { ready?: boolean } }[] }[] }>(
    'GET',
    `/apis/discovery.k8s.io/v1/namespaces/${bigNamespace}/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3D${liveService}`,
  );
  return list.items.flatMap((s) => s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length;
}

/** The live pods' names, sorted, for the readiness flips. */
export async function livePods(api: ApiServer): Promise<string[]> {
  const list = await api.json<{ items: { metadata: { name: string } }[] }>(
    'GET',
    `/api/v1/namespaces/${bigNamespace}/pods?labelSelector=app%3D${liveService}`,
  );
  return list.items.map((p) => p.metadata.name).sort();
}
