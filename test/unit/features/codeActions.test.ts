import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { createLanguageService, defaultSettings } from '../../../server/src/service';
import type { CodeAction, ServiceSettings, WorkspaceIndex } from '../../../server/src/service';
import { apply } from '../../helpers/cursor';
import { webService, workspaceWith } from '../../helpers/workspace';

const service = createLanguageService();

/** The fixes offered for the first diagnostic with `code`, as the client would ask for them. */
function fixes(
  text: string,
  code: string,
  workspace?: WorkspaceIndex,
  settings: ServiceSettings = defaultSettings,
): CodeAction[] {
  const diagnostic = service.validate(text, settings, workspace).diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic`);
  const sent = { range: diagnostic.range, code: diagnostic.code, field: diagnostic.field };
  return service
    .codeActions(text, diagnostic.range, [sent], settings, workspace)
    .filter((a) => a.kind === 'quickfix');
}

/** Applies the preferred (or first) fix and returns the new text. */
function fix(text: string, code: string, workspace?: WorkspaceIndex, settings?: ServiceSettings): string {
  const actions = fixes(text, code, workspace, settings);
  const chosen = actions.find((a) => a.isPreferred) ?? actions[0];
  assert.ok(chosen, `no fix for ${code}`);
  return apply(text, chosen.edits);
}

function codes(text: string, workspace?: WorkspaceIndex): string[] {
  return service.validate(text, defaultSettings, workspace).diagnostics.map((d) => d.code);
}

const slice = (body: string, labels = '    kubernetes.io/service-name: web\n'): string =>
  `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-1\n  labels:\n${labels}${body}`;

describe('quick fixes: values', () => {
  it('writes an IP in canonical form, keeping its quotes', () => {
    const text = fix(
      slice('addressType: IPv4\nendpoints:\n  - addresses: ["010.1.2.3"]\n'),
      'ip-leading-zeros',
    );
    assert.match(text, /addresses: \["10\.1\.2\.3"\]/);
    const v6 = fix(
      slice('addressType: IPv6\nendpoints:\n  - addresses:\n      - 2001:0DB8::1\n'),
      'ip-not-canonical',
    );
    assert.match(v6, /- 2001:db8::1$/m);
    assert.deepEqual(codes(v6), []);
  });

  it('fixes the casing of addressType and protocol', () => {
    const text = fix(
      fix(slice('addressType: ipv4\nports:\n  - {name: http, protocol: tcp}\n'), 'address-type-unsupported'),
      'port-protocol-unsupported',
    );
    assert.deepEqual(codes(text), []);
    assert.match(text, /addressType: IPv4\n/);
  });

  it('turns a name into a valid DNS name and a near-miss field into the real one', () => {
    assert.match(
      fix(slice('addressType: IPv4\nports:\n  - name: Web_Port\n'), 'port-name-invalid'),
      /name: web-port/,
    );
    const renamed = fix(slice('addresstype: IPv4\n'), 'unknown-field');
    assert.match(renamed, /^addressType: IPv4$/m);
  });

  it('moves a v1beta1 slice to discovery.k8s.io/v1', () => {
    const text = slice('addressType: IPv4\n').replace('discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1');
    assert.match(fix(text, 'apiversion-not-served'), /^apiVersion: discovery\.k8s\.io\/v1$/m);
  });
});

describe('quick fixes: labels and ports', () => {
  it('adds kubernetes.io/service-name from the Service the slice is named after', () => {
    const workspace = workspaceWith({ 'service.yaml': webService });
    const text = slice('addressType: IPv4\n', '    app: web\n');
    const actions = fixes(text, 'service-name-label-missing', workspace);
    assert.equal(actions[0]?.title, 'Add label kubernetes.io/service-name: web (Service in the workspace)');
    const fixed = apply(text, actions[0]?.edits ?? []);
    assert.match(fixed, /labels:\n {4}app: web\n {4}kubernetes\.io\/service-name: web\n/);
    assert.deepEqual(codes(fixed, workspace), []);
  });

  it('creates the labels map, or adds to a flow one, when guessing the Service from the name', () => {
    const bare =
      'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: db-abc12\naddressType: IPv4\n';
    assert.match(
      fix(bare, 'service-name-label-missing'),
      /metadata:\n {2}name: db-abc12\n {2}labels:\n {4}kubernetes\.io\/service-name: db\n/,
    );
    const flow = bare.replace('  name: db-abc12\n', '  name: db-abc12\n  labels: {app: db}\n');
    assert.match(
      fix(flow, 'service-name-label-missing'),
      /labels: \{app: db, kubernetes\.io\/service-name: db\}/,
    );
  });

  it('names duplicate and missing port names after the Service port with that number', () => {
    const workspace = workspaceWith({ 'service.yaml': webService });
    const text = fix(
      slice('addressType: IPv4\nports:\n  - port: 8080\n  - port: 9090\n'),
      'port-name-duplicate',
      workspace,
    );
    assert.match(text, /- port: 9090\n {4}name: metrics$/m);
    const endpoints =
      'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\nsubsets:\n  - addresses: [{ip: 10.0.0.1}]\n    ports:\n      - port: 80\n      - {name: x, port: 81}\n';
    assert.match(fix(endpoints, 'port-name-required'), /- port: 80\n {8}name: http\n/);
  });

  it('renames a port to the Service port it must match', () => {
    const workspace = workspaceWith({ 'service.yaml': webService });
    const text = slice(
      'addressType: IPv4\nendpoints:\n  - addresses: [10.0.0.1]\nports:\n  - name: web\n    port: 8080\n',
    );
    assert.deepEqual(codes(text, workspace), ['port-name-not-in-service']);
    const actions = fixes(text, 'port-name-not-in-service', workspace);
    assert.equal(actions[0]?.title, 'Rename the port to "http" (Service web)');
    assert.deepEqual(codes(apply(text, actions[0]?.edits ?? []), workspace), []);
  });
});

describe('quick fixes: moving and splitting', () => {
  it('moves a wrong-family address to a new slice of its family', () => {
    const text = slice(
      'addressType: IPv4\nendpoints:\n  - addresses: ["10.1.2.3", "2001:db8::1"]\n    nodeName: n1\nports:\n  - {name: http, port: 80}\n',
    );
    const fixed = fix(text, 'address-wrong-family');
    assert.deepEqual(codes(fixed), []);
    const docs = parseAllDocuments(fixed).map((d) => d.toJS() as Record<string, unknown>);
    assert.equal(docs.length, 2);
    assert.deepEqual(docs[1]?.['endpoints'], [{ addresses: ['2001:db8::1'], nodeName: 'n1' }]);
    assert.equal((docs[1]?.['metadata'] as { name: string }).name, 'web-1-ipv6');
  });

  it("leaves the old slice's other problems where they are: the new slice has none of its own", () => {
    const text = slice(
      'addressType: IPv4\nendpoints:\n  - addresses: ["10.1.2.3", "2001:db8::1", "010.1.2.4"]\n    hostname: Web_1\n    nodeName: n1\nports:\n  - port: 80\n  - port: 443\n    protocol: tcp\n',
    );
    const errors = (t: string): number =>
      service.validate(t, defaultSettings).diagnostics.filter((d) => d.severity === 'error').length;
    const fixed = fix(text, 'address-wrong-family');
    assert.equal(errors(fixed), errors(text) - 1);
    const moved = fixed.slice(fixed.indexOf('---\n') + 4);
    assert.deepEqual(codes(moved), []);
    const doc = parseAllDocuments(moved)[0]?.toJS() as { endpoints: unknown[]; ports: unknown[] };
    assert.deepEqual(doc.endpoints, [{ addresses: ['2001:db8::1'], nodeName: 'n1' }]);
    assert.deepEqual(doc.ports, [{ port: 80 }]);
  });

  it('moves it into an existing slice of that family for the same Service', () => {
    const v6 = slice('addressType: IPv6\nendpoints:\n  - addresses: ["2001:db8::2"]\n').replace(
      'web-1',
      'web-2',
    );
    const text = `${slice('addressType: IPv4\nendpoints:\n  - addresses: ["10.1.2.3"]\n  - addresses: ["2001:db8::1"]\n')}---\n${v6}`;
    const fixed = fix(text, 'address-wrong-family');
    assert.deepEqual(codes(fixed), []);
    const docs = parseAllDocuments(fixed).map((d) => d.toJS() as { endpoints: unknown[] });
    assert.equal(docs[0]?.endpoints.length, 1);
    assert.deepEqual(docs[1]?.endpoints, [{ addresses: ['2001:db8::2'] }, { addresses: ['2001:db8::1'] }]);
  });

  it('splits a slice over the controller limit into named parts', () => {
    const endpoints = Array.from({ length: 5 }, (_, i) => `  - addresses: [10.0.0.${i + 1}]\n`).join('');
    const settings = { ...defaultSettings, maxEndpointsPerSlice: 2 };
    const text = `# keep me\n${slice(`addressType: IPv4\nendpoints:\n${endpoints}`)}`;
    const fixed = fix(text, 'endpoints-over-controller-limit', undefined, settings);
    assert.ok(fixed.startsWith('# keep me\n'));
    const docs = parseAllDocuments(fixed).map(
      (d) => d.toJS() as { metadata: { name: string }; endpoints: unknown[] },
    );
    assert.deepEqual(
      docs.map((d) => [d.metadata.name, d.endpoints.length]),
      [
        ['web-1', 2],
        ['web-1-2', 2],
        ['web-1-3', 1],
      ],
    );
    assert.deepEqual(service.validate(fixed, settings).diagnostics, []);
  });

  it('splits a slice with numeric ports, written as they were (found by the hostile generator)', () => {
    const endpoints = Array.from({ length: 3 }, (_, i) => `  - addresses: [10.0.0.${i + 1}]\n`).join('');
    const settings = { ...defaultSettings, maxEndpointsPerSlice: 2 };
    const ports = 'ports:\n  - name: http\n    port: 0x50\n  - name: dns\n    port: 53\n';
    const text = slice(`addressType: IPv4\nendpoints:\n${endpoints}${ports}`);
    const fixed = fix(text, 'endpoints-over-controller-limit', undefined, settings);
    assert.equal(fixed.split('port: 0x50').length, 3);
    assert.equal(fixed.split('port: 53').length, 3);
    assert.deepEqual(service.validate(fixed, settings).diagnostics, []);
  });
});

describe('code actions: converting an Endpoints document', () => {
  const endpoints =
    'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\nsubsets:\n  - addresses: [{ip: 10.0.0.1}]\n    ports: [{name: http, port: 8080}]\n';

  it('is offered as a refactoring anywhere in the document, and as the fix of the deprecation warning', () => {
    const range = { start: { line: 5, character: 4 }, end: { line: 5, character: 4 } };
    const refactor = service.codeActions(endpoints, range, [], defaultSettings);
    assert.deepEqual(
      refactor.map((a) => [a.title, a.kind]),
      [['Convert Endpoints to EndpointSlice', 'refactor.rewrite']],
    );
    const quick = fixes(endpoints, 'endpoints-deprecated');
    assert.equal(quick[0]?.title, 'Convert Endpoints to EndpointSlice');
    assert.deepEqual(codes(apply(endpoints, quick[0]?.edits ?? [])), []);
  });

  it('is not offered on a slice', () => {
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };
    assert.deepEqual(service.codeActions(slice('addressType: IPv4\n'), range, [], defaultSettings), []);
  });
});
