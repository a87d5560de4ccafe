import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  extensionId,
  nextPublish,
  openFixture,
  waitForDiagnostics,
  waitUntil,
} from '../helpers';

/**
 * The cluster panel in the real VS Code, against the local control plane the driver started
 * (scripts/e2e/cluster.mjs): the view container, the demo cluster's tree, a change made during
 * the test, the commands, and no cluster access at all in an untrusted workspace. The tree is
 * read through the provider the extension registered (its activate() hands it over), i.e.
 * exactly what VS Code renders; scripts/e2e/ui.mjs checks the rendering itself.
 */

interface TreeNode {
  kind: string;
  id: string;
  text?: string;
  topic?: string;
  context?: string;
}

interface ClusterViewApi {
  clusterView: {
    provider: vscode.TreeDataProvider<TreeNode>;
    treeView: vscode.TreeView<TreeNode>;
    /** Resolves once the namespace's four resources are listed. */
    session: { ensureNamespace(context: string, namespace: string): Promise<void> };
  };
}

/** The cluster tests' admin helper (out/test/cluster/kubeAdmin.js): the test writes, the extension never does. */
interface KubeAdmin {
  createService(
    namespace: string,
    name: string,
    selector: Record<string, string>,
    ports?: { name: string; port: number; targetPort: number | string }[],
  ): Promise<unknown>;
  createPod(namespace: string, name: string, labels: Record<string, string>): Promise<unknown>;
  setReady(namespace: string, pod: string, ready: boolean): Promise<unknown>;
}

const env = {
  admin: process.env['ENDPOINTSLICES_E2E_ADMIN_KUBECONFIG'],
  auditLog: process.env['ENDPOINTSLICES_E2E_AUDIT_LOG'],
  user: process.env['ENDPOINTSLICES_E2E_CLUSTER_USER'],
  namespace: process.env['ENDPOINTSLICES_E2E_NAMESPACE'],
};
const hasCluster = Boolean(env.admin && env.auditLog && env.user && env.namespace);
const commandIds = {
  refresh: 'endpointslices.cluster.refresh',
  chooseNamespaces: 'endpointslices.cluster.chooseNamespaces',
  openYaml: 'endpointslices.cluster.openYaml',
  openServiceManifest: 'endpointslices.cluster.openServiceManifest',
  copyAddress: 'endpointslices.cluster.copyAddress',
  copyName: 'endpointslices.cluster.copyName',
  revealPod: 'endpointslices.cluster.revealPod',
};

let api: ClusterViewApi['clusterView'];

/** One answer of the provider, exactly as VS Code gets it ("Loading…" while a list is on its way). */
async function answer(node?: TreeNode): Promise<TreeNode[]> {
  return (await api.provider.getChildren(node)) ?? [];
}

