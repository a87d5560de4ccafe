// The routing picture of a workspace Service (picture/model/workspacePicture.ts): what the
// routing engine predicts from the workspace, drawn with the live picture's columns. The facts
// come from the language server's own function (workspaceRoutingAt) over real manifests.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { WorkspaceIndex, workspaceRoutingAt } from '../../server/src/service';
import {
  buildWorkspacePicture,
  layoutPicture,
  readFromWebview,
  readPictureState,
} from '../../client/src/cluster/picture/model';
import type { Scene, SceneItem } from '../../client/src/cluster/picture/model';
import { serviceYaml, workloadYaml } from '../helpers/routingManifests';

function scene(files: Record<string, string>, file = 'svc.yaml'): Scene {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.update(`file:///ws/${name}`, text);
  const summary = index.summaryOf(`file:///ws/${file}`);
  assert.ok(summary);
  const facts = workspaceRoutingAt(summary, { position: { line: 0, character: 0 } }, index);
  assert.ok(facts.found);
  const picture = buildWorkspacePicture(facts, {
    namespace: 'shop',
    clusterDomain: 'cluster.local',
    fileName: (uri) => uri.replace('file:///ws/', ''),
  });
  return layoutPicture(picture);
}

const item = (s: Scene, id: string): SceneItem => {
  const found = s.items.find((i) => i.id === id);
  assert.ok(found, `no item ${id} in ${s.items.map((i) => i.id).join(', ')}`);
  return found;
};
const ids = (s: Scene, column: string): string[] =>
  s.items.filter((i) => i.column === column).map((i) => i.id);
const withReplicas = (count: string, text: string): string =>
  text.replace('spec:\n', `spec:\n  replicas: ${count}\n`);

