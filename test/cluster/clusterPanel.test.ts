import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { parse } from 'yaml';
import { ids } from '../../client/src/cluster/model';
import type { ClusterNode } from '../../client/src/cluster/model';
import { KubeAdmin, auditEntries, kubeconfigText } from './kubeAdmin';
import { PanelHarness } from './panelHarness';

/**
 * The cluster view against the real local control plane (cluster/), through the real
 * ClusterClient, session and model: the seeded demo, live changes made by this test as admin,
 * the namespace-restricted user, failures, and the audit log. Run by scripts/test-cluster.sh with
 * KUBECONFIG set to the admin kubeconfig of a seeded cluster.
 */
const adminKubeconfig = process.env['KUBECONFIG'];
const state = adminKubeconfig ? dirname(adminKubeconfig) : '';
const testNamespace = 'endpointslices-panel-test';
const viewerName = 'panel-viewer';
const viewerUser = `system:serviceaccount:${testNamespace}:${viewerName}`;

const messages = (h: PanelHarness, node: ClusterNode | undefined): string[] =>
  h.children(node).flatMap((n) => (n.kind === 'message' ? [n.text] : []));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('cluster view on the real control plane', { skip: !adminKubeconfig }, () => {
  let admin: KubeAdmin;
  let scratch: string;
  let viewerKubeconfig: string;
  const open: PanelHarness[] = [];
  const metrics: string[] = [];

  const harness = (kubeconfig: string): PanelHarness => {
    const h = new PanelHarness(kubeconfig);
    open.push(h);
    return h;
  };
  const metric = (t: TestContext, line: string): void => {
    metrics.push(line);
    t.diagnostic(line);
  };

  before(async () => {
    admin = new KubeAdmin(adminKubeconfig!);
    scratch = mkdtempSync(join(tmpdir(), 'endpointslices-panel-'));
    await admin.deleteNamespace(testNamespace); // a previous run that died keeps nothing
    await admin.createNamespace(testNamespace);
    viewerKubeconfig = join(scratch, 'viewer.kubeconfig');
    writeFileSync(
      viewerKubeconfig,
      await admin.viewerKubeconfig(testNamespace, viewerName, 'viewer@endpointslices-local'),
    );
  });

  after(async () => {
    open.forEach((h) => h.dispose());
    await admin.deleteClusterRoleBinding(`${testNamespace}-${viewerName}`);
    await admin.deleteNamespace(testNamespace);
    rmSync(scratch, { recursive: true, force: true });
    console.log(`cluster view measurements:\n  ${metrics.join('\n  ')}`);
  });

  it('shows the seeded demo: Services, their slices by label, merged endpoints, pods, legacy Endpoints', async (t) => {
    const h = harness(viewerKubeconfig);
    const context = await h.start();
    const namespaces = h.children(context).map((n) => h.label(n));
    for (const ns of ['demo-web', 'demo-data', 'demo-large', 'demo-external', 'demo-restricted']) {
      assert.ok(namespaces.includes(ns), `${ns} not in ${namespaces.join(', ')}`);
    }
    for (const ns of ['demo-web', 'demo-large', 'demo-external', 'demo-data']) {
      metric(
        t,
        `expand ${ns}: ${(await h.expand(ns)).toFixed(0)} ms until Services, slices, Endpoints and pods are in the tree`,
      );
    }
    const web = h.children(h.namespaceNode('demo-web')).map((n) => `${h.label(n)}: ${h.description(n)}`);
    assert.deepEqual(web, [
      'api: 3/4 ready · 1 slice',
      'frontend: 3/3 ready · 1 slice',
      'legacy: 2/3 ready · 3 serving · 1 terminating · 1 slice',
      'worker: 0/2 ready · 1 slice',
    ]);
    const frontend = h.service('demo-web', 'frontend')!;
    const [merged, slice] = h.children(frontend);
    assert.equal(merged?.kind, 'merged');
    assert.equal(slice?.kind, 'slice');
    const endpoints = h.children(slice);
    assert.equal(endpoints.length, 3);
    for (const endpoint of endpoints) {
      assert.match(h.description(endpoint), /^ready · fakelet-node-\d · zone-[abc]$/);
      const [pod] = h.children(endpoint);
      assert.equal(pod?.kind, 'pod');
      assert.equal(h.description(pod), `Running · Ready · ${h.label(endpoint)}`);
    }
    const big = h.service('demo-large', 'big')!;
    assert.equal(h.description(big), '120/120 ready · 2 slices');
    assert.equal(
      h.children(h.children(big)[0]).length,
      120,
      'the merged view lists each of the 120 endpoints once',
    );
    assert.equal(h.description(h.service('demo-external', 'external-db')!), '3/4 ready · 2 slices');
    const legacy = h.child(
      h.service('demo-external', 'legacy-backend')!,
      'legacyEndpoints',
      'legacy-backend',
    )!;
    assert.match(h.description(legacy), /^v1 Endpoints \(deprecated\) · 2 ready, 1 not ready$/);
    // db-2 is made not ready by the seed: the Service says so, with the reason.
    assert.deepEqual(
      messages(h, h.service('demo-data', 'db')).map((text) => text.replace(/ \(since .*\)$/, '')),
      ['Pod db-2: the pod is not ready'],
    );
  });

  it('says why the demo-routing Services route nowhere or to only some of their pods', async () => {
    const h = harness(viewerKubeconfig);
    await h.start();
    await h.expand('demo-routing');
    const shown = (name: string): string[] => {
      const service = h.service('demo-routing', name)!;
      return [h.description(service), ...messages(h, service)];
    };
    const [checkout, nearest] = shown('checkout');
    assert.equal(checkout, 'routes nowhere: selects no pod · 0/0 ready · 1 slice');
    assert.match(
      nearest,
      /^Selects no pod; nearest: checkout-svc-\S+ \(app: "checkout-svc" ≠ "checkout-service"\)$/,
    );
    const [payments, ...paymentMessages] = shown('payments');
    assert.match(payments, /^routes nowhere: no selected pod serves the Service's ports · 2\/2 ready/);
    assert.equal(
      paymentMessages.filter((text) =>
        /^Pod payments-\S+: service port "web" finds no port on this pod$/.test(text),
      ).length,
      2,
    );
    assert.deepEqual(shown('search'), [
      'routes to 1 of 3 selected pods · 1/1 ready · 1 slice',
      'Pod search-1: the pod has no IP yet (phase Pending on node ' + shown('search')[1].split('on node ')[1],
      'Pod search-2: the pod is not scheduled to a node, so it has no IP',
    ]);
    assert.deepEqual(shown('inventory'), [
      'routes to 1 of 2 selected pods · 1/1 ready · 1 slice',
      "Pod inventory-1: none of the pod's IPs is of the Service's families (IPv4)",
    ]);
  });

  it('follows creates, updates, deletes, readiness flips and scale-ups as they happen', async (t) => {
    const h = harness(viewerKubeconfig);
    await h.start();
    await h.expand(testNamespace);
    const ns = testNamespace;
    const echo = () => h.service(ns, 'echo');
    const timed = async (
      what: string,
      write: () => Promise<unknown>,
      check: () => boolean,
    ): Promise<void> => {
      const started = performance.now();
      const firstEvent = h.events.length;
      await write();
      const shown = await h.until(what, check);
      const event = h.events[firstEvent];
      metric(
        t,
        `${what}: ${(shown - started).toFixed(0)} ms from the write to the tree${event ? ` (${(shown - event.at).toFixed(0)} ms after the first watch event)` : ''}`,
      );
    };

    assert.deepEqual(messages(h, h.namespaceNode(ns)), [`No Services in ${ns}`]);
    await timed(
      'create a Service',
      () => admin.createService(ns, 'echo', { app: 'echo' }),
      () => echo() !== undefined,
    );
    await timed(
      'create 2 pods',
      () => Promise.all(['echo-0', 'echo-1'].map((p) => admin.createPod(ns, p, { app: 'echo' }))),
      () => h.description(echo()!) === '2/2 ready · 1 slice',
    );

    const flipStarted = h.changes.length;
    await timed(
      'readiness flip (pod not ready)',
      () => admin.setReady(ns, 'echo-0', false),
      () => h.description(echo()!) === '1/2 ready · 1 slice',
    );
    // Delta updates: every refresh during the flip named the echo Service alone.
    const serviceId = ids.service(h.context().context, ns, 'echo');
    for (const change of h.changes.slice(flipStarted)) {
      assert.deepEqual([...change.ids], [serviceId]);
    }
    const slice = h.children(echo()).find((n) => n.kind === 'slice')!;
    const notReady = h.children(slice).find((n) => h.description(n).startsWith('not ready'))!;
    assert.equal(
      h.description(h.children(notReady)[0]).split(' · ').slice(0, 2).join(' · '),
      'Running · not ready',
    );
    await timed(
      'readiness flip back',
      () => admin.setReady(ns, 'echo-0', true),
      () => h.description(echo()!) === '2/2 ready · 1 slice',
    );

    const more = ['echo-2', 'echo-3', 'echo-4', 'echo-5'];
    await timed(
      'scale up by 4 pods',
      () => Promise.all(more.map((p) => admin.createPod(ns, p, { app: 'echo' }))),
      () => h.description(echo()!) === '6/6 ready · 1 slice',
    );
    await timed(
      'update the Service (targetPort 9090)',
      () =>
        admin.must(
          'PATCH',
          `/api/v1/namespaces/${ns}/services/echo`,
          { spec: { ports: [{ name: 'http', port: 80, targetPort: 9090 }] } },
          'application/merge-patch+json',
        ),
      () => h.children(echo()).some((n) => n.kind === 'slice' && h.description(n).endsWith('http:9090/TCP')),
    );
    await timed(
      'delete a pod',
      () => admin.deletePod(ns, 'echo-5', 0),
      () => h.description(echo()!) === '5/5 ready · 1 slice',
    );
    await timed(
      'delete a pod with a grace period (terminating)',
      () => admin.deletePod(ns, 'echo-4', 3600),
      () => h.description(echo()!) === '4/5 ready · 5 serving · 1 terminating · 1 slice',
    );
    const terminating = h
      .children(h.children(echo()).find((n) => n.kind === 'slice'))
      .find((n) => h.description(n).startsWith('terminating'));
    assert.match(h.description(terminating!), /^terminating, serving · /);
    await timed(
      'delete the Service',
      () => admin.must('DELETE', `/api/v1/namespaces/${ns}/services/echo`),
      () => echo() === undefined,
    );
    // Its slices go when the garbage collector removes them; until then they are shown as orphans.
    await h.until(
      'the orphaned slices to be collected',
      () => h.children(h.namespaceNode(ns)).every((n) => n.kind === 'message'),
      60_000,
    );
  });

  it('the namespace-restricted user sees its namespace and a clear forbidden node elsewhere', async () => {
    const h = harness(join(state, 'restricted.kubeconfig'));
    const context = await h.start();
    const [hint, fallback] = h.children(context);
    assert.ok(hint?.kind === 'message');
    assert.equal(hint.text, 'You may not list namespaces (403)');
    assert.equal(fallback?.kind === 'namespace' && fallback.namespace, 'default');
    h.session.setFilter(context.context, ['demo-restricted', 'demo-web']);
    assert.deepEqual(
      h.children(context).map((n) => h.label(n)),
      ['demo-restricted', 'demo-web'],
    );
    await h.expand('demo-restricted');
    assert.equal(h.description(h.service('demo-restricted', 'restricted-app')!), '2/2 ready · 1 slice');
    await h.expand('demo-web');
    assert.deepEqual(
      h.children(h.namespaceNode('demo-web')).map((n) => (n.kind === 'message' ? n.text : n.kind)),
      ['Forbidden: you may not list services, endpointslices, endpoints, pods here (403)'],
    );
  });

  it('failures are nodes with a next step; exec credentials work', async () => {
    const viewer = parse(readFileSync(viewerKubeconfig, 'utf8')) as { users: { user: { token: string } }[] };
    const token = viewer.users[0].user.token;
    const write = (name: string, text: string): string => {
      const file = join(scratch, name);
      writeFileSync(file, text);
      return file;
    };
    const first = async (file: string): Promise<string[]> => {
      const h = harness(file);
      await h.session.start();
      const [top] = h.children();
      if (top === undefined) {
        return ['(welcome view)'];
      }
      if (top.kind === 'message') {
        return [top.text];
      }
      await h.session.ensureContext((top as { context: string }).context);
      return h
        .children(top)
        .map((n) =>
          n.kind === 'message' ? n.text : `namespace ${n.kind === 'namespace' ? n.namespace : ''}`,
        );
    };
    const port = await freePort();
    assert.deepEqual(
      await first(write('down', kubeconfigText(`https://127.0.0.1:${port}`, admin.ca, 'down', { token }))),
      [`Cannot reach https://127.0.0.1:${port}`],
    );
    const wrongCa = readFileSync(join(state, 'pki', 'front-proxy-ca.crt'));
    assert.deepEqual(await first(write('tls', kubeconfigText(admin.server, wrongCa, 'tls', { token }))), [
      `TLS failure talking to ${admin.server}`,
    ]);
    assert.deepEqual(
      await first(
        write('401', kubeconfigText(admin.server, admin.ca, 'expired', { token: 'not-a-valid-token' })),
      ),
      ['Credentials rejected (401)'],
    );
    assert.deepEqual(await first(join(scratch, 'missing.kubeconfig')), ['(welcome view)']);
    const credential = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token },
    });
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: process.execPath,
      args: ['-e', `process.stdout.write(${JSON.stringify(credential)})`],
      interactiveMode: 'Never',
    };
    const viaExec = await first(write('exec', kubeconfigText(admin.server, admin.ca, 'exec', { exec })));
    assert.ok(viaExec.includes('namespace demo-web'), viaExec.join(', '));
  });

  it('the audit log shows only get, list and watch from the identities the view used', () => {
    const auditLog = join(state, 'audit.log');
    for (const user of [viewerUser, 'restricted']) {
      const entries = auditEntries(auditLog, user);
      assert.ok(entries.length > 0, `no audit entry by ${user}: the check would prove nothing`);
      const writes = entries.filter((e) => !['get', 'list', 'watch'].includes(e.verb));
      assert.deepEqual(
        writes.map((e) => `${e.verb} ${e.requestURI}`),
        [],
        `${user} sent write requests`,
      );
    }
  });
});