/** The children once loaded: a context or namespace answers "Loading…" at once and refreshes later. */
async function kids(node?: TreeNode): Promise<TreeNode[]> {
  const started = Date.now();
  for (;;) {
    const nodes = await answer(node);
    if (!nodes.some((n) => n.topic === 'loading') || Date.now() - started > 30_000) {
      return nodes;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function look(
  node: TreeNode,
): Promise<{ label: string; description: string; icon: string; contextValue: string }> {
  const item = await api.provider.getTreeItem(node);
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return {
    label,
    description: typeof item.description === 'string' ? item.description : '',
    icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
    contextValue: item.contextValue ?? '',
  };
}

async function child(parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  for (const node of await kids(parent)) {
    if ((await look(node)).label === label) {
      return node;
    }
  }
  const labels = await Promise.all((await kids(parent)).map(async (n) => (await look(n)).label));
  throw new Error(`no "${label}" under ${parent?.id ?? 'the root'}: ${labels.join(', ')}`);
}

/** Re-reads the tree until `check` passes; returns the milliseconds it took. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

function auditCount(username: string): number {
  return fs
    .readFileSync(env.auditLog!, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"username":"${username}"`)).length;
}

describe(`cluster panel (${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'})`, () => {
  before(async () => {
    // A YAML file activates the extension, which hands over its view.
    await openFixture('deployment.yaml');
    const extension = vscode.extensions.getExtension<ClusterViewApi>(extensionId)!;
    await waitUntil(() => extension.isActive, 'the extension to activate');
    api = extension.exports.clusterView;
  });
  after(closeAllEditors);

  it('contributes an activity-bar container with its own icon and the Clusters view', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as {
      contributes: {
        viewsContainers: { activitybar: { id: string; icon: string }[] };
        views: Record<string, { id: string }[]>;
      };
      activationEvents: string[];
    };
    const container = manifest.contributes.viewsContainers.activitybar[0];
    assert.equal(container.id, 'endpointslices');
    assert.ok(
      fs.existsSync(path.join(vscode.extensions.getExtension(extensionId)!.extensionPath, container.icon)),
    );
    assert.deepEqual(
      manifest.contributes.views['endpointslices']?.map((v) => v.id),
      ['endpointslices.clusters'],
    );
    await vscode.commands.executeCommand('workbench.view.extension.endpointslices');
    await waitUntil(() => api.treeView.visible, 'the Clusters view to be visible');
  });

  if (!vscode.workspace.isTrusted) {
    it('shows one message about trust and reads no kubeconfig, touches no cluster', async function () {
      const nodes = await kids();
      assert.equal(nodes.length, 1);
      assert.equal(nodes[0]?.topic, 'trust');
      assert.equal((await look(nodes[0])).label, 'Cluster access needs a trusted workspace');
      assert.equal((await look(nodes[0])).icon, 'workspace-untrusted');
      if (!hasCluster) {
        this.skip();
      }
      // The user setting names a working kubeconfig for this window's own identity: unused.
      assert.equal(auditCount(env.user!), 0, `${env.user} sent requests from an untrusted window`);
    });
    return;
  }

  if (!hasCluster) {
    it('without a cluster, the tree is empty so the welcome content says there is no kubeconfig', async () => {
      assert.deepEqual(await kids(), []);
    });
    return;
  }

  const viewer = env.user!.split(':').pop()! + '@endpointslices-local';

  it('shows the kubeconfig contexts side by side, the current one first and expanded', async () => {
    const contexts = await Promise.all((await kids()).map(look));
    assert.deepEqual(
      contexts.map((c) => c.label),
      [viewer, 'restricted@endpointslices-local'],
    );
    assert.match(contexts[0].description, /https:\/\/127\.0\.0\.1:\d+ · current/);
    assert.equal(contexts[0].icon, 'cloud');
  });

  it("shows the demo cluster's Services, slices, endpoints and pods", async () => {
    const web = await child(await child(undefined, viewer), 'demo-web');
    const services = await Promise.all((await kids(web)).map(look));
    assert.deepEqual(
      services.map((s) => `${s.label}: ${s.description}`),
      [
        'api: 3/4 ready · 1 slice',
        'frontend: 3/3 ready · 1 slice',
        'legacy: 2/3 ready · 3 serving · 1 terminating · 1 slice',
        'worker: 0/2 ready · 1 slice',
      ],
    );
    // No endpoint ready (worker) is an outage: the error icon, not a colour alone.
    assert.deepEqual(
      services.map((s) => `${s.label}: ${s.icon}/${s.contextValue}`),
      [
        'api: server-process/service',
        'frontend: server-process/service',
        'legacy: server-process/service',
        'worker: error/service',
      ],
    );
    const frontend = await child(web, 'frontend');
    const frontendKids = await kids(frontend);
    // The endpoints controller's own v1 Endpoints copy of the slices is not shown.
    assert.deepEqual(
      frontendKids.map((n) => n.kind),
      ['merged', 'slice'],
    );
    const [merged, slice] = frontendKids;
    assert.equal((await look(merged)).label, 'All endpoints (merged)');
    assert.equal((await look(slice)).contextValue, 'endpointSlice');
    const endpoints = await kids(slice);
    assert.equal(endpoints.length, 3);
    for (const endpoint of endpoints) {
      const shown = await look(endpoint);
      assert.equal(shown.icon, 'circle-filled');
      assert.equal(shown.contextValue, 'endpoint.pod');
      const [pod] = await kids(endpoint);
      assert.match((await look(pod)).label, /^frontend-/);
      // The namespace shows its Services once they and the slices are listed; the pods' list
      // follows and refreshes the pod items, which say "loading" until then.
      const description = async (): Promise<string> => (await look(pod)).description;
      assert.match(await description(), /^(?:pod \(loading…\)|Running · Ready · .*)$/);
      await eventually(
        'the pod details',
        async () => (await description()) === `Running · Ready · ${shown.label}`,
      );
    }
  });

  it('the restricted context says it may not list namespaces and shows its own', async () => {
    const restricted = await child(undefined, 'restricted@endpointslices-local');
    const shown = await Promise.all((await kids(restricted)).map(look));
    assert.deepEqual(
      shown.map((s) => s.label),
      ['You may not list namespaces (403)', 'default'],
    );
    assert.equal(shown[0].icon, 'lock');
  });

  it('answers a context or namespace at once, before its lists arrive (no children lost to a refresh)', async () => {
    // VS Code 1.100 keeps the parent's tree node from before it awaits getChildren; loading
    // refreshes that element, and children registered across the refresh make every later
    // fetch fail with "Element with id … is already registered". So nothing below the root waits.
    await vscode.commands.executeCommand(commandIds.refresh);
    const restricted = await child(undefined, 'restricted@endpointslices-local');
    const fired: string[] = [];
    const listener = api.provider.onDidChangeTreeData!((event) =>
      fired.push(...(Array.isArray(event) ? event : [event]).map((n) => n?.id ?? '')),
    );
    try {
      const first = await answer(restricted);
      assert.deepEqual(
        first.map((n) => n.topic),
        ['loading'],
      );
      await kids(restricted);
      // Its own refresh, or the whole tree's (the refresh above may still be coalescing).
      const refreshed = (id: string): boolean => fired.includes(id) || fired.includes('');
      // The refresh is fired by the provider after the model took the list (coalesced over a few
      // ms), so it may land just after the children can be read: wait for it, briefly.
      await waitUntil(() => refreshed(restricted.id), 'the context to be refreshed once listed', 3_000);
      // A namespace the viewer may read in full, so nothing keeps refreshing it afterwards.
      const namespace = (await kids(await child(undefined, viewer))).find((n) =>
        n.id.endsWith('/n:demo-data'),
      )!;
      fired.length = 0;
      const firstOfNamespace = await answer(namespace);
      assert.deepEqual(
        firstOfNamespace.map((n) => n.topic),
        ['loading'],
      );
      await kids(namespace);
      await waitUntil(() => refreshed(namespace.id), 'the namespace to be refreshed once listed', 3_000);
      // Pods and Endpoints follow the first view; the next test counts refreshes.
      await api.session.ensureNamespace(viewer, 'demo-data');
    } finally {
      listener.dispose();
    }
  });

  it('follows a change made to the cluster during the test, refreshing only what changed', async () => {
    const adminModule = path.resolve(__dirname, '../../cluster/kubeAdmin.js');
    const { KubeAdmin } = (await import(adminModule)) as { KubeAdmin: new (file: string) => KubeAdmin };
    const admin = new KubeAdmin(env.admin!);
    const ns = env.namespace!;
    const namespaceNode = await child(await child(undefined, viewer), ns);
    assert.deepEqual(await Promise.all((await kids(namespaceNode)).map(async (n) => (await look(n)).label)), [
      `No Services in ${ns}`,
    ]);
    const live = async (): Promise<string | undefined> => {
      for (const node of await kids(namespaceNode)) {
        const shown = await look(node);
        if (shown.label === 'live') {
          return shown.description;
        }
      }
      return undefined;
    };
    await admin.createService(ns, 'live', { app: 'live' });
    await Promise.all(['live-0', 'live-1'].map((pod) => admin.createPod(ns, pod, { app: 'live' })));
    const appeared = await eventually(
      'Service live with 2 ready endpoints',
      async () => (await live()) === '2/2 ready · 1 slice',
    );
    const fired: (TreeNode | TreeNode[] | undefined | null | void)[] = [];
    const listener = api.provider.onDidChangeTreeData!((event) => fired.push(event));
    try {
      await admin.setReady(ns, 'live-0', false);
      const flipped = await eventually(
        'the readiness flip',
        async () => (await live()) === '1/2 ready · 1 slice',
      );
      console.log(
        `    (tree: Service + 2 pods shown ${appeared} ms after the writes; readiness flip ${flipped} ms after the write)`,
      );
    } finally {
      listener.dispose();
    }
    const refreshed = fired.flatMap((event) => (Array.isArray(event) ? event : [event]));
    assert.ok(refreshed.length > 0, 'no onDidChangeTreeData during the flip');
    assert.ok(
      refreshed.every((node) => node && node.kind === 'service' && node.id.endsWith('/s:live')),
      `refreshed ${JSON.stringify(refreshed.map((n) => n?.id ?? 'the whole tree'))}`,
    );
  });

  it('an outage looks like one: no endpoints, or ready endpoints a named targetPort leaves without ports', async () => {
    const adminModule = path.resolve(__dirname, '../../cluster/kubeAdmin.js');
    const { KubeAdmin } = (await import(adminModule)) as { KubeAdmin: new (file: string) => KubeAdmin };
    const admin = new KubeAdmin(env.admin!);
    const ns = env.namespace!;
    await admin.createService(ns, 'nobody', { app: 'nobody' });
    // No container declares a port named "web": the controller writes the pod without ports.
    await admin.createService(ns, 'typo', { app: 'typo' }, [{ name: 'http', port: 80, targetPort: 'web' }]);
    await admin.createPod(ns, 'typo-0', { app: 'typo' });
    const namespaceNode = await child(await child(undefined, viewer), ns);
    const shown = async (name: string): Promise<string> => {
      for (const node of await kids(namespaceNode)) {
        const item = await look(node);
        if (item.label === name) return `${item.description} (${item.icon})`;
      }
      return '';
    };
    await eventually(
      'Service typo: ready, without ports',
      async () =>
        (await shown('typo')) ===
        "routes nowhere: no selected pod serves the Service's ports · 1/1 ready · 1 slice · no ports · 1 warning (error)",
    );
    await eventually('Service nobody: no endpoints', async () => (await shown('nobody')).endsWith('(error)'));
    assert.match(await shown('nobody'), /^routes nowhere: selects no pod · 0\/0 ready · 1 slice /);
  });

  it('opens a slice, a legacy Endpoints and a Service as read-only YAML that the server validates', async () => {
    const web = await child(await child(undefined, viewer), 'demo-web');
    const slice = (await kids(await child(web, 'frontend')))[1];
    const sliceUri = vscode.Uri.from({
      scheme: 'endpointslices-cluster',
      path: `/${[viewer, 'demo-web', 'endpointslices', (await look(slice)).label].map(encodeURIComponent).join('/')}.yaml`,
    });
    const sliceValidated = nextPublish(sliceUri);
    await vscode.commands.executeCommand(commandIds.openYaml, slice);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), sliceUri.toString());
    assert.equal(editor.document.languageId, 'yaml');
    assert.match(editor.document.getText(), /^kind: EndpointSlice$/m);
    // The controller's slice rightly claims its managed-by value, and the workspace need not hold
    // the cluster's Services: advice for authors does not apply to a live object.
    assert.deepEqual(
      (await sliceValidated).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code)),
      [],
    );

    const external = await child(await child(undefined, viewer), 'demo-external');
    // Endpoints are listed after the Services and slices the namespace shows first.
    let legacy: TreeNode | undefined;
    await eventually('the legacy Endpoints item', async () => {
      legacy = (await kids(await child(external, 'legacy-backend'))).find(
        (n) => n.kind === 'legacyEndpoints',
      );
      return legacy !== undefined;
    });
    await vscode.commands.executeCommand(commandIds.openYaml, legacy);
    const endpoints = vscode.window.activeTextEditor!.document;
    assert.match(endpoints.getText(), /^kind: Endpoints$/m);
    await waitForDiagnostics(
      endpoints.uri,
      (d) =>
        d.some((x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'endpoints-deprecated'),
      'the deprecation warning',
    );

    // The Service's manifest is the workspace file that defines it, when there is one ...
    await vscode.commands.executeCommand(commandIds.openServiceManifest, await child(web, 'frontend'));
    const manifest = vscode.window.activeTextEditor!;
    assert.equal(path.basename(manifest.document.uri.fsPath), 'services.yaml');
    assert.equal(manifest.document.uri.scheme, 'file');
    assert.match(manifest.document.lineAt(manifest.selection.active.line).text, /^ {2}name: frontend$/);
    // ... else the live object, read-only.
    await vscode.commands.executeCommand(commandIds.openServiceManifest, await child(web, 'api'));
    const liveService = vscode.window.activeTextEditor!.document;
    assert.equal(liveService.uri.scheme, 'endpointslices-cluster');
    assert.match(liveService.getText(), /^kind: Service$/m);
  });

  it('copies an endpoint address and reveals the pod behind it', async () => {
    const web = await child(await child(undefined, viewer), 'demo-web');
    const slice = (await kids(await child(web, 'api')))[1];
    const endpoint = (await kids(slice))[0];
    const address = (await look(endpoint)).label;
    await vscode.commands.executeCommand(commandIds.copyAddress, endpoint);
    assert.equal(await vscode.env.clipboard.readText(), address);
    await vscode.commands.executeCommand(commandIds.revealPod, endpoint);
    await waitUntil(() => api.treeView.selection[0]?.kind === 'pod', 'the pod to be selected');
    // A slice has no address of its own; a namespace has a name to copy.
    await vscode.commands.executeCommand(commandIds.copyAddress, slice);
    assert.equal(await vscode.env.clipboard.readText(), address);
    await vscode.commands.executeCommand(commandIds.copyName, web);
    assert.equal(await vscode.env.clipboard.readText(), 'demo-web');
  });

  it('choose namespaces filters the context (kept in extension state) and refresh reloads', async () => {
    await vscode.commands.executeCommand(commandIds.chooseNamespaces, viewer, ['demo-web', 'demo-data']);
    const chosen = await Promise.all((await kids(await child(undefined, viewer))).map(look));
    assert.deepEqual(
      chosen.map((n) => n.label),
      ['demo-data', 'demo-web'],
    );
    await vscode.commands.executeCommand(commandIds.refresh);
    const afterRefresh = await Promise.all((await kids(await child(undefined, viewer))).map(look));
    assert.deepEqual(
      afterRefresh.map((n) => n.label),
      ['demo-data', 'demo-web'],
    );
    await vscode.commands.executeCommand(commandIds.chooseNamespaces, viewer, []);
    const all = await Promise.all((await kids(await child(undefined, viewer))).map(look));
    assert.ok(all.some((n) => n.label === 'demo-large'));
  });

  it('follows a change of the kubeconfig file (the current context) without a refresh', async () => {
    const file = vscode.workspace.getConfiguration('endpointslices').get<string>('kubeconfig')!;
    const original = fs.readFileSync(file, 'utf8');
    // The driver writes the kubeconfig as JSON (which is YAML too).
    const withCurrent = (context: string): string =>
      JSON.stringify({ ...(JSON.parse(original) as object), 'current-context': context }, null, 2);
    const replace = (text: string): void => {
      // As kubectl does: a temporary file renamed over the kubeconfig.
      fs.writeFileSync(`${file}.tmp`, text);
      fs.renameSync(`${file}.tmp`, file);
    };
    // The context marked current (contexts keep their kubeconfig order).
    const current = async (): Promise<string | undefined> => {
      for (const node of await kids()) {
        const shown = await look(node);
        if (shown.description.endsWith('· current')) return shown.label;
      }
      return undefined;
    };
    assert.equal(await current(), viewer);
    try {
      replace(withCurrent('restricted@endpointslices-local'));
      await eventually(
        'the restricted context to be current',
        async () => (await current()) === 'restricted@endpointslices-local',
        20_000,
      );
    } finally {
      replace(original);
    }
    await eventually(
      'the original current context to come back',
      async () => (await current()) === viewer,
      20_000,
    );
  });

  it('the audit log shows no write by the identity the view used', () => {
    const entries = fs
      .readFileSync(env.auditLog!, 'utf8')
      .split('\n')
      .filter((line) => line.includes(`"username":"${env.user}"`))
      .map((line) => JSON.parse(line) as { verb: string; requestURI: string });
    assert.ok(entries.length > 0);
    assert.deepEqual(
      entries
        .filter((e) => !['get', 'list', 'watch'].includes(e.verb))
        .map((e) => `${e.verb} ${e.requestURI}`),
      [],
    );
  });
});
