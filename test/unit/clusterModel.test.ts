import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ClusterModel, children, ids, noKubeconfig, present, rootId } from '../../client/src/cluster/model';
import type { ClusterNode, ContextNode, NamespaceNode, ServiceNode } from '../../client/src/cluster/model';
import { endpoint, legacyEndpoints, modified, pod, service, slice } from '../helpers/kubeObjects';

const ctx = 'kind-demo';
const ns = 'ns';

function loadedModel(): ClusterModel {
  const model = new ClusterModel();
  model.setKubeconfig({
    state: 'loaded',
    files: ['/k'],
    contexts: [{ name: ctx, cluster: 'c', user: 'u', server: 'https://x', current: true }],
  });
  model.setNamespaceList(ctx, { state: 'listed', names: [ns] });
  return model;
}

function seeded() {
  const model = loadedModel();
  const web = service('web', { app: 'web' });
  const api = service('api', { app: 'api' });
  const pods = [
    pod('web-1', '10.0.0.1', { app: 'web' }),
    pod('web-2', '10.0.0.2', { app: 'web' }),
    pod('api-1', '10.0.1.1', { app: 'api' }),
  ];
  const webSlice = slice('web-abc', 'web', [endpoint('10.0.0.1', 'web-1'), endpoint('10.0.0.2', 'web-2')]);
  const apiSlice = slice('api-abc', 'api', [endpoint('10.0.1.1', 'api-1')]);
  model.apply(ctx, ns, 'services', { type: 'replace', items: [web, api] });
  model.apply(ctx, ns, 'endpointslices', { type: 'replace', items: [webSlice, apiSlice] });
  model.apply(ctx, ns, 'endpoints', { type: 'replace', items: [] });
  model.apply(ctx, ns, 'pods', { type: 'replace', items: pods });
  return { model, web, api, pods, webSlice, apiSlice };
}

function contextNode(model: ClusterModel): ContextNode {
  const node = children(model)[0];
  assert.equal(node?.kind, 'context');
  return node;
}

function namespaceNode(model: ClusterModel): NamespaceNode {
  return children(model, contextNode(model)).find(
    (n): n is NamespaceNode => n.kind === 'namespace' && n.namespace === ns,
  )!;
}

function serviceNode(model: ClusterModel, name: string): ServiceNode {
  const found = children(model, namespaceNode(model)).find(
    (n): n is ServiceNode => n.kind === 'service' && n.name === name,
  );
  assert.ok(found, `no service node ${name}`);
  return found;
}

const labels = (model: ClusterModel, nodes: ClusterNode[]) => nodes.map((n) => present(model, n)?.label);

