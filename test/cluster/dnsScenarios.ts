/**
 * The Services the DNS fidelity suite puts on the local cluster, one per rule of
 * docs/rules/dns.md: ClusterIP and NodePort, headless with ready, not-ready and terminating pods,
 * hostnames through hostname+subdomain, publishNotReadyAddresses, named and unnamed ports, slices
 * without ports, dual-stack ClusterIP and headless Services (scripts/test-dns.sh starts the cluster
 * with an IPv6 service range; fakelet gives pods IPv6 addresses on request), hand-made IPv4 and
 * IPv6 slices, and ExternalName with a name and with an IP.
 */
import type { KubeAdmin } from './kubeAdmin';

export const namespace = 'dns-fidelity';
const managedBy = 'dns-fidelity.endpointslices.dev';

interface PodSpec {
  name: string;
  app: string;
  hostname?: string;
  subdomain?: string;
  ready: boolean;
  /** fakelet's IPv6 switch: `also` gives the pod an IPv6 address beside its IPv4 one. */
  ipv6?: 'also';
}

const pods: PodSpec[] = [
  { name: 'web-0', app: 'web', ready: true },
  { name: 'web-1', app: 'web', ready: true },
  { name: 'web-2', app: 'web', ready: false },
  { name: 'web-3', app: 'web', ready: true },
  { name: 'dual-0', app: 'dual', hostname: 'dual-0', subdomain: 'dual-headless', ready: true, ipv6: 'also' },
  { name: 'dual-1', app: 'dual', ready: true, ipv6: 'also' },
  { name: 'dual-2', app: 'dual', ready: false, ipv6: 'also' },
  { name: 'db-0', app: 'db', hostname: 'db-0', subdomain: 'db', ready: true },
  { name: 'db-1', app: 'db', hostname: 'db-1', subdomain: 'db', ready: true },
  { name: 'db-2', app: 'db', hostname: 'db-2', subdomain: 'db', ready: false },
  { name: 'db-3', app: 'db', ready: true },
];

/** The pod deleted with a long grace period, so it stays terminating while the suite runs. */
export const terminatingPod = 'web-3';

const tcp = (name: string, port: number, targetPort: number | string = port): object => ({
  name,
  port,
  targetPort,
  protocol: 'TCP',
});

/** Each Service with what it exercises (the report's table says it too). */
export const services: { name: string; why: string; spec: object }[] = [
  {
    name: 'web',
    why: 'ClusterIP; pods ready, not ready and terminating; named TCP and UDP ports',
    spec: {
      selector: { app: 'web' },
      ports: [tcp('http', 80, 'http'), { name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP' }],
    },
  },
  {
    name: 'web-np',
    why: 'NodePort (answered like ClusterIP)',
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [tcp('http', 80, 8080)] },
  },
  {
    name: 'dual',
    why: 'dual-stack ClusterIP (PreferDualStack): A and AAAA, SRV weight split over both families',
    spec: { ipFamilyPolicy: 'PreferDualStack', selector: { app: 'dual' }, ports: [tcp('http', 80, 8080)] },
  },
  {
    name: 'dual-headless',
    why: 'dual-stack headless: IPv4 and IPv6 slices from dual-stack pods, a hostname, a not-ready pod',
    spec: {
      clusterIP: 'None',
      ipFamilyPolicy: 'RequireDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
      selector: { app: 'dual' },
      ports: [tcp('http', 80, 8080)],
    },
  },
  {
    name: 'db',
    why: 'headless; hostname+subdomain pods, a not-ready one, one without hostname (dashed-address name)',
    spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [tcp('pg', 5432), tcp('metrics', 9187)] },
  },
  {
    name: 'db-all',
    why: 'headless with publishNotReadyAddresses (not-ready pod included; no hostnames: subdomain is `db`)',
    spec: {
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { app: 'db' },
      ports: [tcp('pg', 5432)],
    },
  },
  {
    name: 'db-noport',
    why: 'headless without ports: addresses, no SRV',
    spec: { clusterIP: 'None', selector: { app: 'db' } },
  },
  {
    name: 'empty',
    why: 'headless selecting no pod: the name does not exist',
    spec: { clusterIP: 'None', selector: { app: 'nothing' }, ports: [tcp('http', 80)] },
  },
  { name: 'lonely', why: 'ClusterIP without endpoints: still answered', spec: { ports: [tcp('http', 80)] } },
  {
    name: 'manual',
    why: 'headless, hand-made IPv4 and IPv6 slices with different ports, ready unset/false, `::`-ending address, an address in two slices',
    spec: { clusterIP: 'None', ports: [tcp('http', 80)] },
  },
  {
    name: 'manual-cip',
    why: 'ClusterIP with hand-made slices: endpoint names under a ClusterIP Service',
    spec: { ports: [tcp('http', 80)] },
  },
  { name: 'bare', why: 'headless, hand-made slice without ports', spec: { clusterIP: 'None' } },
  {
    name: 'ext',
    why: 'ExternalName to a host name: CNAME',
    spec: { type: 'ExternalName', externalName: 'db.example.com' },
  },
  {
    name: 'ext-ip',
    why: 'ExternalName to an IP address: not served',
    spec: { type: 'ExternalName', externalName: '192.0.2.50' },
  },
];

type SliceEndpoint = { addresses: string[]; conditions?: { ready?: boolean }; hostname?: string };

