import { performance } from 'node:perf_hooks';
import type { ApiServer } from './api';

/**
 * The 100,000-endpoint namespaces of issue 19: `bench-100k` holds 1,000 selectorless Services of
 * 100 endpoints (one slice each), `bench-1svc` one Service, `huge`, with 100,000 endpoints in
 * 1,000 slices of 100. Hand-written slices, as in seed.ts; the benchmark changes one endpoint's
 * readiness by writing its slice, as the EndpointSlice controller would.
 */
export const scaleNamespaces = { services: 'bench-100k', oneService: 'bench-1svc' } as const;
export const hugeService = 'huge';
export const scaleServices = 1000;
export const endpointsPerSlice = 100;
const seedVersion = 'bench-seed-100k-v1';
const managedBy = 'bench.endpointslices.dev';

export interface ScaleSeed {
  endpoints: number;
  slices: number;
  seconds: number;
  reused: boolean;
}

/** A distinct IPv4 address per endpoint number and namespace (first octet 10, no .0 or .255). */
function address(space: number, n: number): string {
  return `10.${200 + space * 2 + Math.floor(n / 62_500)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}

/** Slice `index` of a scale namespace: endpoints `index * 100` to `index * 100 + 99`. */
export function scaleSlice(namespace: string, space: number, service: string, index: number, notReady = -1): object {
  const endpoints = [];
  for (let e = 0; e < endpointsPerSlice; e++) {
    const n = index * endpointsPerSlice + e;
    const zone = n % 3;
    // One in twenty not ready, so the counts have something to say; `notReady` flips one more.
    const ready = n % 20 !== 7 && e !== notReady;
    endpoints.push({
      addresses: [address(space, n)],
      conditions: { ready, serving: ready, terminating: false },
      nodeName: `node-${zone}-${n % 40}`,
      zone: `zone-${'abc'[zone]}`,
    });
  }
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${service}-${index.toString().padStart(4, '0')}`,
      namespace,
      labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': managedBy },
    },
    addressType: 'IPv4',
    endpoints,
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}

const serviceName = (i: number): string => `svc-${i.toString().padStart(4, '0')}`;

async function create(api: ApiServer, path: string, body: object): Promise<void> {
  const { status, text } = await api.send('POST', path, body);
  if (status !== 201 && status !== 409) throw new Error(`POST ${path}: HTTP ${status} ${text.slice(0, 300)}`);
}

async function pool(width: number, tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: width }, worker));
}

function service(namespace: string, name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
  };
}

/** Seeds both namespaces (idempotent: a ConfigMap marks a finished seed). */
export async function seedScale(api: ApiServer, log: (line: string) => void): Promise<ScaleSeed> {
  const start = performance.now();
  const slices = 2 * scaleServices;
  const endpoints = slices * endpointsPerSlice;
  const marker = await api.send('GET', `/api/v1/namespaces/${scaleNamespaces.oneService}/configmaps/bench-seed`);
  if (marker.status === 200 && marker.text.includes(seedVersion)) {
    log(`seed: 100,000-endpoint namespaces already in place (${seedVersion})`);
    return { endpoints, slices, seconds: 0, reused: true };
  }
  const tasks: (() => Promise<void>)[] = [];
  for (const namespace of Object.values(scaleNamespaces)) {
    await create(api, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  }
  const { services: many, oneService: one } = scaleNamespaces;
  await create(api, `/api/v1/namespaces/${one}/services`, service(one, hugeService));
  for (let i = 0; i < scaleServices; i++) {
    tasks.push(async () => {
      await create(api, `/api/v1/namespaces/${many}/services`, service(many, serviceName(i)));
      await create(api, `/apis/discovery.k8s.io/v1/namespaces/${many}/endpointslices`, scaleSlice(many, 0, serviceName(i), i));
      await create(api, `/apis/discovery.k8s.io/v1/namespaces/${one}/endpointslices`, scaleSlice(one, 1, hugeService, i));
    });
  }
  let done = 0;
  await pool(
    16,
    tasks.map((task) => async () => {
      await task();
      if (++done % 200 === 0) log(`seed: ${done}/${tasks.length} × (Service + slice in ${many}, slice of ${one}/${hugeService})`);
    }),
  );
  await create(api, `/api/v1/namespaces/${one}/configmaps`, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'bench-seed' },
    data: { version: seedVersion },
  });
  const seconds = (performance.now() - start) / 1000;
  log(`seed: ${endpoints.toLocaleString('en-US')} endpoints in ${slices} slices in ${seconds.toFixed(0)} s`);
  return { endpoints, slices, seconds, reused: false };
}

export { serviceName as scaleServiceName };
