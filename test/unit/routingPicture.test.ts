// The routing picture's pure model: what it shows for a Service and where it draws it, without a
// browser, VS Code or a cluster. The webview only draws these scenes.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { NamespaceData } from '../../client/src/cluster/model';
import type { KubeObject, ResourceKind, SliceEndpoint } from '../../client/src/cluster/model';
import {
  buildPicture,
  engineSlots,
  layoutPicture,
  readFromWebview,
  readPictureState,
} from '../../client/src/cluster/picture/model';
import type { Picture, Scene, SceneItem } from '../../client/src/cluster/picture/model';
import { endpoint, pod, service, slice } from '../helpers/kubeObjects';

function namespaceWith(objects: Partial<Record<ResourceKind, KubeObject[]>>): NamespaceData {
  const data = new NamespaceData('ctx', 'ns');
  for (const kind of ['services', 'endpointslices', 'endpoints', 'pods'] as const) {
    const items = objects[kind] ?? [];
    data.resources[kind].items = new Map(items.map((item) => [item.metadata.name, item]));
    data.resources[kind].status = { state: 'synced' };
  }
  return data;
}

function picture(objects: Partial<Record<ResourceKind, KubeObject[]>>, name = 'web'): Picture {
  const built = buildPicture(namespaceWith(objects), name);
  assert.ok(built, `no picture of ${name}`);
  return built;
}

const item = (scene: Scene, id: string): SceneItem => {
  const found = scene.items.find((i) => i.id === id);
  assert.ok(found, `no item ${id} in ${scene.items.map((i) => i.id).join(', ')}`);
  return found;
};
const edgesBetween = (scene: Scene, from: string, to: string) =>
  scene.edges.filter((e) => e.from === from && e.to === to);

const on = (node: string, zone: string, e: SliceEndpoint): SliceEndpoint => ({ ...e, nodeName: node, zone });
const terminating = { ready: false, serving: true, terminating: true };
const notReady = { ready: false, serving: false, terminating: false };

describe('routing picture: one endpoint', () => {
  const web = service('web', { app: 'web' });
  web.spec = { ...web.spec, clusterIP: '10.96.0.10' };
  const objects = {
    services: [web],
    endpointslices: [slice('web-1', 'web', [endpoint('10.0.0.1', 'web-a')])],
    pods: [pod('web-a', '10.0.0.1', { app: 'web' })],
  };

  it('draws Service → slice → endpoint → pod → node → zone, one item each, linked in that order', () => {
    const scene = layoutPicture(picture(objects));
    assert.deepEqual(
      scene.items.map((i) => i.id),
      [
        'endpoint:IPv4/10.0.0.1',
        'pod:web-a',
        'node:zone-a/node-a',
        'zone:zone-a',
        'family:IPv4',
        'slice:web-1',
        'service',
      ],
    );
    for (const [from, to] of [
      ['service', 'slice:web-1'],
      ['slice:web-1', 'endpoint:IPv4/10.0.0.1'],
      ['endpoint:IPv4/10.0.0.1', 'pod:web-a'],
      ['pod:web-a', 'node:zone-a/node-a'],
      ['node:zone-a/node-a', 'zone:zone-a'],
    ]) {
      assert.equal(edgesBetween(scene, from, to).length, 1, `${from} → ${to}`);
    }
    assert.equal(item(scene, 'endpoint:IPv4/10.0.0.1').tone, 'ready');
    assert.deepEqual(item(scene, 'service').lines.slice(0, 3), ['web', 'ClusterIP', '10.96.0.10']);
    assert.deepEqual(scene.verdict, { kind: 'healthy', text: 'Traffic goes to all 1 endpoints' });
    assert.equal(scene.aggregated, false);
  });

  it('a click on the endpoint targets its slice and key; the pod targets the pod', () => {
    const scene = layoutPicture(picture(objects));
    assert.deepEqual(item(scene, 'endpoint:IPv4/10.0.0.1').target, {
      kind: 'endpointslices',
      name: 'web-1',
      endpointKey: '10.0.0.1',
    });
    assert.deepEqual(item(scene, 'pod:web-a').target, { kind: 'pods', name: 'web-a' });
  });

  it('a readiness flip changes the tone and nothing else: every item keeps its place', () => {
    const before = layoutPicture(picture(objects));
    const flipped = {
      ...objects,
      endpointslices: [slice('web-1', 'web', [endpoint('10.0.0.1', 'web-a', notReady)])],
    };
    const after = layoutPicture(picture(flipped));
    const place = (s: Scene) => s.items.map((i) => `${i.id}@${i.x},${i.y},${i.w},${i.h}`);
    assert.deepEqual(place(after), place(before));
    assert.equal(item(after, 'endpoint:IPv4/10.0.0.1').tone, 'notReady');
    assert.equal(after.verdict.kind, 'nowhere');
    assert.match(after.verdict.text, /no endpoint is ready/);
  });

  it('the slots carry the DNS names and the routing engine’s reasons when given', () => {
    const data = namespaceWith({
      ...objects,
      pods: [...objects.pods, pod('web-b', '10.0.0.2', { app: 'web' })],
    });
    const built = buildPicture(data, 'web', {
      dnsNames: ['web.ns.svc.cluster.local'],
      reasons: new Map([['web-b', { code: 'engine-says', text: 'the engine’s words' }]]),
    });
    assert.deepEqual(built?.service.dnsNames, ['web.ns.svc.cluster.local']);
    assert.deepEqual(built?.outsiders, [
      { pod: 'web-b', node: 'node-a', reason: { code: 'engine-says', text: 'the engine’s words' } },
    ]);
    assert.ok(item(layoutPicture(built), 'service').lines.includes('web.ns.svc.cluster.local'));
  });
});