describe('cluster model: state and tree', () => {
  it('shows contexts, namespaces, Services, then merged view, slices, endpoints and pods', () => {
    const { model } = seeded();
    assert.deepEqual(labels(model, children(model)), [ctx]);
    assert.deepEqual(labels(model, children(model, namespaceNode(model))), ['api', 'web']);
    const web = children(model, serviceNode(model, 'web'));
    assert.deepEqual(
      web.map((n) => n.kind),
      ['merged', 'slice'],
    );
    const endpoints = children(model, web[1]);
    assert.deepEqual(labels(model, endpoints), ['10.0.0.1', '10.0.0.2']);
    const pods = children(model, endpoints[0]);
    assert.deepEqual(
      pods.map((n) => [n.kind, present(model, n)?.label]),
      [['pod', 'web-1']],
    );
    assert.equal(present(model, pods[0])?.description, 'Running · Ready · 10.0.0.1');
  });

  it('gives every node a path id that is unique across the tree', () => {
    const { model } = seeded();
    const seen = new Set<string>();
    const walk = (node?: ClusterNode): void => {
      for (const child of children(model, node)) {
        assert.ok(!seen.has(child.id), `duplicate id ${child.id}`);
        seen.add(child.id);
        walk(child);
      }
    };
    walk();
    // The same pod under the merged view and under its slice: two ids.
    assert.equal([...seen].filter((id) => id.endsWith('/p:web-1')).length, 2);
  });

  it('a slice update changes only its Service node', () => {
    const { model, webSlice } = seeded();
    const changes = model.apply(ctx, ns, 'endpointslices', {
      type: 'upsert',
      object: modified(
        webSlice,
        (s) => (s.endpoints![1].conditions = { ready: false, serving: false, terminating: false }),
      ),
    });
    assert.deepEqual([...changes], [ids.service(ctx, ns, 'web')]);
    assert.equal(
      present(model, serviceNode(model, 'web'))?.description,
      'routes to 2 of 2 selected pods · 1/2 ready · 1 slice',
    );
  });

  it('a pod readiness flip changes only the Services that select it or list it', () => {
    const { model, pods } = seeded();
    const changes = model.apply(ctx, ns, 'pods', {
      type: 'upsert',
      object: modified(pods[2], (p) => (p.status!.conditions = [{ type: 'Ready', status: 'False' }])),
    });
    assert.deepEqual([...changes], [ids.service(ctx, ns, 'api')]);
  });

  it('a new or deleted Service changes the namespace node (its list of children)', () => {
    const { model, api } = seeded();
    assert.deepEqual(
      [...model.apply(ctx, ns, 'services', { type: 'upsert', object: service('db', { app: 'db' }) })],
      [ids.namespace(ctx, ns)],
    );
    assert.ok(model.apply(ctx, ns, 'services', { type: 'delete', object: api }).has(ids.namespace(ctx, ns)));
    // api's slice stays until the garbage collector removes it: shown as an orphan meanwhile.
    const nodes = children(model, namespaceNode(model));
    assert.deepEqual(
      nodes.map((n) => [n.kind, present(model, n)?.label]),
      [
        ['service', 'db'],
        ['service', 'web'],
        ['orphans', 'api'],
      ],
    );
  });

  it('ignores an event that carries the resourceVersion it already has', () => {
    const { model, webSlice } = seeded();
    assert.equal(model.apply(ctx, ns, 'endpointslices', { type: 'upsert', object: webSlice }).size, 0);
  });

  it('a re-list replaces everything: objects deleted meanwhile leave no ghost', () => {
    const { model, web, webSlice, pods } = seeded();
    model.apply(ctx, ns, 'services', { type: 'replace', items: [web] });
    model.apply(ctx, ns, 'endpointslices', { type: 'replace', items: [webSlice] });
    model.apply(ctx, ns, 'pods', { type: 'replace', items: pods.slice(0, 2) });
    assert.deepEqual(labels(model, children(model, namespaceNode(model))), ['web']);
    const data = model.namespace(ctx, ns)!;
    assert.deepEqual([...data.slices.keys()], ['web-abc']);
    assert.deepEqual([...data.pods.keys()].sort(), ['web-1', 'web-2']);
  });

  it('drops managedFields on the way in', () => {
    const model = loadedModel();
    const withFields = service('web', {});
    withFields.metadata.managedFields = [{ manager: 'kubectl' }];
    model.apply(ctx, ns, 'services', { type: 'replace', items: [withFields] });
    assert.equal(model.namespace(ctx, ns)!.services.get('web')!.metadata.managedFields, undefined);
  });

  it('groups slices whose Service does not exist, with a warning', () => {
    const { model } = seeded();
    model.apply(ctx, ns, 'endpointslices', {
      type: 'upsert',
      object: slice('gone-x', 'gone', [endpoint('10.0.9.9', undefined)]),
    });
    const orphan = children(model, namespaceNode(model)).find((n) => n.kind === 'orphans')!;
    assert.equal(present(model, orphan)?.description, 'Service does not exist');
    assert.deepEqual(
      children(model, orphan).map((n) => (n.kind === 'message' ? n.text : n.kind)),
      ['Service gone does not exist', 'slice'],
    );
  });

  it('shows legacy Endpoints under their Service, marked deprecated', () => {
    const { model } = seeded();
    model.apply(ctx, ns, 'endpoints', {
      type: 'replace',
      items: [legacyEndpoints('web', [{ ip: '10.0.0.1', pod: 'web-1' }], [{ ip: '10.0.0.2' }])],
    });
    const legacy = children(model, serviceNode(model, 'web')).find((n) => n.kind === 'legacyEndpoints')!;
    assert.match(present(model, legacy)?.description ?? '', /\(deprecated\) · 1 ready, 1 not ready/);
    const inside = children(model, legacy);
    assert.equal(inside[0]?.kind === 'message' && inside[0].topic, 'deprecated');
    assert.deepEqual(labels(model, inside.slice(1)), ['10.0.0.1', '10.0.0.2']);
  });

  it('keeps the namespace choice across kubeconfig reloads', () => {
    const model = loadedModel();
    model.setFilter(ctx, ['b', 'a', 'a']);
    model.setKubeconfig({ state: 'loading' });
    model.setKubeconfig({
      state: 'loaded',
      files: [],
      contexts: [{ name: ctx, cluster: 'c', user: 'u', current: false }],
    });
    assert.deepEqual(
      children(model, contextNode(model)).map((n) => n.kind === 'namespace' && n.namespace),
      ['a', 'b'],
    );
    assert.deepEqual([...model.setFilter(ctx, [])], [ids.context(ctx)]);
    assert.equal(model.filter(ctx), undefined);
  });

  it('forgets a namespace when its watches stop', () => {
    const { model } = seeded();
    assert.deepEqual([...model.clearNamespace(ctx, ns)], [ids.namespace(ctx, ns)]);
    assert.equal(model.namespace(ctx, ns), undefined);
    assert.equal(children(model, namespaceNode(model))[0]?.kind, 'message');
  });
});

