import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import {
  ClusterModel,
  children,
  clusterCommands,
  clusterViewId,
  fullTooltip,
  present,
} from '../../client/src/cluster/model';
import type { ClusterNode, NodePresentation } from '../../client/src/cluster/model';
import { endpoint, legacyEndpoints, modelWithNamespace, pod, service, slice } from '../helpers/kubeObjects';

const ctx = 'demo';
const ns = 'ns';

function model(): ClusterModel {
  const m = new ClusterModel();
  m.setKubeconfig({
    state: 'loaded',
    files: [],
    contexts: [{ name: ctx, cluster: 'local', user: 'me', server: 'https://127.0.0.1:6443', current: true }],
  });
  m.setNamespaceList(ctx, { state: 'listed', names: [ns] });
  m.apply(ctx, ns, 'services', {
    type: 'replace',
    items: [
      service('web', { app: 'web' }),
      { ...service('docs', undefined), spec: { type: 'ExternalName', externalName: 'docs.example.com' } },
    ],
  });
  m.apply(ctx, ns, 'endpointslices', {
    type: 'replace',
    items: [
      slice(
        'web-a',
        'web',
        [
          endpoint('10.0.0.1', 'web-1'),
          endpoint('10.0.0.2', 'web-2', { ready: false, serving: true, terminating: true }),
          endpoint('10.0.0.3', undefined, { ready: false, serving: false }),
        ],
        [{ name: 'http', port: 8080 }],
      ),
    ],
  });
  m.apply(ctx, ns, 'endpoints', {
    type: 'replace',
    items: [legacyEndpoints('web', [{ ip: '10.0.0.1', pod: 'web-1' }])],
  });
  m.apply(ctx, ns, 'pods', {
    type: 'replace',
    items: [pod('web-1', '10.0.0.1', { app: 'web' }), pod('web-2', '10.0.0.2', { app: 'web' }, false)],
  });
  return m;
}

/** Every node of the tree with its presentation, depth first. */
function all(m: ClusterModel, node?: ClusterNode): [ClusterNode, NodePresentation][] {
  return children(m, node).flatMap((child) => [
    [child, present(m, child)!] as [ClusterNode, NodePresentation],
    ...all(m, child),
  ]);
}

function find(m: ClusterModel, kind: ClusterNode['kind'], label: string): NodePresentation {
  const found = all(m).find(([node, look]) => node.kind === kind && look.label === label);
  assert.ok(found, `no ${kind} ${label}`);
  return found[1];
}

