import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ClusterClient, ResourceWatch } from '../../client/src/cluster/clusterClient';
import { ClusterError } from '../../client/src/cluster/clusterErrors';
import { ClusterSession } from '../../client/src/cluster/clusterSession';
import type { ReflectorListener } from '../../client/src/cluster/reflector';
import { children, ids, noKubeconfig } from '../../client/src/cluster/model';
import type { Changes, KubeObject, ResourceKind } from '../../client/src/cluster/model';
import { service, slice } from '../helpers/kubeObjects';

interface FakeWatch {
  context: string;
  namespace: string;
  kind: ResourceKind;
  listener: ReflectorListener;
  stopped: boolean;
}

class FakeClient implements ClusterClient {
  readonly files = ['/fake/kubeconfig'];
  readonly contexts = [{ name: 'demo', cluster: 'c', user: 'u', server: 'https://fake', current: true }];
  readonly watches: FakeWatch[] = [];
  disposed = false;

  listNamespaces(): Promise<string[]> {
    return Promise.resolve(['a', 'b']);
  }

  watch(context: string, namespace: string, kind: ResourceKind, listener: ReflectorListener): ResourceWatch {
    const watch: FakeWatch = { context, namespace, kind, listener, stopped: false };
    this.watches.push(watch);
    return { stop: () => (watch.stopped = true), lists: 1 };
  }

  getObject(): Promise<never> {
    return Promise.reject(new Error('not here'));
  }

  dispose(): void {
    this.disposed = true;
  }

  feed(kind: ResourceKind, items: KubeObject[]): void {
    for (const watch of this.watches.filter((w) => w.kind === kind && !w.stopped)) {
      watch.listener.onEvent({ type: 'replace', items });
    }
  }
}

function session(trusted = true, createClient?: () => Promise<ClusterClient>) {
  const clients: FakeClient[] = [];
  const changes: Changes[] = [];
  const s = new ClusterSession(
    {
      createClient:
        createClient ??
        (() => {
          const client = new FakeClient();
          clients.push(client);
          return Promise.resolve(client);
        }),
      onChange: (c) => changes.push(c),
      releaseGraceMs: 30,
      coalesceMs: 5,
    },
    trusted,
  );
  return { s, clients, changes };
}

