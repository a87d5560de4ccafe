/**
 * Deterministic manifest text for the benchmarks. Every document is built from a seeded PRNG, so
 * two runs (and two machines) measure the same bytes. The shapes follow what people keep in
 * repositories and what `kubectl get -o yaml` dumps: controller-style EndpointSlices with
 * conditions, topology, targetRefs and zone hints; legacy Endpoints with ready and not-ready
 * addresses; Services; Deployments.
 */

/** mulberry32: tiny, fast, and the same sequence on every platform. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[this.int(0, 15)];
    return out;
  }
  uid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
  }
  /** The random suffix the ReplicaSet and EndpointSlice controllers append. */
  suffix(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += 'bcdfghjklmnpqrstvwxz2456789'[this.int(0, 26)];
    return out;
  }
}

const namespaces = ['payments', 'checkout', 'search', 'catalog', 'identity', 'billing', 'ingest', 'edge'];
const apps = ['api', 'web', 'worker', 'gateway', 'cache', 'db-proxy', 'auth', 'events', 'metrics', 'grpc'];
const zones = ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'];

/** The annotation the benchmarks type into: a one-character edit lands inside its value. */
export const editMarker = 'bench.endpointslices.dev/edit';

export interface SliceOptions {
  endpoints: number;
  /** Adds the annotation whose value the benchmark edits. */
  editable?: boolean;
}

interface Identity {
  namespace: string;
  service: string;
  podPrefix: string;
}

function identity(random: Random, index: number): Identity {
  const service = `${random.pick(apps)}-${index.toString().padStart(4, '0')}`;
  return {
    namespace: random.pick(namespaces),
    service,
    podPrefix: `${service}-${random.suffix(10)}`,
  };
}

function address(random: Random, octet3: number): string {
  return `10.${random.int(32, 63)}.${octet3}.${random.int(2, 254)}`;
}

function editLine(options: { editable?: boolean }): string {
  return options.editable ? `    ${editMarker}: "typing"\n` : '';
}

/** A controller-style EndpointSlice as a repository or a dump holds it. */
export function endpointSlice(random: Random, index: number, options: SliceOptions): string {
  const id = identity(random, index);
  const octet3 = random.int(0, 255);
  let text =
    `apiVersion: discovery.k8s.io/v1\n` +
    `kind: EndpointSlice\n` +
    `metadata:\n` +
    `  name: ${id.service}-${random.suffix(5)}\n` +
    `  namespace: ${id.namespace}\n` +
    `  labels:\n` +
    `    kubernetes.io/service-name: ${id.service}\n` +
    `    endpointslice.kubernetes.io/managed-by: gitops.example.com\n` +
    `    app.kubernetes.io/name: ${id.service}\n` +
    `    app.kubernetes.io/part-of: ${id.namespace}\n` +
    `  annotations:\n` +
    `    endpoints.kubernetes.io/last-change-trigger-time: "2026-03-0${random.int(1, 9)}T1${random.int(0, 9)}:0${random.int(0, 9)}:00Z"\n` +
    editLine(options) +
    `addressType: IPv4\n` +
    `endpoints:\n`;
  for (let e = 0; e < options.endpoints; e++) {
    const zone = random.pick(zones);
    const ready = random.next() > 0.08;
    text +=
      `- addresses:\n` +
      `  - ${address(random, octet3)}\n` +
      `  conditions:\n` +
      `    ready: ${ready}\n` +
      `    serving: ${ready || random.next() > 0.5}\n` +
      `    terminating: false\n` +
      `  nodeName: node-${zone.slice(-1)}-${random.int(1, 40).toString().padStart(2, '0')}\n` +
      `  zone: ${zone}\n` +
      `  targetRef:\n` +
      `    kind: Pod\n` +
      `    namespace: ${id.namespace}\n` +
      `    name: ${id.podPrefix}-${random.suffix(5)}\n` +
      `    uid: ${random.uid()}\n` +
      `  hints:\n` +
      `    forZones:\n` +
      `    - name: ${zone}\n`;
  }
  text +=
    `ports:\n` +
    `- name: http\n  port: 8080\n  protocol: TCP\n` +
    `- name: metrics\n  port: 9090\n  protocol: TCP\n`;
  return text;
}

/** Legacy v1 Endpoints with ready and not-ready addresses, as the endpoints controller writes. */
export function endpoints(random: Random, index: number, options: SliceOptions): string {
  const id = identity(random, index);
  const octet3 = random.int(0, 255);
  const entry = (): string =>
    `  - ip: ${address(random, octet3)}\n` +
    `    nodeName: node-${random.int(1, 40).toString().padStart(2, '0')}\n` +
    `    targetRef:\n` +
    `      kind: Pod\n` +
    `      namespace: ${id.namespace}\n` +
    `      name: ${id.podPrefix}-${random.suffix(5)}\n` +
    `      uid: ${random.uid()}\n`;
  const notReady = Math.floor(options.endpoints / 10);
  let text =
    `apiVersion: v1\n` +
    `kind: Endpoints\n` +
    `metadata:\n` +
    `  name: ${id.service}\n` +
    `  namespace: ${id.namespace}\n` +
    `  labels:\n` +
    `    app.kubernetes.io/name: ${id.service}\n` +
    `  annotations:\n` +
    `    endpoints.kubernetes.io/last-change-trigger-time: "2026-03-01T10:00:00Z"\n` +
    editLine(options) +
    `subsets:\n` +
    `- addresses:\n`;
  for (let e = 0; e < options.endpoints - notReady; e++) text += entry();
  if (notReady > 0) {
    text += `  notReadyAddresses:\n`;
    for (let e = 0; e < notReady; e++) text += entry();
  }
  text += `  ports:\n  - name: http\n    port: 8080\n    protocol: TCP\n`;
  return text;
}

