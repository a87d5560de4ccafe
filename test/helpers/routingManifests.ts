/** Manifests for the routing doctor's tests: a Service and the workloads it should select. */

export interface ServiceOptions {
  name?: string;
  namespace?: string;
  selector?: Record<string, string>;
  /** `port:targetPort[/protocol]` per port. */
  ports?: string[];
  extra?: string[];
}

export function serviceYaml(options: ServiceOptions = {}): string {
  const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${options.name ?? 'api'}`];
  if (options.namespace) lines.push(`  namespace: ${options.namespace}`);
  lines.push('spec:');
  const selector = options.selector === undefined ? { app: 'api' } : options.selector;
  if (Object.keys(selector).length > 0) {
    lines.push('  selector:', ...Object.entries(selector).map(([k, v]) => `    ${k}: ${v}`));
  }
  lines.push(...(options.extra ?? []));
  const ports = options.ports ?? ['80:http'];
  if (ports.length > 0) lines.push('  ports:');
  for (const port of ports) {
    const [number, rest = ''] = port.split(':');
    const [target, protocol] = rest.split('/');
    lines.push(`    - port: ${number}`);
    if (target) lines.push(`      targetPort: ${target}`);
    if (protocol) lines.push(`      protocol: ${protocol}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface WorkloadOptions {
  kind?: string;
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  /** `name:containerPort[/protocol]` per container port. */
  ports?: string[];
}

const templatePaths: Record<string, { apiVersion: string; indent: string; head: string[] }> = {
  Deployment: { apiVersion: 'apps/v1', indent: '    ', head: ['spec:', '  template:'] },
  StatefulSet: { apiVersion: 'apps/v1', indent: '    ', head: ['spec:', '  template:'] },
  DaemonSet: { apiVersion: 'apps/v1', indent: '    ', head: ['spec:', '  template:'] },
  ReplicaSet: { apiVersion: 'apps/v1', indent: '    ', head: ['spec:', '  template:'] },
  Job: { apiVersion: 'batch/v1', indent: '    ', head: ['spec:', '  template:'] },
  CronJob: {
    apiVersion: 'batch/v1',
    indent: '        ',
    head: ['spec:', '  schedule: "* * * * *"', '  jobTemplate:', '    spec:', '      template:'],
  },
  Pod: { apiVersion: 'v1', indent: '', head: [] },
};

/** A workload whose pod template has the labels and container ports given. */
export function workloadYaml(options: WorkloadOptions = {}): string {
  const kind = options.kind ?? 'Deployment';
  const shape = templatePaths[kind];
  const labels = options.labels ?? { app: 'api' };
  const labelLines = Object.entries(labels).map(([k, v]) => `${k}: ${v}`);
  const lines = [
    `apiVersion: ${shape.apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${options.name ?? 'api'}`,
  ];
  if (options.namespace) lines.push(`  namespace: ${options.namespace}`);
  if (kind === 'Pod') {
    lines.push('  labels:', ...labelLines.map((l) => `    ${l}`));
  } else {
    lines.push(...shape.head);
    if (kind !== 'Job' && kind !== 'CronJob') {
      lines.splice(
        lines.indexOf('  template:'),
        0,
        '  selector:',
        '    matchLabels:',
        ...labelLines.map((l) => `      ${l}`),
      );
    }
    lines.push(
      `${shape.indent}metadata:`,
      `${shape.indent}  labels:`,
      ...labelLines.map((l) => `${shape.indent}    ${l}`),
    );
  }
  const i = shape.indent;
  lines.push(`${i}spec:`, `${i}  containers:`, `${i}    - name: main`, `${i}      image: api:1`);
  const ports = options.ports ?? ['http:8080'];
  if (ports.length > 0) lines.push(`${i}      ports:`);
  for (const port of ports) {
    const [name, rest = ''] = port.split(':');
    const [number, protocol] = rest.split('/');
    lines.push(`${i}        - name: ${name}`, `${i}          containerPort: ${number}`);
    if (protocol) lines.push(`${i}          protocol: ${protocol}`);
  }
  return `${lines.join('\n')}\n`;
}

export function sliceYaml(serviceName: string, addressType = 'IPv4', portName = 'http'): string {
  return [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    `  name: ${serviceName}-1`,
    '  labels:',
    `    kubernetes.io/service-name: ${serviceName}`,
    `addressType: ${addressType}`,
    'endpoints:',
    `  - addresses: [${addressType === 'IPv4' ? '10.0.0.1' : '"fd00::1"'}]`,
    'ports:',
    `  - name: ${portName}`,
    '    port: 8080',
    '',
  ].join('\n');
}