describe('node presentation', () => {
  it('context: server and current marker; expanded when current', () => {
    const look = find(model(), 'context', ctx);
    assert.equal(look.description, 'https://127.0.0.1:6443 · current');
    assert.equal(look.collapsible, 'expanded');
    assert.equal(look.icon.id, 'cloud');
  });

  it('Service: counts, slices and warnings, coloured by readiness', () => {
    const web = find(model(), 'service', 'web');
    assert.equal(
      web.description,
      'routes to 1 of 2 selected pods · 1/3 ready · 2 serving · 1 terminating · 1 slice',
    );
    assert.deepEqual(web.icon, { id: 'server-process', color: 'list.warningForeground' });
    assert.equal(web.contextValue, 'service');
    assert.match(fullTooltip(web) ?? '', /selector: `app=web`/);
    const docs = find(model(), 'service', 'docs');
    assert.equal(docs.description, 'ExternalName → docs.example.com');
  });

  it('endpoints: state, node, zone; colour by ready / serving / neither', () => {
    const m = model();
    const ready = find(m, 'endpoint', '10.0.0.1');
    assert.equal(ready.description, 'ready · node-a · zone-a');
    assert.equal(ready.icon.color, 'testing.iconPassed');
    assert.equal(ready.contextValue, 'endpoint.pod');
    const draining = find(m, 'endpoint', '10.0.0.2');
    assert.equal(draining.description, 'terminating, serving · node-a · zone-a');
    assert.equal(draining.icon.color, 'list.warningForeground');
    const down = find(m, 'endpoint', '10.0.0.3');
    assert.equal(down.description, 'not ready · node-a · zone-a');
    assert.equal(down.icon.color, 'testing.iconFailed');
    assert.equal(down.collapsible, 'none');
    assert.match(ready.tooltip ?? '', /ready: true · serving: true · terminating: false/);
    assert.match(ready.tooltip ?? '', /ports: http 8080\/TCP/);
  });

  it('an unset condition is shown as unset with its meaning', () => {
    const m = modelWithNamespace(ctx, ns);
    m.apply(ctx, ns, 'services', { type: 'replace', items: [service('x', undefined)] });
    m.apply(ctx, ns, 'endpointslices', {
      type: 'replace',
      items: [slice('x-1', 'x', [{ addresses: ['192.0.2.1'] }])],
    });
    assert.match(
      find(m, 'endpoint', '192.0.2.1').tooltip ?? '',
      /ready: unset \(means true\) · serving: unset \(means true\) · terminating: unset \(means false\)/,
    );
  });

  it('slice, merged view, legacy Endpoints and pods', () => {
    const m = model();
    assert.equal(
      find(m, 'slice', 'web-a').description,
      'IPv4 · 1/3 ready · 2 serving · 1 terminating · http:8080/TCP',
    );
    assert.equal(
      find(m, 'merged', 'All endpoints (merged)').description,
      '1/3 ready · 2 serving · 1 terminating',
    );
    const legacy = find(m, 'legacyEndpoints', 'web');
    assert.equal(legacy.contextValue, 'legacyEndpoints');
    assert.match(legacy.description ?? '', /deprecated/);
    assert.equal(find(m, 'pod', 'web-2').description, 'Running · not ready · 10.0.0.2');
  });

  it('a pod not yet listed says loading', () => {
    const m = model();
    // A namespace lists pods after its Services and slices; until then a pod item waits for them.
    m.setStatus(ctx, ns, 'pods', { state: 'listing' });
    assert.equal(find(m, 'pod', 'web-1').description, 'pod (loading…)');
  });

  it('message nodes run their next step when clicked', () => {
    const m = new ClusterModel();
    m.setKubeconfig({ state: 'failed', error: { kind: 'kubeconfig-invalid', message: 'bad yaml' } });
    const [node] = children(m);
    const look = present(m, node)!;
    assert.equal(look.label, 'The kubeconfig cannot be read');
    assert.equal(look.icon.id, 'file');
    assert.equal(look.command?.command, 'workbench.action.openSettings');
    assert.equal(look.collapsible, 'none');
  });
});

describe('package.json and the cluster view agree', () => {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: {
      commands: { command: string; icon?: string }[];
      views: Record<string, { id: string }[]>;
      viewsContainers: { activitybar: { id: string; icon: string }[] };
      menus: Record<string, { command: string; when?: string }[]>;
    };
  };

  it('contributes every cluster command, the view and its container with an icon file', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const id of Object.values(clusterCommands)) {
      assert.ok(contributed.includes(id), `${id} is not contributed`);
    }
    const container = manifest.contributes.viewsContainers.activitybar[0];
    assert.deepEqual(
      manifest.contributes.views[container.id]?.map((v) => v.id),
      [clusterViewId],
    );
    assert.ok(readFileSync(resolve(__dirname, '../../..', container.icon), 'utf8').includes('<svg'));
  });

  it('menus name contributed commands and key on contextValues the model produces', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const m = model();
    const values = all(m).map(([, look]) => look.contextValue);
    for (const entry of Object.values(manifest.contributes.menus).flat()) {
      assert.ok(contributed.has(entry.command), entry.command);
      const pattern =
        /viewItem =~ \/(.+)\/$/.exec(entry.when ?? '')?.[1] ??
        /viewItem == (\w+)/.exec(entry.when ?? '')?.[1];
      if (pattern && !entry.when?.includes('== context')) {
        const regex = new RegExp(entry.when?.includes('=~') ? pattern : `^${pattern}$`);
        assert.ok(
          values.some((v) => regex.test(v)),
          `${entry.command}: no node has a contextValue matching ${pattern}`,
        );
      }
    }
  });

  it('activation stays onLanguage:yaml, plus restoring an open routing picture after a reload', () => {
    assert.deepEqual(manifest.activationEvents, [
      'onLanguage:yaml',
      'onWebviewPanel:endpointslices.routingPicture',
    ]);
  });
});
