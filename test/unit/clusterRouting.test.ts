import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { children, fullTooltip, present } from '../../client/src/cluster/model';
import type {
  ClusterModel,
  ClusterNode,
  KubeObject,
  Pod,
  ResourceKind,
} from '../../client/src/cluster/model';
import { endpoint, modelWithNamespace, modified, pod, service, slice } from '../helpers/kubeObjects';

const ctx = 'demo';
const ns = 'ns';

function model(objects: Partial<Record<ResourceKind, KubeObject[]>>): ClusterModel {
  const m = modelWithNamespace(ctx, ns);
  for (const kind of ['services', 'endpointslices', 'endpoints', 'pods'] as const) {
    m.apply(ctx, ns, kind, { type: 'replace', items: objects[kind] ?? [] });
  }
  return m;
}

function serviceNode(m: ClusterModel, name: string): ClusterNode {
  const namespace = children(m, children(m)[0])[0];
  const found = children(m, namespace).find((n) => n.kind === 'service' && n.name === name);
  assert.ok(found, `no Service ${name}`);
  return found;
}

function messages(m: ClusterModel, name: string): { text: string; detail?: string }[] {
  return children(m, serviceNode(m, name)).flatMap((n) =>
    n.kind === 'message' ? [{ text: n.text, detail: n.detail }] : [],
  );
}