describe('routing picture: endpoint states and pods left out', () => {
  it('colours ready, serving-but-terminating and not ready, and lists selected pods that are not endpoints apart', () => {
    const p = picture({
      services: [service('web', { app: 'web' })],
      endpointslices: [
        slice('web-1', 'web', [
          endpoint('10.0.0.1', 'web-a'),
          endpoint('10.0.0.2', 'web-b', terminating),
          endpoint('10.0.0.3', 'web-c', notReady),
        ]),
      ],
      pods: [
        pod('web-a', '10.0.0.1', { app: 'web' }),
        pod('web-b', '10.0.0.2', { app: 'web' }),
        pod('web-c', '10.0.0.3', { app: 'web' }, false),
        pod('web-d', '10.0.0.4', { app: 'web' }),
        pod('web-e', undefined, { app: 'web' }),
        pod('other', '10.0.0.9', { app: 'other' }),
      ],
    });
    const scene = layoutPicture(p);
    assert.equal(item(scene, 'endpoint:IPv4/10.0.0.1').tone, 'ready');
    const b = item(scene, 'endpoint:IPv4/10.0.0.2');
    assert.equal(b.tone, 'serving');
    assert.deepEqual(b.flags, ['serving', 'terminating']);
    assert.equal(b.lines[1], 'serving · terminating');
    assert.equal(item(scene, 'endpoint:IPv4/10.0.0.3').tone, 'notReady');
    assert.deepEqual(scene.totals, { ready: 1, serving: 1, notReady: 1 });
    assert.deepEqual(
      p.outsiders.map((o) => `${o.pod}: ${o.reason.code}`),
      ['web-d: not-in-slice', 'web-e: no-ip'],
    );
    const d = item(scene, 'outsider:web-d');
    assert.ok(d.y > item(scene, 'endpoint:IPv4/10.0.0.3').y, 'outsiders are drawn below the routed rows');
    assert.equal(scene.verdict.text, 'Traffic goes to 1 of 3 endpoints');
  });

  it('with only terminating endpoints, says proxies fall back to the serving ones', () => {
    const p = picture({
      services: [service('web', { app: 'web' })],
      endpointslices: [slice('web-1', 'web', [endpoint('10.0.0.2', 'web-b', terminating)])],
    });
    assert.equal(p.verdict.kind, 'degraded');
    assert.match(p.verdict.text, /fall back to the 1 serving/);
  });
});