describe('cluster model: failures are nodes', () => {
  it('an untrusted workspace shows one message and nothing else', () => {
    const model = loadedModel();
    model.setTrusted(false);
    const nodes = children(model);
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0]?.kind === 'message' && nodes[0].topic, 'trust');
    assert.equal(present(model, nodes[0])?.command?.command, 'workbench.trust.manage');
  });

  it('no kubeconfig: an empty tree, so VS Code shows the welcome content with its buttons', () => {
    const model = new ClusterModel();
    assert.deepEqual(
      [
        ...model.setKubeconfig({
          state: 'failed',
          error: { kind: 'no-kubeconfig', message: 'No file at /x' },
        }),
      ],
      [rootId],
    );
    assert.deepEqual(children(model), []);
    assert.ok(noKubeconfig(model));
    model.setTrusted(false);
    assert.ok(!noKubeconfig(model), 'an untrusted window shows its trust message, not the welcome');
  });

  it('may not list namespaces: says so and still shows the context namespace', () => {
    const model = loadedModel();
    model.setNamespaceList(ctx, {
      state: 'failed',
      error: { kind: 'forbidden', status: 403, message: 'namespaces is forbidden' },
    });
    const nodes = children(model, contextNode(model));
    assert.deepEqual(
      nodes.map((n) => n.kind),
      ['message', 'namespace'],
    );
    assert.equal(
      nodes[0]?.kind === 'message' && nodes[0].action?.command,
      'endpointslices.cluster.chooseNamespaces',
    );
    assert.equal(nodes[1]?.kind === 'namespace' && nodes[1].namespace, 'default');
  });

  for (const [kind, text] of [
    ['unreachable', 'Cannot reach https://x'],
    ['tls', 'TLS failure talking to https://x'],
    ['unauthorized', 'Credentials rejected (401)'],
  ] as const) {
    it(`${kind} while listing namespaces: one message with a next step`, () => {
      const model = loadedModel();
      model.setNamespaceList(ctx, { state: 'failed', error: { kind, message: 'x' } });
      const nodes = children(model, contextNode(model));
      assert.equal(nodes.length, 1);
      assert.ok(nodes[0]?.kind === 'message');
      assert.equal(nodes[0].text, text);
      assert.equal(nodes[0].action?.command, 'endpointslices.cluster.refresh');
    });
  }

  it('forbidden kinds: one message naming them, and what may be seen is shown', () => {
    const model = loadedModel();
    model.apply(ctx, ns, 'services', { type: 'replace', items: [service('web', { app: 'web' })] });
    model.apply(ctx, ns, 'endpointslices', { type: 'replace', items: [] });
    for (const kind of ['pods', 'endpoints'] as const) {
      model.setStatus(ctx, ns, kind, {
        state: 'error',
        error: { kind: 'forbidden', status: 403, message: 'no' },
        attempt: 1,
        hasData: false,
      });
    }
    const nodes = children(model, namespaceNode(model));
    assert.deepEqual(
      nodes.map((n) => (n.kind === 'message' ? n.text : n.kind)),
      ['Forbidden: you may not list endpoints, pods here (403)', 'service'],
    );
  });

  it('a dropped watch keeps the data and says it is reconnecting', () => {
    const { model } = seeded();
    const changes = model.setStatus(ctx, ns, 'pods', {
      state: 'error',
      error: { kind: 'unreachable', message: 'ECONNREFUSED' },
      attempt: 3,
      retryInMs: 4000,
      hasData: true,
    });
    assert.deepEqual([...changes], [ids.namespace(ctx, ns)]);
    const nodes = children(model, namespaceNode(model));
    assert.equal(
      nodes[0]?.kind === 'message' && nodes[0].text,
      'Watch dropped; reconnecting (attempt 3, next try in 4 s)',
    );
    assert.deepEqual(labels(model, nodes.slice(1)), ['api', 'web']);
  });

  it('loading, until Services and slices are listed', () => {
    const model = loadedModel();
    model.setStatus(ctx, ns, 'services', { state: 'listing' });
    assert.equal(
      children(model, namespaceNode(model))[0]?.kind === 'message' &&
        (children(model, namespaceNode(model))[0] as { topic: string }).topic,
      'loading',
    );
  });
});