export function service(random: Random, index: number): string {
  const id = identity(random, index);
  return (
    `apiVersion: v1\n` +
    `kind: Service\n` +
    `metadata:\n` +
    `  name: ${id.service}\n` +
    `  namespace: ${id.namespace}\n` +
    `  labels:\n` +
    `    app.kubernetes.io/name: ${id.service}\n` +
    `spec:\n` +
    `  type: ClusterIP\n` +
    `  selector:\n` +
    `    app.kubernetes.io/name: ${id.service}\n` +
    `  ports:\n` +
    `  - name: http\n    port: 80\n    targetPort: http\n    protocol: TCP\n` +
    `  - name: metrics\n    port: 9090\n    targetPort: 9090\n    protocol: TCP\n`
  );
}

export function deployment(random: Random, index: number): string {
  const id = identity(random, index);
  return (
    `apiVersion: apps/v1\n` +
    `kind: Deployment\n` +
    `metadata:\n` +
    `  name: ${id.service}\n` +
    `  namespace: ${id.namespace}\n` +
    `  labels:\n` +
    `    app.kubernetes.io/name: ${id.service}\n` +
    `spec:\n` +
    `  replicas: ${random.int(2, 12)}\n` +
    `  revisionHistoryLimit: 5\n` +
    `  selector:\n` +
    `    matchLabels:\n` +
    `      app.kubernetes.io/name: ${id.service}\n` +
    `  strategy:\n` +
    `    type: RollingUpdate\n` +
    `    rollingUpdate:\n` +
    `      maxSurge: 25%\n` +
    `      maxUnavailable: 0\n` +
    `  template:\n` +
    `    metadata:\n` +
    `      labels:\n` +
    `        app.kubernetes.io/name: ${id.service}\n` +
    `      annotations:\n` +
    `        prometheus.io/scrape: "true"\n` +
    `    spec:\n` +
    `      serviceAccountName: ${id.service}\n` +
    `      containers:\n` +
    `      - name: app\n` +
    `        image: registry.example.com/${id.namespace}/${id.service}:1.${random.int(0, 40)}.${random.int(0, 9)}\n` +
    `        args: ["--port=8080", "--metrics-port=9090"]\n` +
    `        ports:\n` +
    `        - name: http\n          containerPort: 8080\n` +
    `        - name: metrics\n          containerPort: 9090\n` +
    `        env:\n` +
    `        - name: LOG_LEVEL\n          value: info\n` +
    `        - name: POD_IP\n          valueFrom:\n            fieldRef:\n              fieldPath: status.podIP\n` +
    `        readinessProbe:\n          httpGet:\n            path: /healthz\n            port: http\n` +
    `          periodSeconds: 5\n` +
    `        resources:\n          requests:\n            cpu: 100m\n            memory: 128Mi\n` +
    `          limits:\n            memory: 256Mi\n`
  );
}

/**
 * A small controller-style EndpointSlice (addresses, conditions, node, zone, the pod), about
 * 4 KB with 20 endpoints: the file-per-object layout of a GitOps repository, and the many-file
 * corpus the kubeconform comparison uses (2,000 of them make ~7.9 MB).
 */
export function compactSlice(random: Random, index: number, endpointCount: number): string {
  const id = identity(random, index);
  const octet3 = random.int(0, 255);
  let text =
    `apiVersion: discovery.k8s.io/v1\n` +
    `kind: EndpointSlice\n` +
    `metadata:\n` +
    `  name: ${id.service}-${random.suffix(5)}\n` +
    `  namespace: ${id.namespace}\n` +
    `  labels:\n` +
    `    kubernetes.io/service-name: ${id.service}\n` +
    `addressType: IPv4\n` +
    `endpoints:\n`;
  for (let e = 0; e < endpointCount; e++) {
    const zone = random.pick(zones);
    const ready = random.next() > 0.08;
    text +=
      `- addresses:\n` +
      `  - ${address(random, octet3)}\n` +
      `  conditions:\n` +
      `    ready: ${ready}\n` +
      `    serving: ${ready}\n` +
      `  nodeName: node-${zone.slice(-1)}-${random.int(1, 40).toString().padStart(2, '0')}\n` +
      `  zone: ${zone}\n` +
      `  targetRef:\n` +
      `    kind: Pod\n` +
      `    name: ${id.podPrefix}-${random.suffix(5)}\n`;
  }
  return `${text}ports:\n- name: http\n  port: 8080\n  protocol: TCP\n`;
}