describe('routing picture: the routing engine’s reasons', () => {
  it('says why each selected pod is not an endpoint, in the engine’s words', () => {
    const finished = pod('web-f', '10.0.0.6', { app: 'web' });
    finished.status = { ...finished.status, phase: 'Succeeded' };
    const data = namespaceWith({
      services: [service('web', { app: 'web' })],
      endpointslices: [slice('web-1', 'web', [endpoint('10.0.0.1', 'web-a')])],
      pods: [pod('web-a', '10.0.0.1', { app: 'web' }), pod('web-e', undefined, { app: 'web' }), finished],
    });
    const built = buildPicture(data, 'web', engineSlots(data, 'web', 'cluster.local'));
    assert.deepEqual(built?.service.dnsNames, ['web.ns.svc.cluster.local']);
    assert.deepEqual(
      built?.outsiders.map((o) => `${o.pod}: ${o.reason.code}`),
      ['web-e: no-ip', 'web-f: terminal'],
    );
  });

  it('when the selector matches nothing, names the pod it nearly matches', () => {
    const data = namespaceWith({
      services: [service('web', { app: 'web' })],
      pods: [pod('webb-1', '10.0.0.1', { app: 'webb' })],
    });
    const built = buildPicture(data, 'web', engineSlots(data, 'web'));
    assert.equal(built?.verdict.kind, 'nowhere');
    assert.deepEqual(built?.notes, [
      'The selector matches no pod; the closest is webb-1 (app=web, has app=webb).',
    ]);
  });
});

describe('routing picture: dual-stack', () => {
  it('groups slices by family, IPv4 first, and draws one pod beside its two endpoints', () => {
    const dual = (i: number) => [`10.0.0.${i}`, `fd00::${i}`] as const;
    const v4 = [1, 2].map((i) => on('node-a', 'zone-a', endpoint(dual(i)[0], `web-${i}`)));
    const v6 = [1, 2].map((i) => on('node-a', 'zone-a', endpoint(dual(i)[1], `web-${i}`)));
    const scene = layoutPicture(
      picture({
        services: [service('web', { app: 'web' })],
        endpointslices: [slice('web-v6', 'web', v6, undefined, 'IPv6'), slice('web-v4', 'web', v4)],
        pods: [1, 2].map((i) => pod(`web-${i}`, dual(i)[0], { app: 'web' })),
      }),
    );
    const v4Heading = item(scene, 'family:IPv4');
    const v6Heading = item(scene, 'family:IPv6');
    assert.ok(v4Heading.y < v6Heading.y);
    assert.ok(item(scene, 'slice:web-v4').y < v6Heading.y);
    const pod1 = item(scene, 'pod:web-1');
    assert.equal(pod1.h, 40 + 34, 'the pod spans its IPv4 and IPv6 rows');
    assert.equal(edgesBetween(scene, 'endpoint:IPv4/10.0.0.1', 'pod:web-1').length, 1);
    assert.equal(edgesBetween(scene, 'endpoint:IPv6/fd00::1', 'pod:web-1').length, 1);
    assert.equal(edgesBetween(scene, 'slice:web-v6', 'endpoint:IPv6/fd00::2').length, 1);
    assert.equal(scene.items.filter((i) => i.id.startsWith('pod:')).length, 2);
  });
});

describe('routing picture: topology hints', () => {
  it('draws which zones consume which endpoints, including a zone that hosts none', () => {
    const hinted = (ip: string, podName: string, node: string, zone: string, forZones: string[]) => ({
      ...on(node, zone, endpoint(ip, podName)),
      hints: { forZones: forZones.map((name) => ({ name })) },
    });
    const scene = layoutPicture(
      picture({
        services: [service('web', { app: 'web' })],
        endpointslices: [
          slice('web-1', 'web', [
            hinted('10.0.0.1', 'a', 'node-a', 'zone-a', ['zone-a']),
            hinted('10.0.0.2', 'b', 'node-b', 'zone-b', ['zone-b', 'zone-c']),
          ]),
        ],
      }),
    );
    assert.equal(scene.hinted, true);
    const hints = scene.edges.filter((e) => e.kind === 'hint').map((e) => `${e.from} → ${e.to}`);
    assert.deepEqual(hints, [
      'zone:zone-a → endpoint:IPv4/10.0.0.1',
      'zone:zone-b → endpoint:IPv4/10.0.0.2',
      'zone:zone-c → endpoint:IPv4/10.0.0.2',
    ]);
    assert.deepEqual(item(scene, 'zone:zone-c').lines, ['zone-c', 'no endpoints here', 'consumes 1 (hints)']);
    // A one-row zone says what it consumes in place of its node count and keeps its height, so
    // it never reaches into the zone below.
    assert.deepEqual(item(scene, 'zone:zone-a').lines, ['zone-a', 'consumes 1 (hints)']);
    assert.equal(item(scene, 'zone:zone-a').h, 34);
    assert.match(item(scene, 'endpoint:IPv4/10.0.0.2').lines[1] ?? '', /for zone-b, zone-c/);
  });
});

