import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { Backoff } from '../../client/src/cluster/pacing';
import { resourceKinds } from '../../client/src/cluster/model';
import { KubeAdmin, eventually } from './kubeAdmin';
import { PanelHarness } from './panelHarness';

/**
 * An apiserver restart in the middle of the view's watches, on a private control plane (own state
 * dir and ports, so the shared cluster other tests use is never touched): the view says it is
 * reconnecting, keeps the last state, and once the apiserver is back ends up exactly where a
 * fresh list is, although objects were created, changed and deleted while it was away: no ghost,
 * no duplicate, nothing stale.
 */
const root = resolve(__dirname, '../../..');
const clusterEnv = {
  ...process.env,
  ENDPOINTSLICES_CLUSTER_DIR:
    process.env['ENDPOINTSLICES_PANEL_RESTART_DIR'] ?? '/tmp/endpointslices-panel-restart',
  ENDPOINTSLICES_APISERVER_PORT: '21443',
  ENDPOINTSLICES_ETCD_PORT: '17379',
  ENDPOINTSLICES_KCM_PORT: '21444',
};
const stateDir = clusterEnv.ENDPOINTSLICES_CLUSTER_DIR;
const ns = 'restart-test';
const skip = process.env['ENDPOINTSLICES_SKIP_CLUSTER'] === '1';

function cluster(script: 'up.sh' | 'down.sh'): string {
  return execFileSync('bash', [join(root, 'cluster', script)], {
    env: clusterEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

function apiserverPid(): number {
  return Number(readFileSync(join(stateDir, 'pids', 'kube-apiserver.pid'), 'utf8').trim());
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('apiserver restart in the middle of the watches (private cluster)', { skip }, () => {
  let admin: KubeAdmin;
  let kubeconfig: string;
  const open: PanelHarness[] = [];

  before(() => {
    kubeconfig = cluster('up.sh').split('\n').pop()!;
    admin = new KubeAdmin(kubeconfig);
  });

  after(() => {
    open.forEach((h) => h.dispose());
    cluster('down.sh');
  });

  it('recovers to exactly the state a fresh list gives: no ghosts, no duplicates', async (t) => {
    await admin.createNamespace(ns);
    await admin.createService(ns, 'svc-a', { app: 'a' });
    await admin.createService(ns, 'svc-b', { app: 'b' });
    await Promise.all(['a-0', 'a-1', 'a-2', 'a-3'].map((p) => admin.createPod(ns, p, { app: 'a' })));
    await Promise.all(['b-0', 'b-1'].map((p) => admin.createPod(ns, p, { app: 'b' })));

    // A slow first retry, so the changes below land while the view is still disconnected.
    const h = new PanelHarness(kubeconfig, { reflector: { backoff: () => new Backoff(1_500, 6_000) } });
    open.push(h);
    await h.start();
    await h.expand(ns);
    const description = (service: string): string | undefined => {
      const node = h.service(ns, service);
      return node && h.description(node);
    };
    await h.until(
      'the initial state',
      () => description('svc-a') === '4/4 ready · 1 slice' && description('svc-b') === '2/2 ready · 1 slice',
    );

    const pid = apiserverPid();
    process.kill(pid, 'SIGTERM');
    // It stops listening at once; the process itself may linger in graceful termination, so
    // it gets what cluster/down.sh gives it: 10 s, then SIGKILL.
    await eventually('the apiserver to exit', () => (alive(pid) ? undefined : true), 10_000).catch(() =>
      process.kill(pid, 'SIGKILL'),
    );
    await eventually('the apiserver to be gone', () => (alive(pid) ? undefined : true), 10_000);
    const killed = performance.now();
    const noticed = await h.until('the view to say it is reconnecting', () =>
      h.children(h.namespaceNode(ns)).some((n) => n.kind === 'message' && n.topic === 'recovering'),
    );
    t.diagnostic(`apiserver gone: the tree said "reconnecting" ${(noticed - killed).toFixed(0)} ms later`);
    assert.equal(description('svc-a'), '4/4 ready · 1 slice', 'the last known state stays visible');

    const restarting = performance.now();
    cluster('up.sh');
    const ready = performance.now();
    t.diagnostic(`apiserver back (readyz) ${((ready - restarting) / 1000).toFixed(1)} s after up.sh`);
    // Changes the view can only learn from a re-list or a replayed watch.
    await admin.deletePod(ns, 'a-0', 0);
    await admin.createPod(ns, 'a-4', { app: 'a' });
    await admin.setReady(ns, 'a-1', false);
    await admin.must('DELETE', `/api/v1/namespaces/${ns}/services/svc-b`);
    await admin.createService(ns, 'svc-c', { app: 'c' });
    await admin.createPod(ns, 'c-0', { app: 'c' });

    const converged = await h.until(
      'the view to converge after the restart',
      () =>
        description('svc-a') === '3/4 ready · 1 slice' &&
        description('svc-b') === undefined &&
        description('svc-c') === '1/1 ready · 1 slice' &&
        h.children(h.namespaceNode(ns)).every((n) => n.kind === 'service'),
      90_000,
    );
    t.diagnostic(
      `converged ${((converged - ready) / 1000).toFixed(1)} s after the apiserver was ready; ${h.session.listCount(h.context().context, ns)} complete lists over 4 watches (4 = no re-list)`,
    );

    // Now compare with a view that only ever did a fresh list.
    const fresh = new PanelHarness(kubeconfig);
    open.push(fresh);
    let mismatch = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      await fresh.start();
      await fresh.expand(ns);
      mismatch = compare(h, fresh);
      if (!mismatch) {
        break;
      }
      fresh.session.releaseNamespace(fresh.context().context, ns);
      await fresh.session.refresh();
      await delay(500);
    }
    assert.equal(mismatch, '', 'the recovered view differs from a fresh list');
    const pods = [...h.session.model.namespace(h.context().context, ns)!.pods.keys()].sort();
    assert.deepEqual(pods, ['a-1', 'a-2', 'a-3', 'a-4', 'b-0', 'b-1', 'c-0']);
    // The merged endpoints, after the routing messages (a-1 is not ready, so the Service says why).
    const merged = h.children(h.service(ns, 'svc-a')).find((n) => n.kind === 'merged');
    assert.ok(merged, 'svc-a lists its endpoints');
    const endpoints = h.children(merged).map((n) => h.label(n));
    assert.equal(new Set(endpoints).size, endpoints.length, `duplicate endpoints: ${endpoints.join(', ')}`);
    assert.equal(endpoints.length, 4);
  });
});

/** '' when both views hold the same objects (names and resourceVersions) and draw the same tree. */
function compare(recovered: PanelHarness, fresh: PanelHarness): string {
  const a = recovered.session.model.namespace(recovered.context().context, ns);
  const b = fresh.session.model.namespace(fresh.context().context, ns);
  if (!a || !b) {
    return 'a namespace is not watched';
  }
  for (const kind of resourceKinds) {
    const versions = (items: Map<string, { metadata: { resourceVersion?: string } }>) =>
      JSON.stringify([...items].map(([name, item]) => [name, item.metadata.resourceVersion]).sort());
    if (versions(a.resources[kind].items) !== versions(b.resources[kind].items)) {
      return `${kind}: recovered ${versions(a.resources[kind].items)} vs fresh ${versions(b.resources[kind].items)}`;
    }
  }
  const treeA = recovered.dump(recovered.namespaceNode(ns)).join('\n');
  const treeB = fresh.dump(fresh.namespaceNode(ns)).join('\n');
  return treeA === treeB ? '' : `tree:\n${treeA}\n---- fresh:\n${treeB}`;
}
