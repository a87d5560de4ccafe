import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex, workspaceRoutingAt } from '../../server/src/service';
import type { WorkspaceRouting, WorkspaceRoutingResult } from '../../server/src/service';
import { serviceYaml, sliceYaml, workloadYaml } from '../helpers/routingManifests';

/**
 * The routing picture's workspace facts (workspace/routingFacts.ts): the routing engine's
 * prediction for the Service at a position, from the pod templates, slices and Endpoints of
 * the workspace, with the places it read.
 */

function facts(files: Record<string, string>, file: string, line = 0): WorkspaceRoutingResult {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) index.update(`file:///ws/${name}`, text);
  const summary = index.summaryOf(`file:///ws/${file}`);
  assert.ok(summary);
  return workspaceRoutingAt(summary, { position: { line, character: 0 } }, index);
}

function found(result: WorkspaceRoutingResult): WorkspaceRouting {
  assert.ok(result.found, result.found ? '' : result.message);
  return result;
}

const replicated = (count: string, text: string): string =>
  text.replace('spec:\n', `spec:\n  replicas: ${count}\n`);

describe('workspace routing facts', () => {
  it('lists the selected templates with their replicas and the container port each Service port reaches', () => {
    const result = found(
      facts(
        {
          'svc.yaml': serviceYaml({ ports: ['80:http', '9090:metrics'] }),
          'deploy.yaml': replicated('3', workloadYaml({ ports: ['http:8080'] })),
          'daemon.yaml': workloadYaml({
            kind: 'DaemonSet',
            name: 'agent',
            ports: ['http:9000', 'metrics:9100'],
          }),
          'other.yaml': workloadYaml({ name: 'db', labels: { app: 'db' } }),
        },
        'svc.yaml',
      ),
    );
    assert.equal(result.mode, 'selector');
    assert.equal(result.templatesInNamespace, 3);
    assert.deepEqual(
      result.templates.map((t) => [t.name, t.uri, t.replicas, t.ports.map((p) => p.port ?? p.missing)]),
      [
        ['DaemonSet/agent', 'file:///ws/daemon.yaml', 'per-node', [9000, 9100]],
        [
          'Deployment/api',
          'file:///ws/deploy.yaml',
          3,
          [8080, 'no container names a port "metrics" (the containers name "http")'],
        ],
      ],
    );
    assert.deepEqual(result.files, [
      'file:///ws/svc.yaml',
      'file:///ws/daemon.yaml',
      'file:///ws/deploy.yaml',
    ]);
    assert.equal(result.service.name, 'api');
    assert.deepEqual(result.service.selector, { app: 'api' });
    assert.equal(result.service.line, 3, 'the line of metadata.name');
  });

  it('when nothing is selected, names the closest template and the labels that differ', () => {
    const result = found(
      facts(
        {
          'svc.yaml': serviceYaml({ selector: { app: 'api-svc' } }),
          'deploy.yaml': workloadYaml({ labels: { app: 'api-service' } }),
        },
        'svc.yaml',
      ),
    );
    assert.deepEqual(result.templates, []);
    assert.match(result.summary, /routes nowhere/);
    assert.deepEqual(result.nearest, [
      {
        uri: 'file:///ws/deploy.yaml',
        line: 3,
        name: 'Deployment/api',
        differences: [{ key: 'app', wanted: 'api-svc', actual: 'api-service' }],
      },
    ]);
  });

  it('for a selectorless Service, lists the slices written for it with their endpoint counts', () => {
    const result = found(
      facts(
        { 'svc.yaml': serviceYaml({ selector: {}, ports: ['80:8080'] }), 'slice.yaml': sliceYaml('api') },
        'svc.yaml',
      ),
    );
    assert.equal(result.mode, 'manual');
    assert.deepEqual(
      result.slices.map((s) => [s.name, s.addressType, s.ports, s.endpoints, s.ready]),
      [['api-1', 'IPv4', ['http'], 1, 1]],
    );
  });

  it('picks the Service the position is in, and says so when the file has none', () => {
    const two = `${serviceYaml({ name: 'first' })}---\n${serviceYaml({ name: 'second' })}`;
    assert.equal(found(facts({ 'svc.yaml': two }, 'svc.yaml', 14)).service.name, 'second');
    assert.equal(found(facts({ 'svc.yaml': two }, 'svc.yaml', 0)).service.name, 'first');
    const none = facts({ 'deploy.yaml': workloadYaml() }, 'deploy.yaml');
    assert.equal(none.found, false);
  });
});