describe('workspace routing picture', () => {
  it('draws each selected template × its replicas as the endpoints and pods, in the slice the controller would write', () => {
    const s = scene({
      'svc.yaml': serviceYaml({ ports: ['80:http'] }),
      'deploy.yaml': withReplicas('3', workloadYaml({ ports: ['http:8080'] })),
      'daemon.yaml': workloadYaml({ kind: 'DaemonSet', name: 'agent', ports: ['http:9000'] }),
    });
    assert.deepEqual(ids(s, 'endpoint'), ['endpoint:IPv4/DaemonSet/agent', 'endpoint:IPv4/Deployment/api']);
    assert.deepEqual(ids(s, 'pod'), ['pod:DaemonSet/agent', 'pod:Deployment/api']);
    // Pods that do not run have no node or zone: the picture stops at the templates.
    assert.deepEqual([...ids(s, 'node'), ...ids(s, 'zone')], []);
    // The two templates resolve `http` to different ports: two slices, as the controller groups them.
    assert.deepEqual(ids(s, 'slice'), ['slice:api-xxxxx', 'slice:api-xxxxx (2)']);
    assert.deepEqual(item(s, 'pod:Deployment/api').lines, ['Deployment/api', '3 pods']);
    assert.deepEqual(item(s, 'endpoint:IPv4/Deployment/api').lines, [
      'Deployment/api × 3',
      '3 pods, once ready',
    ]);
    assert.equal(item(s, 'pod:DaemonSet/agent').lines[1], 'one pod per node');
    assert.deepEqual(
      ['slice:api-xxxxx', 'slice:api-xxxxx (2)'].map((id) => item(s, id).lines[1]),
      ['endpoints of 1 template', '3 endpoints once ready'],
    );
    assert.deepEqual(item(s, 'pod:Deployment/api').target, {
      kind: 'file',
      name: 'file:///ws/deploy.yaml',
      line: 3,
    });
    assert.deepEqual(s.verdict, {
      kind: 'healthy',
      text: 'Predicted from the workspace: traffic goes to DaemonSet/agent (one pod per node), Deployment/api (3 pods)',
    });
    assert.equal(s.origin, 'Predicted from the workspace: svc.yaml, daemon.yaml, deploy.yaml');
    const service = item(s, 'service').lines;
    assert.ok(service.includes('cluster IP: set on creation'), service.join(' | '));
    assert.ok(service.includes('api.shop.svc.cluster.local'), service.join(' | '));
    assert.deepEqual(s.portMapping, [
      {
        servicePort: '80/TCP',
        targetPort: 'http',
        endpointPorts: [
          { slice: 'DaemonSet/agent', port: '9000', endpoints: 'per node' },
          { slice: 'Deployment/api', port: '8080', endpoints: 3 },
        ],
      },
    ]);
  });

  it('routes nowhere when the selector matches no template, naming the closest and the label that differs', () => {
    const s = scene({
      'svc.yaml': serviceYaml({ selector: { app: 'api-svc' } }),
      'deploy.yaml': workloadYaml({ labels: { app: 'api-service' } }),
    });
    assert.deepEqual(s.verdict, {
      kind: 'nowhere',
      text: 'Predicted from the workspace: routes nowhere: the selector matches no pod template; the closest is Deployment/api: app: api-svc vs app: api-service',
    });
    assert.deepEqual(ids(s, 'endpoint'), []);
    assert.equal(s.origin, 'Predicted from the workspace: svc.yaml');
  });

  it('puts a selected template that serves none of the ports apart, with the engine’s reason', () => {
    const s = scene({
      'svc.yaml': serviceYaml({ ports: ['80:web'] }),
      'deploy.yaml': workloadYaml({ ports: ['http:8080'] }),
    });
    assert.equal(s.verdict.kind, 'nowhere');
    assert.match(s.verdict.text, /no selected pod template serves the Service's ports/);
    const apart = item(s, 'outsider:Deployment/api');
    assert.deepEqual(apart.flags, ['port-missing']);
    assert.match(apart.lines[1] ?? '', /serves none of the Service's ports: no container names a port "web"/);
    assert.deepEqual(s.portMapping[0]?.endpointPorts[0]?.endpoints, 0);
  });

  it('draws a dual-stack Service as one row per family', () => {
    const s = scene({
      'svc.yaml': serviceYaml({ extra: ['  ipFamilyPolicy: RequireDualStack'] }),
      'deploy.yaml': workloadYaml(),
    });
    assert.deepEqual(ids(s, 'family'), ['family:IPv4', 'family:IPv6']);
    assert.deepEqual(ids(s, 'endpoint'), ['endpoint:IPv4/Deployment/api', 'endpoint:IPv6/Deployment/api']);
    assert.deepEqual(ids(s, 'pod'), ['pod:Deployment/api'], 'one template item spans its two rows');
  });
});

describe('workspace picture messages and state', () => {
  it('keeps the manifest and what the panel shows across a reload; older states were live', () => {
    const address = { context: 'kind', namespace: 'shop', service: 'api' };
    const workspace = { uri: 'file:///ws/svc.yaml', line: 3 };
    assert.deepEqual(readPictureState({ address, expanded: [], workspace, showing: 'live' }), {
      address,
      expanded: [],
      showPorts: false,
      showHints: true,
      workspace,
      showing: 'live',
    });
    assert.equal(readPictureState({ address, workspace })?.showing, 'workspace');
    assert.equal(readPictureState({ address })?.showing, 'live');
    assert.equal(readPictureState({ address, workspace: { uri: 'x', line: -1 } })?.workspace, undefined);
  });

  it('reads the switch and file targets from the webview', () => {
    assert.deepEqual(readFromWebview({ type: 'switch' }), { type: 'switch' });
    assert.deepEqual(
      readFromWebview({ type: 'open', target: { kind: 'file', name: 'file:///a.yaml', line: 2 } }),
      {
        type: 'open',
        target: { kind: 'file', name: 'file:///a.yaml', line: 2 },
      },
    );
  });
});