/**
 * Counts the property reads of the objects the model is given: a lookup that scans every pod or
 * slice for each endpoint or Service reads them again each time. Speed itself is measured in
 * `npm run bench`; these tests prove the complexity with a count that load cannot disturb.
 */
function counted<T extends object>(items: T[], reads: { count: number }): T[] {
  return items.map(
    (item) =>
      new Proxy(item, {
        get(target, key, receiver) {
          reads.count++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      }),
  );
}

/** A Service of `size` endpoints in slices of 100, every merged and sliced endpoint rendered. */
function renderLargeService(size: number): { items: number; reads: number } {
  const model = loadedModel();
  const reads = { count: 0 };
  const pods = Array.from({ length: size }, (_, i) =>
    pod(`big-${i}`, `10.1.${i >> 8}.${i & 255}`, { app: 'big' }),
  );
  const slices = Array.from({ length: size / 100 }, (_, s) =>
    slice(
      `big-${s}`,
      'big',
      pods.slice(s * 100, s * 100 + 100).map((p) => endpoint(p.status!.podIP!, p.metadata.name)),
    ),
  );
  model.apply(ctx, ns, 'services', { type: 'replace', items: [service('big', { app: 'big' })] });
  model.apply(ctx, ns, 'endpointslices', { type: 'replace', items: counted(slices, reads) });
  model.apply(ctx, ns, 'pods', { type: 'replace', items: counted(pods, reads) });
  const big = serviceNode(model, 'big');
  let items = 0;
  // The merged endpoints come in ranges of 100 (model/paging.ts); each range is expanded.
  const expand = (node: ClusterNode): ClusterNode[] =>
    children(model, node).flatMap((kid) => (kid.kind === 'page' ? expand(kid) : [kid]));
  for (const group of children(model, big)) {
    for (const endpointNode of expand(group)) {
      present(model, endpointNode);
      items++;
    }
  }
  return { items, reads: reads.count };
}

describe('cluster model: large Services', () => {
  it('renders 5000 endpoints in 50 slices without quadratic lookups', () => {
    const half = renderLargeService(2500);
    const full = renderLargeService(5000);
    assert.equal(full.items, 10_000); // 5000 merged + 50 × 100 in the slices
    // Twice the endpoints read the pods and slices about twice as often; a scan per endpoint
    // would read them four times as often.
    assert.ok(full.reads <= half.reads * 2.5, `${half.reads} reads for 2500, ${full.reads} for 5000`);
  });
});

/** A namespace of `size` Services with 10 endpoints each, every Service rendered. */
function renderManyServices(size: number): { descriptions: (string | undefined)[]; reads: number } {
  const model = loadedModel();
  const reads = { count: 0 };
  const services = Array.from({ length: size }, (_, i) => service(`svc-${i}`, undefined));
  const slices = services.map((s, i) =>
    slice(
      `${s.metadata.name}-x`,
      s.metadata.name,
      Array.from({ length: 10 }, (_, e) => endpoint(`10.${i >> 8}.${i & 255}.${e + 1}`, undefined)),
    ),
  );
  model.apply(ctx, ns, 'services', { type: 'replace', items: counted(services, reads) });
  model.apply(ctx, ns, 'endpointslices', { type: 'replace', items: counted(slices, reads) });
  model.apply(ctx, ns, 'endpoints', { type: 'replace', items: [] });
  model.apply(ctx, ns, 'pods', { type: 'replace', items: [] });
  const nodes = children(model, namespaceNode(model));
  const descriptions = nodes.map((node) => present(model, node)?.description);
  return { descriptions, reads: reads.count };
}

describe('cluster model: many Services', () => {
  it('renders a namespace of 1,000 Services with 10,000 endpoints without per-Service scans', () => {
    const half = renderManyServices(500);
    const full = renderManyServices(1000);
    assert.equal(full.descriptions.length, 1000);
    assert.equal(full.descriptions[0], '10/10 ready · 1 slice');
    // A scan of every slice per Service would read four times as much for twice the Services.
    assert.ok(full.reads <= half.reads * 2.5, `${half.reads} reads for 500, ${full.reads} for 1000`);
  });
});