describe('routing picture: 1,000 endpoints', () => {
  const nodes = 10;
  const endpoints = Array.from({ length: 1000 }, (_, i) =>
    on(
      `node-${i % nodes}`,
      `zone-${(i % nodes) % 3}`,
      endpoint(`10.1.${Math.floor(i / 250)}.${i % 250}`, `big-${i}`, i % 100 === 0 ? notReady : undefined),
    ),
  );
  const slices = Array.from({ length: 10 }, (_, s) =>
    slice(`big-${s}`, 'big', endpoints.slice(s * 100, s * 100 + 100)),
  );
  const objects = { services: [service('big', { app: 'big' })], endpointslices: slices };

  it('draws one group per node, with the state counts, and no endpoint rows', () => {
    const scene = layoutPicture(picture(objects, 'big'));
    assert.equal(scene.aggregated, true);
    const groups = scene.items.filter((i) => i.id.startsWith('group:'));
    assert.equal(groups.length, nodes);
    assert.equal(scene.items.filter((i) => i.id.startsWith('endpoint:')).length, 0);
    const total = groups.reduce((sum, g) => sum + (g.counts?.ready ?? 0) + (g.counts?.notReady ?? 0), 0);
    assert.equal(total, 1000);
    assert.deepEqual(scene.totals, { ready: 990, serving: 0, notReady: 10 });
    assert.ok(scene.height < 1200, `the whole picture fits about a screen (${scene.height} px)`);
    assert.ok(
      scene.items.length < 80 && scene.edges.length < 300,
      `${scene.items.length} items, ${scene.edges.length} edges`,
    );
  });

  it('expanding a node shows its endpoints one by one; the node then collapses them again', () => {
    const first = layoutPicture(picture(objects, 'big'));
    const group = first.items.find((i) => i.id.startsWith('group:'))!;
    const key = group.expandable!.key;
    const scene = layoutPicture(picture(objects, 'big'), { expanded: new Set([key]) });
    const rows = scene.items.filter((i) => i.id.startsWith('endpoint:'));
    assert.equal(rows.length, 100);
    const node = scene.items.find((i) => i.expandable?.key === key && i.column === 'node');
    assert.deepEqual(node?.expandable, { key, expanded: true });
  });

  it('with many nodes, groups per zone first', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      on(
        `node-${i % 100}`,
        `zone-${(i % 100) % 3}`,
        endpoint(`10.2.${Math.floor(i / 250)}.${i % 250}`, `m-${i}`),
      ),
    );
    const scene = layoutPicture(
      picture(
        { services: [service('big', { app: 'big' })], endpointslices: [slice('m', 'big', many)] },
        'big',
      ),
    );
    assert.deepEqual(
      scene.items.filter((i) => i.id.startsWith('group:')).map((i) => i.id),
      ['group:zone:zone-0', 'group:zone:zone-1', 'group:zone:zone-2'],
    );
  });
});

describe('routing picture: messages from the webview are checked', () => {
  it('accepts the typed messages and refuses anything else', () => {
    assert.deepEqual(readFromWebview({ type: 'expand', id: 'node:a/b', expanded: true }), {
      type: 'expand',
      id: 'node:a/b',
      expanded: true,
    });
    assert.deepEqual(readFromWebview({ type: 'open', target: { kind: 'pods', name: 'x', extra: 1 } }), {
      type: 'open',
      target: { kind: 'pods', name: 'x' },
    });
    assert.equal(readFromWebview({ type: 'open', target: { kind: 'secrets', name: 'x' } }), undefined);
    assert.equal(readFromWebview({ type: 'expand', id: 3 }), undefined);
    assert.equal(readFromWebview(null), undefined);
    assert.equal(readPictureState({ address: { context: 'c' } }), undefined);
    assert.deepEqual(
      readPictureState({ address: { context: 'c', namespace: 'n', service: 's' }, expanded: ['a', 2] }),
      {
        address: { context: 'c', namespace: 'n', service: 's' },
        expanded: ['a'],
        showPorts: false,
        showHints: true,
        showing: 'live',
      },
    );
  });
});