function notReady(name: string, ip: string): Pod {
  return modified(pod(name, ip, { app: 'web' }, false), (p) => {
    p.status!.conditions = [
      {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        lastTransitionTime: '2026-12-04T10:00:00Z',
      },
    ];
    p.status!.containerStatuses = [
      { name: 'app', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
    ];
  });
}

describe('cluster view: routing verdicts', () => {
  const web = service('web', { app: 'web' });
  const webSlice = slice('web-a', 'web', [
    endpoint('10.0.0.1', 'a'),
    endpoint('10.0.0.2', 'b', { ready: false, serving: false, terminating: false }),
  ]);

  it('a Service says how many selected pods it routes to, and why the others get nothing', () => {
    const m = model({
      services: [web],
      endpointslices: [webSlice],
      pods: [pod('a', '10.0.0.1', { app: 'web' }), notReady('b', '10.0.0.2')],
    });
    // The counts already say it ("1/2 ready"): the verdict is in the tooltip, not repeated.
    const look = present(m, serviceNode(m, 'web'))!;
    assert.equal(look.description, '1/2 ready · 1 slice');
    assert.match(fullTooltip(look) ?? '', /routing: routes to 1 of 2 selected pods/);
    const [reason] = messages(m, 'web');
    assert.equal(reason.text, 'Pod b: the pod is not ready (since 2026-12-04T10:00:00Z)');
    assert.match(reason.detail ?? '', /condition Ready is False \(ContainersNotReady\)/);
    assert.match(reason.detail ?? '', /container app not ready \(waiting: CrashLoopBackOff, 3 restarts\)/);
  });

  it('a pod without an IP, and a selector that matches nothing names the nearest pod', () => {
    const m = model({
      services: [web, service('api', { app: 'api-service' })],
      pods: [pod('a', undefined, { app: 'web' }), pod('x', '10.0.0.9', { app: 'api-svc' })],
    });
    assert.equal(messages(m, 'web')[0].text, 'Pod a: the pod has no IP yet (phase Running on node node-a)');
    assert.equal(
      present(m, serviceNode(m, 'api'))!.description?.startsWith('routes nowhere: selects no pod'),
      true,
    );
    assert.equal(messages(m, 'api')[0].text, 'Selects no pod; nearest: x (app: "api-svc" ≠ "api-service")');
  });

  it('a pod change refreshes the Service that selects it, and the verdict follows', () => {
    const m = model({
      services: [web],
      endpointslices: [webSlice],
      pods: [pod('a', '10.0.0.1', { app: 'web' }), notReady('b', '10.0.0.2')],
    });
    const changes = m.apply(ctx, ns, 'pods', {
      type: 'upsert',
      object: pod('b', '10.0.0.2', { app: 'web' }),
    });
    assert.ok(changes.has(serviceNode(m, 'web').id));
    assert.match(
      fullTooltip(present(m, serviceNode(m, 'web'))!) ?? '',
      /routing: routes to 2 of 2 selected pods/,
    );
    assert.deepEqual(messages(m, 'web'), []);
  });

  it('a Service that selects no pod is refreshed by any pod change, so its nearest pods stay live', () => {
    const m = model({
      services: [service('api', { app: 'api-service' })],
      pods: [pod('x', '10.0.0.9', { app: 'api' })],
    });
    assert.equal(messages(m, 'api')[0].text, 'Selects no pod; nearest: x (app: "api" ≠ "api-service")');
    const changes = m.apply(ctx, ns, 'pods', {
      type: 'upsert',
      object: pod('y', '10.0.0.8', { app: 'api-svc' }),
    });
    assert.ok(changes.has(serviceNode(m, 'api').id), 'the Service naming the nearest pods was not refreshed');
    assert.match(messages(m, 'api')[0].text, /^Selects no pod; nearest: /);
    const selected = m.apply(ctx, ns, 'pods', {
      type: 'upsert',
      object: pod('y', '10.0.0.8', { app: 'api-service' }),
    });
    assert.ok(selected.has(serviceNode(m, 'api').id));
    assert.ok(!messages(m, 'api').some((x) => x.text.startsWith('Selects no pod')));
    // Once it selects a pod again, an unrelated pod no longer refreshes it.
    const unrelated = m.apply(ctx, ns, 'pods', {
      type: 'upsert',
      object: pod('z', '10.0.0.7', { app: 'db' }),
    });
    assert.ok(!unrelated.has(serviceNode(m, 'api').id));
  });

  it('the description names what the counts do not say: ready endpoints that serve no port', () => {
    const svc = service('pay', { app: 'pay' }, [{ name: 'web', port: 80 }]);
    svc.spec!.ports![0].targetPort = 'web';
    const m = model({
      services: [svc],
      endpointslices: [slice('pay-a', 'pay', [endpoint('10.0.0.1', 'a')], [])],
      pods: [pod('a', '10.0.0.1', { app: 'pay' })],
    });
    assert.equal(
      present(m, serviceNode(m, 'pay'))!.description,
      "routes nowhere: no selected pod serves the Service's ports · 1/1 ready · 1 slice · no ports · 1 warning",
    );
    assert.match(
      messages(m, 'pay')
        .map((x) => x.text)
        .join('\n'),
      /Pod a: service port "web" finds no port on this pod/,
    );
  });

  it('pods not yet listed: no verdict rather than a wrong one', () => {
    const m = modelWithNamespace(ctx, ns);
    m.apply(ctx, ns, 'services', { type: 'replace', items: [web] });
    m.apply(ctx, ns, 'endpointslices', { type: 'replace', items: [webSlice] });
    assert.equal(present(m, serviceNode(m, 'web'))!.description, '1/2 ready · 1 slice');
  });
});

describe('cluster view: routing verdicts colour the Service', () => {
  it('selected pods that get no traffic make a Service with all-ready slices look degraded', () => {
    const web = service('web', { app: 'web' });
    const m = model({
      services: [web],
      endpointslices: [slice('web-a', 'web', [endpoint('10.0.0.1', 'a')])],
      pods: [pod('a', '10.0.0.1', { app: 'web' }), pod('b', undefined, { app: 'web' })],
    });
    const look = present(m, serviceNode(m, 'web'))!;
    assert.equal(look.description, 'routes to 1 of 2 selected pods · 1/1 ready · 1 slice');
    assert.deepEqual(look.icon, { id: 'server-process', color: 'list.warningForeground' });
  });
});
