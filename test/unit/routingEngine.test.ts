import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { predictRouting } from '../../server/src/service/routing';
import type { RoutingNode, RoutingPod, RoutingService } from '../../server/src/service/routing';

const ns = 'shop';

function svc(
  spec: NonNullable<RoutingService['spec']>,
  annotations?: Record<string, string>,
): RoutingService {
  return {
    metadata: { name: 'api', namespace: ns, ...(annotations ? { annotations } : {}) },
    spec: { ipFamilies: ['IPv4'], ...spec },
  };
}

function runningPod(
  name: string,
  options: {
    labels?: Record<string, string>;
    ip?: string[];
    ready?: boolean;
    node?: string;
    ports?: { name: string; containerPort: number; protocol?: string }[];
    deleting?: boolean;
    phase?: string;
    hostname?: string;
    subdomain?: string;
  } = {},
): RoutingPod {
  const ips = options.ip ?? ['10.0.0.1'];
  return {
    metadata: {
      name,
      namespace: ns,
      uid: `uid-${name}`,
      labels: options.labels ?? { app: 'api' },
      ...(options.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: options.node ?? 'node-a',
      hostname: options.hostname,
      subdomain: options.subdomain,
      containers: [{ name: 'main', ports: options.ports ?? [{ name: 'http', containerPort: 8080 }] }],
    },
    status: {
      phase: options.phase ?? 'Running',
      podIP: ips[0],
      podIPs: ips.map((ip) => ({ ip })),
      conditions: [
        {
          type: 'Ready',
          status: options.ready === false ? 'False' : 'True',
          reason: options.ready === false ? 'ContainersNotReady' : undefined,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    },
  };
}

function node(name: string, zone: string): RoutingNode {
  return {
    metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } },
    status: { allocatable: { cpu: '16' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

const selecting = svc({ selector: { app: 'api' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] });

describe('routing engine: selected pods', () => {
  it('routes to ready pods and resolves a named targetPort per pod', () => {
    const result = predictRouting({
      service: selecting,
      pods: [
        runningPod('a'),
        runningPod('b', { ip: ['10.0.0.2'], ports: [{ name: 'http', containerPort: 9090 }] }),
      ],
    });
    assert.equal(result.summary.text, 'routes to 2 of 2 selected pods');
    assert.deepEqual(result.groups.map((g) => g.ports.map((p) => p.port)).sort(), [[8080], [9090]]);
  });

  it('says why each pod is not a ready endpoint', () => {
    const pods = [
      runningPod('ready'),
      runningPod('slow', { ready: false, ip: ['10.0.0.2'] }),
      runningPod('going', { deleting: true, ip: ['10.0.0.3'] }),
      runningPod('done', { phase: 'Succeeded', ip: ['10.0.0.4'] }),
      {
        ...runningPod('new'),
        spec: { containers: [] },
        status: {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
        },
      },
      runningPod('noport', { ip: ['10.0.0.5'], ports: [{ name: 'metrics', containerPort: 9100 }] }),
      runningPod('v6', { ip: ['fd00::1'] }),
    ];
    const result = predictRouting({ service: selecting, pods });
    const codes = Object.fromEntries(result.pods.map((p) => [p.name, p.reasons.map((r) => r.code)]));
    assert.deepEqual(codes, {
      done: ['terminal'],
      going: ['terminating'],
      new: ['unscheduled'],
      noport: ['port-missing'],
      ready: [],
      slow: ['not-ready'],
      v6: ['family-mismatch'],
    });
    assert.equal(result.summary.text, 'routes to 1 of 7 selected pods');
    assert.equal(result.summary.state, 'partial');
    const going = result.groups.flatMap((g) => g.endpoints).find((e) => e.targetRef?.name === 'going');
    assert.deepEqual(going?.conditions, { ready: false, serving: true, terminating: true });
  });

  it('publishNotReadyAddresses makes a not-ready pod a ready endpoint', () => {
    const service = svc({ ...selecting.spec, publishNotReadyAddresses: true });
    const result = predictRouting({ service, pods: [runningPod('slow', { ready: false })] });
    assert.equal(result.groups[0].endpoints[0].conditions.ready, true);
    assert.equal(result.summary.state, 'routes');
  });

  it('names the nearest pods when the selector matches none', () => {
    const result = predictRouting({
      service: selecting,
      pods: [runningPod('x', { labels: { app: 'api-svc' } }), runningPod('y', { labels: { tier: 'db' } })],
    });
    assert.equal(result.summary.text, 'routes nowhere: selects no pod');
    assert.deepEqual(result.nearest, [
      { name: 'x', differences: [{ key: 'app', wanted: 'api', actual: 'api-svc' }] },
    ]);
  });

  it('skips a pod on a node that does not exist, unless not-ready addresses are published', () => {
    const result = predictRouting({
      service: selecting,
      pods: [runningPod('a', { node: 'gone' })],
      nodes: [node('node-a', 'z1')],
    });
    assert.deepEqual(
      result.pods[0].reasons.map((r) => r.code),
      ['node-missing'],
    );
    assert.equal(result.groups.length, 0);
  });

  it('sets hostname only for pods whose subdomain names the Service', () => {
    const pods = [
      runningPod('a', { hostname: 'a', subdomain: 'api' }),
      runningPod('b', { ip: ['10.0.0.2'], hostname: 'b', subdomain: 'other' }),
    ];
    const endpoints = predictRouting({ service: selecting, pods }).groups.flatMap((g) => g.endpoints);
    assert.deepEqual(
      endpoints.map((e) => e.hostname),
      ['a', undefined],
    );
  });

  it('writes one endpoint per family for a dual-stack Service', () => {
    const service = svc({ ...selecting.spec, ipFamilies: ['IPv6', 'IPv4'] });
    const result = predictRouting({ service, pods: [runningPod('a', { ip: ['10.0.0.1', 'FD00:0::1'] })] });
    assert.deepEqual(
      result.groups.map((g) => [g.addressType, g.endpoints[0].addresses]),
      [
        ['IPv4', ['10.0.0.1']],
        ['IPv6', ['fd00::1']],
      ],
    );
  });
});

describe('routing engine: hints', () => {
  const nodes = [node('n1', 'z1'), node('n2', 'z2')];
  const pods = [runningPod('a', { node: 'n1' }), runningPod('b', { node: 'n2', ip: ['10.0.0.2'] })];

  it('PreferClose hints each ready endpoint for its zone; PreferSameNode adds the node', () => {
    const close = predictRouting({
      service: svc({ ...selecting.spec, trafficDistribution: 'PreferClose' }),
      pods,
      nodes,
    });
    assert.deepEqual(
      close.groups[0].endpoints.map((e) => e.hints),
      [{ forZones: ['z1'] }, { forZones: ['z2'] }],
    );
    const node = predictRouting({
      service: svc({ ...selecting.spec, trafficDistribution: 'PreferSameNode' }),
      pods,
      nodes,
    });
    assert.deepEqual(node.groups[0].endpoints[0].hints, { forZones: ['z1'], forNodes: ['n1'] });
    assert.deepEqual(close.readyZones, ['z1', 'z2']);
  });

  it('the topology-mode annotation wins over the field, and refuses with fewer endpoints than zones', () => {
    const service = svc(
      { ...selecting.spec, trafficDistribution: 'PreferClose' },
      { 'service.kubernetes.io/topology-mode': 'Auto' },
    );
    const one = predictRouting({ service, pods: pods.slice(0, 1), nodes });
    assert.equal(one.hints.applied, 'none');
    assert.match(one.hints.why, /Insufficient number of endpoints \(1 endpoints, 2 zones\)/);
    assert.equal(one.groups[0].endpoints[0].hints, undefined);
    const two = predictRouting({ service, pods, nodes });
    assert.equal(two.hints.source, 'topology-mode');
    assert.deepEqual(
      two.groups[0].endpoints.map((e) => e.hints),
      [{ forZones: ['z1'] }, { forZones: ['z2'] }],
    );
  });
});

describe('routing engine: selectorless Services', () => {
  const service = svc({ ports: [{ name: 'db', port: 5432 }] });
  const address = (i: number): { ip: string } => ({ ip: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}` });

  it('mirrors an Endpoints, not-ready losing to ready for the same address, and truncates at 1000', () => {
    const endpoints = {
      metadata: { name: 'api' },
      subsets: [
        {
          addresses: Array.from({ length: 1001 }, (_, i) => address(i)),
          notReadyAddresses: [{ ip: '10.9.9.9' }],
          ports: [{ name: 'db', port: 5432 }],
        },
      ],
    };
    const result = predictRouting({ service, endpoints });
    assert.equal(result.mode, 'mirrored');
    assert.equal(result.groups[0].endpoints.length, 1000);
    assert.ok(result.groups[0].endpoints.every((e) => e.conditions.ready));
    assert.match(result.notes[0], /^2 addresses of its Endpoints are not mirrored/);
  });

  it('does not mirror an Endpoints labelled skip-mirror', () => {
    const endpoints = {
      metadata: { name: 'api', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: '10.0.0.1' }] }],
    };
    const result = predictRouting({ service, endpoints });
    assert.equal(result.mode, 'manual');
    assert.equal(result.groups.length, 0);
  });

  it('an ExternalName Service gets no endpoints', () => {
    assert.equal(
      predictRouting({
        service: svc({ type: 'ExternalName', selector: { app: 'api' } }),
        pods: [runningPod('a')],
      }).summary.state,
      'external',
    );
  });
});