const slices: {
  name: string;
  service: string;
  addressType: string;
  ports: object[];
  endpoints: SliceEndpoint[];
}[] = [
  {
    name: 'manual-v4',
    service: 'manual',
    addressType: 'IPv4',
    ports: [
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'grpc', port: 9090, protocol: 'TCP' },
    ],
    endpoints: [
      { addresses: ['192.0.2.1'], conditions: { ready: true }, hostname: 'm-a' },
      { addresses: ['192.0.2.2'] },
      { addresses: ['192.0.2.3'], conditions: { ready: false }, hostname: 'm-c' },
    ],
  },
  {
    name: 'manual-v4-other-port',
    service: 'manual',
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8081, protocol: 'TCP' }],
    endpoints: [{ addresses: ['192.0.2.4'], conditions: { ready: true } }],
  },
  {
    // The same address and port as in manual-v4: written once, but counted twice in SRV weights.
    name: 'manual-v4-again',
    service: 'manual',
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: [{ addresses: ['192.0.2.1'], conditions: { ready: true }, hostname: 'm-a' }],
  },
  {
    name: 'manual-v6',
    service: 'manual',
    addressType: 'IPv6',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: [
      { addresses: ['2001:db8::1'], conditions: { ready: true } },
      { addresses: ['2001:db8::'], conditions: { ready: true } },
      { addresses: ['2001:db8::2'], conditions: { ready: true }, hostname: 'm-six' },
    ],
  },
  {
    name: 'manual-cip-1',
    service: 'manual-cip',
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: [
      { addresses: ['192.0.2.10'], conditions: { ready: true }, hostname: 'x' },
      { addresses: ['192.0.2.11'], conditions: { ready: true } },
    ],
  },
  {
    name: 'bare-1',
    service: 'bare',
    addressType: 'IPv4',
    ports: [],
    endpoints: [{ addresses: ['192.0.2.20'] }],
  },
];

/** Creates everything in a fresh namespace and waits until the controller's slices settled. */
export async function createScenarios(admin: KubeAdmin): Promise<void> {
  await admin.deleteNamespace(namespace);
  await admin.createNamespace(namespace);
  for (const service of services) {
    await admin.must('POST', `/api/v1/namespaces/${namespace}/services`, {
      metadata: { name: service.name },
      spec: service.spec,
    });
  }
  for (const slice of slices) {
    await admin.must('POST', `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`, {
      metadata: {
        name: slice.name,
        labels: {
          'kubernetes.io/service-name': slice.service,
          'endpointslice.kubernetes.io/managed-by': managedBy,
        },
      },
      addressType: slice.addressType,
      ports: slice.ports,
      endpoints: slice.endpoints,
    });
  }
  for (const pod of pods) {
    await admin.must('POST', `/api/v1/namespaces/${namespace}/pods`, {
      metadata: {
        name: pod.name,
        labels: { app: pod.app },
        annotations: {
          ...(pod.ready ? {} : { 'fakelet.endpointslices.dev/ready': 'false' }),
          ...(pod.ipv6 ? { 'fakelet.endpointslices.dev/ipv6': pod.ipv6 } : {}),
        },
      },
      spec: {
        ...(pod.hostname ? { hostname: pod.hostname } : {}),
        ...(pod.subdomain ? { subdomain: pod.subdomain } : {}),
        containers: [
          { name: 'app', image: 'registry.invalid/app:1', ports: [{ name: 'http', containerPort: 8080 }] },
        ],
        terminationGracePeriodSeconds: 0,
      },
    });
  }
  await waitForEndpoints(admin, 'web', pods.filter((p) => p.app === 'web').length);
  await admin.deletePod(namespace, terminatingPod, 600);
  await waitForEndpoints(
    admin,
    'web',
    pods.filter((p) => p.app === 'web').length,
    (e) => e.conditions?.terminating === true,
  );
  // Every Service that selects pods is asked about once its slices hold them: asked earlier, both
  // sides agree on less (a run once asked 5 questions of `dual` instead of 23).
  await waitForEndpoints(
    admin,
    'web-np',
    pods.filter((p) => p.app === 'web').length,
    (e) => e.conditions?.terminating === true,
  );
  await waitForEndpoints(admin, 'db', pods.filter((p) => p.app === 'db').length);
  await waitForEndpoints(admin, 'db-all', pods.filter((p) => p.app === 'db').length);
  await waitForEndpoints(admin, 'db-noport', pods.filter((p) => p.app === 'db').length);
  // One endpoint per pod in each family's slice.
  await waitForEndpoints(admin, 'dual', 2 * pods.filter((p) => p.app === 'dual').length);
  await waitForEndpoints(admin, 'dual-headless', 2 * pods.filter((p) => p.app === 'dual').length);
}

interface ListedEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
}

/**
 * Waits until the Service's slices hold `count` endpoints with an address (every pod scheduled
 * and given an IP) and, when given, one endpoint satisfying `also`.
 */
async function waitForEndpoints(
  admin: KubeAdmin,
  service: string,
  count: number,
  also?: (endpoint: ListedEndpoint) => boolean,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const list = (await admin.must(
      'GET',
      `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3D${service}`,
    )) as { items: { endpoints?: ListedEndpoint[] }[] };
    const endpoints = list.items.flatMap((slice) => slice.endpoints ?? []);
    if (endpoints.length === count && (!also || endpoints.some(also))) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`dns fidelity: ${service} has ${endpoints.length} endpoints, expected ${count}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
