import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { createLanguageService, defaultSettings } from '../../../server/src/service';
import type { CompletionItem, WorkspaceIndex } from '../../../server/src/service';
import { accept, labels, withCursor } from '../../helpers/cursor';
import { webService, workspaceWith } from '../../helpers/workspace';

const service = createLanguageService();

/** The document as data, for checking what accepted completions wrote. */
function manifest(text: string): { endpoints: Record<string, unknown>[]; ports: unknown[] } {
  return parseDocument(text).toJS() as { endpoints: Record<string, unknown>[]; ports: unknown[] };
}

function complete(source: string, workspace?: WorkspaceIndex): CompletionItem[] {
  const { text, position } = withCursor(source);
  return service.complete(text, position, defaultSettings, workspace).items;
}

function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no ${label} among ${labels(items).join(', ')}`);
  return found;
}

/** Accepts `label` at the cursor and returns the resulting text. */
function acceptAt(source: string, label: string, workspace?: WorkspaceIndex): string {
  const { text } = withCursor(source);
  return accept(text, item(complete(source, workspace), label));
}

const head = [
  'apiVersion: discovery.k8s.io/v1',
  'kind: EndpointSlice',
  'metadata:',
  '  name: web-ipv4',
  '  labels:',
  '    kubernetes.io/service-name: web',
  '',
].join('\n');

describe('completion: keys', () => {
  it('offers the top-level fields a slice does not have yet, required first', () => {
    const items = complete(`${head}addressType: IPv4\n|`);
    assert.deepEqual(labels(items).sort(), ['endpoints', 'ports']);
    const all = complete(`apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n|`);
    assert.ok(item(all, 'addressType').detail?.includes('required'));
    assert.ok((item(all, 'addressType').sortText ?? '') < (item(all, 'endpoints').sortText ?? ''));
    assert.match(item(all, 'addressType').documentation ?? '', /IPv4/);
  });

  it('offers the fields of an endpoint after "- " under endpoints, while the line is incomplete', () => {
    const items = complete(`${head}addressType: IPv4\nendpoints:\n  - |`);
    assert.ok(labels(items).includes('addresses'));
    assert.ok(labels(items).includes('conditions'));
    assert.ok(labels(items).includes('Endpoint'), 'a whole-endpoint snippet');
  });

  it('leaves out keys the map already has, above and below the cursor', () => {
    const items = complete(`${head}endpoints:\n  - addresses: [10.0.0.1]\n    |\n    nodeName: n1\n`);
    assert.ok(!labels(items).includes('addresses'));
    assert.ok(!labels(items).includes('nodeName'));
    assert.ok(labels(items).includes('zone'));
  });

  it('inserts nested maps and lists at the right depth in block style', () => {
    const text = acceptAt(
      `${head}addressType: IPv4\nendpoints:\n  - addresses: [10.0.0.1]\n    |`,
      'conditions',
    );
    assert.deepEqual(manifest(text).endpoints[0].conditions, { ready: true });
    const deeper = acceptAt(`${head}addressType: IPv4\n|`, 'endpoints');
    assert.deepEqual(manifest(deeper).endpoints, [{ addresses: ['10.0.0.1'], conditions: { ready: true } }]);
  });

  it('keeps working with four-space and indentless lists', () => {
    const four = acceptAt(
      'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n    name: x\nendpoints:\n    -   addresses: [10.0.0.1]\n        |',
      'targetRef',
    );
    assert.deepEqual(manifest(four).endpoints[0].targetRef, {
      kind: 'Pod',
      name: null,
      namespace: null,
    });
    const indentless = complete(`${head}endpoints:\n- addresses: [10.0.0.1]\n  |`);
    assert.ok(labels(indentless).includes('conditions'));
  });

  it('completes keys inside a flow map, without the ones already written', () => {
    const items = complete(`${head}ports: [{name: http, |}]`);
    assert.deepEqual(labels(items).sort(), ['appProtocol', 'port', 'protocol']);
    assert.equal(item(items, 'port').insertText, 'port: $1');
  });

  it('completes only the name when the key already has its value', () => {
    const items = complete(`${head}addr|essType: IPv4`);
    assert.equal(item(items, 'addressType').insertText, 'addressType');
  });

  it('offers a new list item under a list key with no dash yet', () => {
    const text = acceptAt(`${head}addressType: IPv4\nports:\n  |`, '- EndpointPort');
    assert.deepEqual(manifest(text).ports, [{ name: 'http', port: 80, protocol: 'TCP' }]);
  });
});

describe('completion: values', () => {
  it('offers address types with FQDN marked deprecated, on a line that is still being typed', () => {
    const items = complete(`${head}addressType: |`);
    assert.deepEqual(labels(items), ['IPv4', 'IPv6', 'FQDN']);
    assert.equal(item(items, 'FQDN').deprecated, true);
  });

  it('documents each address type and protocol in the details pane', () => {
    const types = complete(`${head}addressType: |`);
    assert.match(item(types, 'IPv4').documentation ?? '', /IPv4 address \(`10\.1\.2\.3`\)/);
    assert.match(item(types, 'IPv6').documentation ?? '', /IPv6 address .*RFC 5952/);
    assert.match(item(types, 'FQDN').documentation ?? '', /Deprecated: the apiserver warns/);
    const protocols = complete(`${head}ports: [{name: http, protocol: |}]`);
    for (const protocol of protocols) {
      assert.ok(protocol.documentation, `${protocol.label} has no documentation`);
    }
  });

  it('replaces the partial value and keeps quotes the user typed', () => {
    const { text } = withCursor(`${head}addressType: IP|`);
    assert.equal(
      accept(text, item(complete(`${head}addressType: IP|`), 'IPv6')).split('\n')[6],
      'addressType: IPv6',
    );
    const quoted = complete(`${head}addressType: "IP|"`);
    assert.equal(item(quoted, 'IPv4').insertText, 'IPv4');
  });

  it('offers protocols in flow style, booleans for conditions, apiVersion and kind pairs', () => {
    assert.deepEqual(labels(complete(`${head}ports: [{name: http, protocol: |}]`)), ['TCP', 'UDP', 'SCTP']);
    assert.deepEqual(labels(complete(`${head}endpoints:\n  - conditions:\n      ready: |`)), [
      'true',
      'false',
    ]);
    assert.deepEqual(labels(complete('apiVersion: |\nkind: EndpointSlice\n')).slice(0, 1), [
      'discovery.k8s.io/v1',
    ]);
    assert.deepEqual(labels(complete('apiVersion: v1\nkind: |\n')), ['EndpointSlice', 'Endpoints']);
  });

  it('offers the kubernetes.io appProtocol values and IANA names, and targetRef kinds', () => {
    const protocols = labels(complete(`${head}ports:\n  - appProtocol: |`));
    assert.ok(protocols.includes('kubernetes.io/h2c') && protocols.includes('http'));
    assert.ok(labels(complete(`${head}endpoints:\n  - targetRef:\n      kind: |`)).includes('Pod'));
  });

  it('writes values that YAML 1.1 would read as something else in quotes', () => {
    const items = complete(
      'apiVersion: v1\nkind: Endpoints\nmetadata:\n  labels:\n    endpointslice.kubernetes.io/skip-mirror: |',
    );
    assert.equal(item(items, 'true').insertText, '"true"');
  });

  it('adds the blank a value needs right after the colon', () => {
    assert.equal(item(complete(`${head}addressType:|`), 'IPv4').insertText, ' IPv4');
  });
});

describe('completion: the workspace', () => {
  const workspace = workspaceWith({ 'service.yaml': webService });

  it('offers the Service port names, then well-known ones', () => {
    const items = complete(`${head}ports:\n  - name: |`, workspace);
    assert.deepEqual(labels(items).slice(0, 3), ['http', 'metrics', 'https']);
    assert.match(item(items, 'http').detail ?? '', /Service web/);
  });

  it("offers the Service's target port as the number, then well-known ports", () => {
    const items = complete(`${head}ports:\n  - name: http\n    port: |`, workspace);
    assert.deepEqual(labels(items).slice(0, 2), ['8080', '9090']);
    assert.equal(item(items, '8080').insertText, '8080');
  });

  it('offers whole port entries that match the Service', () => {
    const text = acceptAt(`${head}addressType: IPv4\nports:\n  |`, 'http: 80 → 8080/TCP', workspace);
    assert.deepEqual(manifest(text).ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('offers Service names for kubernetes.io/service-name and for an Endpoints name', () => {
    const label = complete(
      'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  labels:\n    kubernetes.io/service-name: |',
      workspace,
    );
    assert.deepEqual(labels(label), ['web']);
    assert.deepEqual(labels(complete('apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: |', workspace)), [
      'web',
    ]);
  });

  it('offers the label keys that matter for the kind', () => {
    const keys = complete(
      'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  labels:\n    |',
      workspace,
    );
    assert.deepEqual(labels(keys), ['kubernetes.io/service-name', 'endpointslice.kubernetes.io/managed-by']);
    const endpoints = complete('apiVersion: v1\nkind: Endpoints\nmetadata:\n  labels:\n    |');
    assert.deepEqual(labels(endpoints), ['endpointslice.kubernetes.io/skip-mirror']);
  });
});

describe('completion: snippets', () => {
  it('offers whole documents in an empty file, and each validates without errors', () => {
    const items = complete('|');
    assert.deepEqual(labels(items), [
      'EndpointSlice (IPv4)',
      'EndpointSlice (IPv6)',
      'Endpoints',
      'Service without selector + EndpointSlice',
    ]);
    for (const snippet of items) {
      const text = accept('', snippet);
      const errors = service
        .validate(text, defaultSettings)
        .diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], snippet.label);
    }
  });

  it('names the snippet after a Service of the workspace', () => {
    const items = complete('|', workspaceWith({ 'service.yaml': webService }));
    assert.match(accept('', item(items, 'EndpointSlice (IPv4)')), /kubernetes\.io\/service-name: web$/m);
  });

  it('offers no snippet once the document has content', () => {
    assert.deepEqual(labels(complete('# a comment\n|')), labels(complete('|')));
    assert.deepEqual(complete('apiVersion: apps/v1\n|'), []);
  });
});

describe('completion: writing a slice by accepting suggestions', () => {
  it('ends with a slice the validator accepts, with no advice, for the Service in the workspace', () => {
    const workspace = workspaceWith({ 'service.yaml': webService });
    let text = accept('', item(complete('|', workspace), 'EndpointSlice (IPv4)'));
    text = text.replace(/ports:[\s\S]*$/, '');
    text = acceptAt(`${text}ports:\n  |`, 'http: 80 → 8080/TCP', workspace);
    text = acceptAt(`${text}\n  - |`, 'metrics: 9090/TCP', workspace);
    const report = service.validate(text, defaultSettings, workspace);
    assert.deepEqual(report.diagnostics, []);
  });
});
