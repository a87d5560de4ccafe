/**
 * The controller-fidelity scenarios: one Service per cause a pod can fail to route (or a feature
 * the controller writes: hostname, zone, hints, families, mirroring), with the pods that make it
 * happen. fakelet's annotations (cluster/go/cmd/fakelet) make pods not ready, pending without an
 * IP, finished or dual-stack; the runner deletes the `terminating` pods with a long grace period
 * once they are ready.
 */

export interface ScenarioPod {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Extra pod spec fields (hostname, subdomain, nodeSelector, nodeName, initContainers). */
  spec?: Record<string, unknown>;
  /** Container ports of the one container; default one unnamed port 8080. */
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  /** Deleted with a 600 s grace period once ready, so it stays Terminating. */
  terminating?: boolean;
  /** Status written by the test (fakelet does not manage pods on unknown nodes). */
  status?: Record<string, unknown>;
}

export interface Scenario {
  /** The Service's name; its pods are labelled `scenario: <name>` unless they say otherwise. */
  name: string;
  cause: string;
  spec: Record<string, unknown>;
  annotations?: Record<string, string>;
  pods: ScenarioPod[];
  /** For a selectorless Service: the Endpoints object written for it. */
  endpoints?: Record<string, unknown>;
}

const notReady = { 'fakelet.endpointslices.dev/ready': 'false' };
const http = [{ name: 'web', port: 80, targetPort: 8080 }];
const named = [{ name: 'web', port: 80, targetPort: 'http' }];
const by = (name: string): Record<string, string> => ({ scenario: name });

function pods(count: number, extra: Partial<ScenarioPod> = {}): ScenarioPod[] {
  return Array.from({ length: count }, (_, i) => ({ name: `p${i}`, ...extra }));
}

/** One pod per fakelet node (and so per zone), so hints do not depend on where pods land. */
function spread(count: number): ScenarioPod[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `p${i}`,
    spec: { nodeSelector: { 'kubernetes.io/hostname': `fakelet-node-${i % 3}` } },
  }));
}

function address(i: number): { ip: string } {
  return { ip: `10.250.${Math.floor(i / 250)}.${(i % 250) + 1}` };
}