describe('cluster session', () => {
  it('in an untrusted workspace reads no kubeconfig until trust is granted', async () => {
    const { s, clients } = session(false);
    await s.start();
    assert.equal(clients.length, 0);
    assert.equal(
      children(s.model)[0]?.kind === 'message' && (children(s.model)[0] as { topic: string }).topic,
      'trust',
    );
    s.setTrusted(true);
    await s.start();
    assert.equal(clients.length, 1);
    assert.equal(children(s.model)[0]?.kind, 'context');
  });

  it('a kubeconfig that cannot be read becomes a message node; none at all, the welcome view', async () => {
    const { s } = session(true, () =>
      Promise.reject(new ClusterError({ kind: 'kubeconfig-invalid', message: '/x: bad yaml' })),
    );
    await s.start();
    const [node] = children(s.model);
    assert.ok(node?.kind === 'message');
    assert.equal(node.text, 'The kubeconfig cannot be read');
    const { s: none } = session(true, () =>
      Promise.reject(new ClusterError({ kind: 'no-kubeconfig', message: 'No file at /x' })),
    );
    await none.start();
    assert.deepEqual(children(none.model), []);
    assert.ok(noKubeconfig(none.model));
  });

  it('watches the four resources of an expanded namespace and settles once all four are listed', async () => {
    const { s, clients, changes } = session();
    await s.start();
    await s.ensureContext('demo');
    const client = clients[0];
    let settled = false;
    let viewed = false;
    const done = s.ensureNamespace('demo', 'a').then(() => (settled = true));
    void s.ensureNamespace('demo', 'a', 'view').then(() => (viewed = true));
    // What the namespace shows first is listed first; pods and Endpoints wait for it.
    assert.deepEqual(client.watches.map((w) => w.kind).sort(), ['endpointslices', 'services']);
    client.feed('services', [service('web', { app: 'web' })]);
    await delay(1);
    assert.equal(settled, false);
    assert.equal(viewed, false);
    client.feed('endpointslices', [slice('web-1', 'web', [])]);
    assert.deepEqual(client.watches.map((w) => w.kind).sort(), [
      'endpoints',
      'endpointslices',
      'pods',
      'services',
    ]);
    await delay(1);
    assert.equal(viewed, true, 'the Services and slices are listed');
    assert.equal(settled, false, 'pods and Endpoints are not listed yet');
    client.feed('endpoints', []);
    await delay(1);
    assert.equal(settled, false, 'pods are not listed yet');
    client.feed('pods', []);
    await done;
    // A second ensure shares the watches.
    await s.ensureNamespace('demo', 'a');
    assert.equal(client.watches.length, 4);
    await delay(20);
    // The burst arrived as one coalesced change set naming the namespace.
    assert.ok(changes.some((c) => c.has(ids.namespace('demo', 'a'))));
  });

  it('passes on the first view of a namespace at once and coalesces what follows', async () => {
    const client = new FakeClient();
    const changes: { at: number; ids: Changes }[] = [];
    const s = new ClusterSession(
      {
        createClient: () => Promise.resolve(client),
        onChange: (ids) => changes.push({ at: performance.now(), ids }),
        coalesceMs: 300,
      },
      true,
    );
    await s.start();
    void s.ensureNamespace('demo', 'a');
    await delay(320); // the "listing" statuses: an ordinary coalesced refresh
    changes.length = 0;
    client.feed('services', [service('web', undefined)]);
    const listed = performance.now();
    client.feed('endpointslices', [slice('web-1', 'web', [])]);
    await delay(20);
    assert.equal(changes.length, 1, 'the refresh that shows the Services does not wait');
    assert.ok(changes[0].at - listed < 100);
    assert.ok(changes[0].ids.has(ids.namespace('demo', 'a')));
    // Later events (here the pods and Endpoints lists) are coalesced again.
    client.feed('pods', []);
    client.feed('endpoints', []);
    await delay(20);
    assert.equal(changes.length, 1);
    await delay(320);
    assert.equal(changes.length, 2);
    s.dispose();
  });

  it('stops a released namespace after the grace period, unless it is expanded again', async () => {
    const { s, clients } = session();
    await s.start();
    void s.ensureNamespace('demo', 'a');
    s.releaseNamespace('demo', 'a');
    void s.ensureNamespace('demo', 'a'); // re-expanded in time
    await delay(50);
    assert.ok(clients[0].watches.every((w) => !w.stopped));
    s.releaseNamespace('demo', 'a');
    await delay(50);
    assert.ok(clients[0].watches.every((w) => w.stopped));
    assert.equal(s.isWatching('demo', 'a'), false);
    assert.equal(s.model.namespace('demo', 'a'), undefined);
  });

  it('a held namespace (a routing picture) stays watched when the tree releases it, until the hold ends', async () => {
    const { s, clients } = session();
    await s.start();
    void s.ensureNamespace('demo', 'a');
    const release = s.hold('demo', 'a');
    s.releaseNamespace('demo', 'a'); // the tree collapsed it
    await delay(50);
    assert.ok(s.isWatching('demo', 'a'));
    release();
    release(); // twice is once
    await delay(50);
    assert.equal(s.isWatching('demo', 'a'), false);
    assert.ok(clients[0].watches.every((w) => w.stopped));
  });

  it('the end of a hold leaves a namespace the tree still shows watched', async () => {
    const { s } = session();
    await s.start();
    void s.ensureNamespace('demo', 'a');
    s.hold('demo', 'a', () => true)();
    await delay(50);
    assert.ok(s.isWatching('demo', 'a'));
  });

  it('refresh drops the old client and ignores its late events', async () => {
    const { s, clients } = session();
    await s.start();
    void s.ensureNamespace('demo', 'a');
    const old = clients[0];
    await s.refresh();
    assert.equal(old.disposed, true);
    assert.equal(clients.length, 2);
    old.watches[0].listener.onEvent({ type: 'replace', items: [service('ghost', undefined)] });
    assert.equal(s.model.namespace('demo', 'a'), undefined);
  });
});
