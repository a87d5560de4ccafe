import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { children, present } from '../../client/src/cluster/model';
import type {
  ClusterNode,
  KubeObject,
  NodePresentation,
  ResourceKind,
  ClusterModel,
} from '../../client/src/cluster/model';
import {
  endpoint,
  legacyEndpoints,
  modelWithNamespace,
  modified,
  service,
  slice,
} from '../helpers/kubeObjects';

const ctx = 'demo';
const ns = 'ns';

/** A model with one namespace holding exactly `objects` (every kind listed, so all are known). */
function model(objects: Partial<Record<ResourceKind, KubeObject[]>>): ClusterModel {
  const m = modelWithNamespace(ctx, ns);
  for (const kind of ['services', 'endpointslices', 'endpoints', 'pods'] as const) {
    m.apply(ctx, ns, kind, { type: 'replace', items: objects[kind] ?? [] });
  }
  return m;
}

function all(m: ClusterModel, node?: ClusterNode): [ClusterNode, NodePresentation][] {
  return children(m, node).flatMap((child) => [
    [child, present(m, child)!] as [ClusterNode, NodePresentation],
    ...all(m, child),
  ]);
}

function look(m: ClusterModel, kind: ClusterNode['kind'], label: string): NodePresentation | undefined {
  return all(m).find(([node, shown]) => node.kind === kind && shown.label === label)?.[1];
}

const outage = { id: 'error', color: 'testing.iconFailed' };

describe('legacy Endpoints in the tree', () => {
  const controllerMade = modified(legacyEndpoints('web', [{ ip: '10.0.0.1' }]), (e) => {
    e.metadata.labels = { 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
  });

  it("leaves out the endpoints controller's own copy of a selector Service's slices", () => {
    const m = model({
      services: [service('web', { app: 'web' })],
      endpointslices: [slice('web-a', 'web', [endpoint('10.0.0.1', undefined)])],
      endpoints: [controllerMade],
    });
    assert.equal(look(m, 'legacyEndpoints', 'web'), undefined);
    assert.equal(look(m, 'orphans', 'web'), undefined);
  });

  it('shows Endpoints someone else wrote, marked deprecated', () => {
    const m = model({
      services: [service('backend', undefined)],
      endpoints: [legacyEndpoints('backend', [{ ip: '198.51.100.10' }])],
    });
    assert.match(look(m, 'legacyEndpoints', 'backend')?.description ?? '', /deprecated/);
  });
});

describe('a Service looks as healthy as its traffic', () => {
  it('no endpoints at all is an outage: the error icon in red, not a calm grey', () => {
    const m = model({
      services: [service('empty', { app: 'nothing' })],
      endpointslices: [slice('empty-a', 'empty', [])],
    });
    const shown = look(m, 'service', 'empty')!;
    assert.equal(shown.description, 'routes nowhere: selects no pod · 0/0 ready · 1 slice');
    assert.deepEqual(shown.icon, outage);
  });

  it('no ready endpoint is an outage too; some ready is degraded; all ready is healthy', () => {
    const m = model({
      services: [service('down', { a: 'd' }), service('part', { a: 'p' }), service('fine', { a: 'f' })],
      endpointslices: [
        slice('down-a', 'down', [endpoint('10.0.0.1', undefined, { ready: false })]),
        slice('part-a', 'part', [
          endpoint('10.0.0.2', undefined),
          endpoint('10.0.0.3', undefined, { ready: false }),
        ]),
        slice('fine-a', 'fine', [endpoint('10.0.0.4', undefined)]),
      ],
    });
    assert.deepEqual(look(m, 'service', 'down')!.icon, outage);
    assert.deepEqual(look(m, 'service', 'part')!.icon, {
      id: 'server-process',
      color: 'list.warningForeground',
    });
    assert.deepEqual(look(m, 'service', 'fine')!.icon, { id: 'server-process', color: 'testing.iconPassed' });
  });

  it('ready endpoints in a slice without ports (a named targetPort no container has) are an outage', () => {
    const svc = modified(service('web', { app: 'web' }), (s) => {
      s.spec!.ports = [{ name: 'http', port: 80, targetPort: 'http-typo', protocol: 'TCP' }];
    });
    const m = model({
      services: [svc],
      endpointslices: [
        slice(
          'web-a',
          'web',
          ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((ip) => endpoint(ip, undefined)),
          [],
        ),
      ],
    });
    const shown = look(m, 'service', 'web')!;
    assert.equal(
      shown.description,
      'routes nowhere: selects no pod · 3/3 ready · 1 slice · no ports · 1 warning',
    );
    assert.deepEqual(shown.icon, outage);
    const warning = all(m).find(([node]) => node.kind === 'message' && node.topic === 'mismatch');
    assert.match(warning?.[1].label ?? '', /^Slice web-a has no ports: its 3 endpoints get no traffic$/);
    assert.match(warning?.[1].tooltip ?? '', /"http-typo"/);
  });

  it('an ExternalName Service stays grey', () => {
    const external = modified(service('docs', undefined), (s) => {
      s.spec = { type: 'ExternalName', externalName: 'docs.example.com' };
    });
    assert.deepEqual(look(model({ services: [external] }), 'service', 'docs')!.icon, {
      id: 'server-process',
      color: 'disabledForeground',
    });
  });
});