export const scenarios: Scenario[] = [
  { name: 'all-ready', cause: 'three ready pods, numeric targetPort', spec: { ports: http }, pods: pods(3) },
  {
    name: 'named-port',
    cause: 'named targetPort resolving to different container ports (two port groups)',
    spec: { ports: named },
    pods: [
      { name: 'a', ports: [{ name: 'http', containerPort: 8080 }] },
      { name: 'b', ports: [{ name: 'http', containerPort: 9090 }] },
    ],
  },
  {
    name: 'port-missing',
    cause: 'named targetPort no container declares: endpoints without ports',
    spec: {
      ports: [
        { name: 'web', port: 80, targetPort: 'web' },
        { name: 'admin', port: 81, targetPort: 9000 },
      ],
    },
    pods: [
      { name: 'a', ports: [{ name: 'http', containerPort: 8080 }] },
      { name: 'b', ports: [{ name: 'web', containerPort: 8081 }] },
    ],
  },
  {
    name: 'protocol',
    cause: 'named UDP targetPort that a container declares as TCP',
    spec: { ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }] },
    pods: [{ name: 'a', ports: [{ name: 'dns', containerPort: 5353, protocol: 'TCP' }] }],
  },
  {
    name: 'sidecar-port',
    cause:
      'named port declared by a sidecar (init container with restartPolicy Always) and by a plain init container',
    spec: { ports: named },
    pods: [
      { name: 'sidecar', spec: { initContainers: [sidecar('Always')] } },
      { name: 'init', spec: { initContainers: [sidecar(undefined)] } },
    ],
  },
  {
    name: 'not-ready',
    cause: 'one ready pod, two not ready',
    spec: { ports: http },
    pods: [
      { name: 'ok' },
      { name: 'slow1', annotations: notReady },
      { name: 'slow2', annotations: notReady },
    ],
  },
  {
    name: 'publish-not-ready',
    cause: 'publishNotReadyAddresses with a not-ready pod and a terminating one',
    spec: { ports: http, publishNotReadyAddresses: true },
    pods: [
      { name: 'slow', annotations: notReady },
      { name: 'going', terminating: true },
    ],
  },
  {
    name: 'terminating',
    cause: 'a ready pod deleted with a grace period (serving, terminating, not ready) and a not-ready one',
    spec: { ports: http },
    pods: [
      { name: 'stays' },
      { name: 'going', terminating: true },
      { name: 'going-slow', terminating: true, annotations: notReady },
    ],
  },
  {
    name: 'terminal',
    cause: 'finished pods (Succeeded, Failed) next to a running one',
    spec: { ports: http },
    pods: [
      { name: 'run' },
      { name: 'done', annotations: { 'fakelet.endpointslices.dev/phase': 'Succeeded' } },
      { name: 'failed', annotations: { 'fakelet.endpointslices.dev/phase': 'Failed' } },
    ],
  },
  {
    name: 'no-ip',
    cause: 'a scheduled pod still without an IP, and an unschedulable one',
    spec: { ports: http },
    pods: [
      { name: 'ok' },
      { name: 'pending', annotations: { 'fakelet.endpointslices.dev/no-ip': 'true' } },
      { name: 'unschedulable', spec: { nodeSelector: { 'fakelet.endpointslices.dev/node': 'nowhere' } } },
    ],
  },
  {
    name: 'selects-none',
    cause: 'a selector that matches no pod (a renamed label)',
    spec: { ports: http, selector: { app: 'api-service' } },
    pods: [{ name: 'api', labels: { app: 'api-svc' } }],
  },
  {
    name: 'hostname',
    cause: 'headless Service: hostname only where the subdomain names the Service',
    spec: { ports: http, clusterIP: 'None' },
    pods: [
      { name: 'a', spec: { hostname: 'alpha', subdomain: 'hostname' } },
      { name: 'b', spec: { hostname: 'beta', subdomain: 'other' } },
      { name: 'c', spec: { subdomain: 'hostname' } },
    ],
  },
  {
    name: 'headless-no-ports',
    cause: 'headless Service without ports',
    spec: { clusterIP: 'None' },
    pods: pods(2),
  },
  {
    name: 'families',
    cause: 'IPv4 Service: a dual-stack pod (IPv4 address only) and an IPv6-only pod (left out)',
    spec: { ports: http },
    pods: [
      { name: 'dual', annotations: { 'fakelet.endpointslices.dev/ipv6': 'also' } },
      { name: 'v6', annotations: { 'fakelet.endpointslices.dev/ipv6': 'only' } },
    ],
  },
  {
    name: 'prefer-close',
    cause: 'trafficDistribution PreferClose: zone hints on ready endpoints only',
    spec: { ports: http, trafficDistribution: 'PreferClose' },
    pods: [...spread(3), { name: 'slow', annotations: notReady }],
  },
  {
    name: 'prefer-same-node',
    cause: 'trafficDistribution PreferSameNode: zone and node hints',
    spec: { ports: http, trafficDistribution: 'PreferSameNode' },
    pods: spread(3),
  },
  {
    name: 'topology-auto',
    cause: 'topology-mode Auto, one ready endpoint per zone (3 zones of equal CPU): hints for own zone',
    annotations: { 'service.kubernetes.io/topology-mode': 'Auto' },
    spec: { ports: http, trafficDistribution: 'PreferSameNode' },
    pods: spread(3),
  },
  {
    name: 'topology-few',
    cause: 'topology-mode Auto with fewer ready endpoints than zones: no hints',
    annotations: { 'service.kubernetes.io/topology-mode': 'Auto' },
    spec: { ports: http },
    pods: spread(2),
  },
  {
    name: 'node-missing',
    cause: 'pods bound to a node that does not exist, with status written by the test',
    spec: { ports: http },
    pods: [{ name: 'ghost', spec: { nodeName: 'no-such-node' }, status: runningStatus('10.251.0.7') }],
  },
  {
    name: 'node-missing-published',
    cause: 'the same with publishNotReadyAddresses: published anyway, without zone',
    spec: { ports: http, publishNotReadyAddresses: true },
    pods: [{ name: 'ghost', spec: { nodeName: 'no-such-node' }, status: runningStatus('10.251.0.8') }],
  },
  {
    name: 'mirrored',
    cause:
      'selectorless Service with an Endpoints: ready, not ready, hostname, nodeName, an address listed both ways',
    spec: { ports: [{ name: 'db', port: 5432 }] },
    pods: [],
    endpoints: {
      subsets: [
        {
          addresses: [
            { ip: '10.252.0.1', hostname: 'db-0', nodeName: 'fakelet-node-0' },
            { ip: '10.252.0.3' },
          ],
          notReadyAddresses: [{ ip: '10.252.0.2' }, { ip: '10.252.0.3' }],
          ports: [{ name: 'db', port: 5432 }],
        },
        {
          addresses: [{ ip: '10.252.1.1' }],
          ports: [
            { name: 'db', port: 5432 },
            { name: 'metrics', port: 9187 },
          ],
        },
      ],
    },
  },
  {
    name: 'mirror-skipped',
    cause: 'selectorless Service whose Endpoints carries the skip-mirror label',
    spec: { ports: [{ name: 'db', port: 5432 }] },
    pods: [],
    endpoints: {
      metadata: { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: '10.252.2.1' }], ports: [{ name: 'db', port: 5432 }] }],
    },
  },
  {
    name: 'mirror-truncated',
    cause: 'selectorless Service whose Endpoints lists 1,005 addresses in one subset: 1,000 are mirrored',
    spec: { ports: [{ name: 'db', port: 5432 }] },
    pods: [],
    endpoints: {
      subsets: [
        {
          addresses: Array.from({ length: 1000 }, (_, i) => address(i)),
          notReadyAddresses: Array.from({ length: 5 }, (_, i) => address(1000 + i)),
          ports: [{ name: 'db', port: 5432 }],
        },
      ],
    },
  },
  {
    name: 'external-name',
    cause: 'ExternalName Service with a selector: the controller writes nothing',
    spec: { type: 'ExternalName', externalName: 'example.invalid', selector: { scenario: 'external-name' } },
    pods: pods(1),
  },
];

function sidecar(restartPolicy: string | undefined): Record<string, unknown> {
  return {
    name: 'proxy',
    image: 'registry.invalid/proxy:1',
    ports: [{ name: 'http', containerPort: 15000 }],
    ...(restartPolicy ? { restartPolicy } : {}),
  };
}

function runningStatus(ip: string): Record<string, unknown> {
  return {
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: 'Ready', status: 'True' }],
  };
}

/** The selector a scenario's Service uses when its spec names none and it has pods. */
export function scenarioSelector(scenario: Scenario): Record<string, string> | undefined {
  if ('selector' in scenario.spec) {
    return scenario.spec['selector'] as Record<string, string>;
  }
  return scenario.endpoints ? undefined : by(scenario.name);
}

export function podLabelsOf(scenario: Scenario, pod: ScenarioPod): Record<string, string> {
  return pod.labels ?? by(scenario.name);
}
