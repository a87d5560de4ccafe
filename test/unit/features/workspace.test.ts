import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings, WorkspaceIndex } from '../../../server/src/service';
import { dualStackService, selectedService, webService, workspaceWith } from '../../helpers/workspace';

const service = createLanguageService();

const slice = (name: string, serviceName: string, body: string): string =>
  `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: ${name}\n  labels:\n    kubernetes.io/service-name: ${serviceName}\n${body}`;

const endpoints = (name: string, port = 'http'): string =>
  `apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ${name}\nsubsets:\n  - addresses: [{ip: 10.0.0.1}]\n    ports: [{name: ${port}, port: 8080}]\n`;

function advice(text: string, index: WorkspaceIndex): [string, number][] {
  index.update('file:///ws/edited.yaml', text);
  return service
    .validate(text, defaultSettings, index)
    .diagnostics.filter((d) => d.origin === 'advisory' && d.severity === 'information')
    .map((d) => [d.code, d.range.start.line]);
}

describe('workspace index', () => {
  it('indexes Services, Endpoints and slices by file, and forgets removed files', () => {
    const index = workspaceWith({
      'a.yaml': `${webService}---\n${endpoints('web')}`,
      'b.yaml': slice('web-1', 'web', 'addressType: IPv4\n'),
    });
    assert.deepEqual(
      index.services().map((s) => [s.name, s.hasSelector, s.ports.map((p) => p.name)]),
      [['web', false, ['http', 'metrics']]],
    );
    assert.equal(index.endpoints()[0]?.range.start.line, 11);
    assert.equal(index.slices()[0]?.serviceName, 'web');
    assert.ok(index.remove('file:///ws/a.yaml'));
    assert.deepEqual(index.services(), []);
  });

  it('re-indexes only what changed and reports whether anything it knows did', () => {
    const index = new WorkspaceIndex();
    assert.equal(index.update('file:///x.yaml', webService), true);
    const version = index.version;
    assert.equal(index.update('file:///x.yaml', webService), false);
    assert.equal(index.update('file:///x.yaml', `${webService}# a comment\n`), false);
    assert.equal(index.version, version);
    assert.equal(index.update('file:///x.yaml', webService.replace('metrics', 'admin')), true);
  });

  it('indexes the items of a List, as kubectl get -o yaml writes them, at their own lines', () => {
    const item = (text: string): string =>
      text
        .trimEnd()
        .split('\n')
        .map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`))
        .join('\n');
    const list = `apiVersion: v1\nkind: List\nitems:\n${item(webService)}\n${item(endpoints('web'))}\n`;
    const index = workspaceWith({ 'dump.yaml': list });
    assert.deepEqual(
      index.services().map((s) => [s.name, s.ports.map((p) => p.name), s.range.start.line]),
      [['web', ['http', 'metrics'], 3]],
    );
    assert.deepEqual(
      index.endpoints().map((e) => [e.name, e.range.start.line]),
      [['web', 14]],
    );
    // A slice of that Service gets no "not in the workspace" advice, and port advice as usual.
    assert.deepEqual(
      advice(slice('web-1', 'web', 'addressType: IPv4\nports: [{name: admin, port: 1}]\n'), index),
      [['port-name-not-in-service', 7]],
    );
  });

  it('matches namespaces, treating a manifest without one as any', () => {
    const index = workspaceWith({
      's.yaml': webService.replace('  name: web\n', '  name: web\n  namespace: prod\n'),
    });
    assert.equal(index.findService('web', 'prod')?.namespace, 'prod');
    assert.equal(index.findService('web', undefined)?.namespace, 'prod');
    assert.equal(index.findService('web', 'dev'), undefined);
  });
});

describe('workspace advisories', () => {
  it('flags slice and Endpoints port names that match no port of their Service', () => {
    const index = workspaceWith({ 'svc.yaml': webService });
    assert.deepEqual(
      advice(slice('web-1', 'web', 'addressType: IPv4\nports:\n  - name: http\n  - name: admin\n'), index),
      [['port-name-not-in-service', 9]],
    );
    assert.deepEqual(advice(endpoints('web', 'admin'), index), [['port-name-not-in-service', 6]]);
    assert.deepEqual(advice(endpoints('web'), index), []);
  });

  it('flags an Endpoints or a slice whose Service is not in the workspace', () => {
    const index = workspaceWith({ 'svc.yaml': webService });
    assert.deepEqual(advice(endpoints('nope'), index), [['service-not-in-workspace', 3]]);
    assert.deepEqual(advice(slice('x-1', 'nope', 'addressType: IPv4\n'), index), [
      ['service-not-in-workspace', 5],
    ]);
    assert.deepEqual(
      advice(endpoints('nope'), new WorkspaceIndex()),
      [],
      'no Services known: nothing to compare with',
    );
  });

  it('flags hand-written endpoints for a Service with a selector', () => {
    const index = workspaceWith({ 'svc.yaml': selectedService });
    assert.deepEqual(advice(slice('api-1', 'api', 'addressType: IPv4\nports:\n  - name: grpc\n'), index), [
      ['service-has-selector', 5],
    ]);
    assert.deepEqual(advice(endpoints('api', 'grpc'), index), [['service-has-selector', 3]]);
  });

  it('flags a dual-stack Service with slices of one family only', () => {
    const index = workspaceWith({ 'svc.yaml': dualStackService });
    const v4 = slice('dual-4', 'dual', 'addressType: IPv4\nports:\n  - name: http\n');
    assert.deepEqual(advice(v4, index), [['dual-stack-family-missing', 6]]);
    index.update('file:///ws/v6.yaml', v4.replace(/IPv4/g, 'IPv6').replace('dual-4', 'dual-6'));
    assert.deepEqual(advice(v4, index), []);
  });

  it('says it is advice, and stays silent when advisories are off', () => {
    const index = workspaceWith({ 'svc.yaml': webService });
    const text = endpoints('web', 'admin');
    const found = service
      .validate(text, defaultSettings, index)
      .diagnostics.find((d) => d.code === 'port-name-not-in-service');
    assert.match(found?.message ?? '', /\(advice; the apiserver accepts this\)\.$/);
    const off = service.validate(text, { ...defaultSettings, advisories: false }, index).diagnostics;
    assert.ok(!off.some((d) => d.code === 'port-name-not-in-service'));
  });
});
