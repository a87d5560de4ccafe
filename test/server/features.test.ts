import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  FileChangeType,
  HoverRequest,
  InsertTextFormat,
  InsertTextMode,
} from 'vscode-languageserver/node';
import type { CompletionItem, CompletionList, MarkupContent, TextEdit } from 'vscode-languageserver/node';
import { convertWorkspaceRequest } from '../../server/src/lsp/migrationRequest';
import type { ConvertWorkspaceParams } from '../../server/src/service';
import { TestClient } from '../helpers/lspClient';
import { webService } from '../helpers/workspace';

const slice = (ports: string): string =>
  [
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    '  name: web-1',
    '  labels:',
    '    kubernetes.io/service-name: web',
    'addressType: ipv4',
    'endpoints:',
    '  - addresses: ["10.0.0.1"]',
    `ports: ${ports}`,
    '',
  ].join('\n');

const legacy =
  'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\nsubsets:\n  - addresses: [{ip: 10.0.0.1}]\n    ports: [{name: http, port: 8080}]\n';

describe('editing features over --stdio', () => {
  let client: TestClient;
  let dir: string;
  const uri = (name: string): string => pathToFileURL(join(dir, name)).toString();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'endpointslices-ws-'));
    writeFileSync(join(dir, 'service.yaml'), webService);
    writeFileSync(join(dir, 'legacy.yaml'), legacy);
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
    // The folder is read in the background; an Endpoints of an unknown Service gets advice once it is.
    const probe = uri('probe.yaml');
    const indexed = client.nextDiagnostics(probe, (p) =>
      p.diagnostics.some((d) => d.code === 'service-not-in-workspace'),
    );
    await client.open(probe, legacy.replace('name: web', 'name: nope'));
    await indexed;
    await client.close(probe);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('advertises completion, hover, code actions and document symbols', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.ok(capabilities?.completionProvider?.triggerCharacters?.includes(' '));
    assert.equal(capabilities?.hoverProvider, true);
    assert.deepEqual(capabilities?.codeActionProvider, { codeActionKinds: ['quickfix', 'refactor.rewrite'] });
    assert.equal(capabilities?.documentSymbolProvider, true);
  });

  it('completes values and keys with text edits the client inserts as they are', async () => {
    const doc = uri('complete.yaml');
    await client.open(doc, slice('[{name: }]'));
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: doc },
      position: { line: 9, character: 15 },
    })) as CompletionList;
    const http = list.items.find((i: CompletionItem) => i.label === 'http');
    assert.ok(http, JSON.stringify(list.items.map((i) => i.label)));
    assert.deepEqual((http.textEdit as TextEdit).range, {
      start: { line: 9, character: 15 },
      end: { line: 9, character: 15 },
    });
    assert.equal(http.insertTextMode, InsertTextMode.asIs);
    assert.match(http.detail ?? '', /Service web/, 'the Service was read from the workspace folder');
    const blank = uri('blank-line.yaml');
    await client.open(blank, slice('[]').replace('ports: []', '    \nports: []'));
    const keys = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: blank },
      position: { line: 9, character: 4 },
    })) as CompletionList;
    assert.equal(
      keys.items.find((i) => i.label === 'conditions')?.insertTextFormat,
      InsertTextFormat.Snippet,
    );
  });

  it('hovers with Markdown', async () => {
    const doc = uri('hover.yaml');
    await client.open(doc, slice('[]'));
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: doc },
      position: { line: 8, character: 20 },
    });
    assert.match((hover?.contents as MarkupContent).value, /IPv4 address/);
  });

  it('answers code actions for the diagnostics the client sends back', async () => {
    const doc = uri('fix.yaml');
    const published = client.nextDiagnostics(doc);
    await client.open(doc, slice('[]'));
    const diagnostic = (await published).diagnostics.find((d) => d.code === 'address-type-unsupported');
    assert.ok(diagnostic);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const action = actions?.find((a) => 'edit' in a && a.title === 'Change to "IPv4"');
    assert.ok(action && 'edit' in action, JSON.stringify(actions));
    assert.deepEqual(action.edit?.changes?.[doc], [{ range: diagnostic.range, newText: 'IPv4' }]);
    assert.deepEqual(action.diagnostics, [diagnostic]);
  });

  it('lists document symbols', async () => {
    const doc = uri('symbols.yaml');
    await client.open(doc, slice('[{name: http, port: 8080}]'));
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: doc },
    });
    assert.equal(symbols?.[0]?.name, 'EndpointSlice web-1');
  });

  it('gives advice from the workspace and updates it when a watched file changes', async () => {
    const doc = uri('advice.yaml');
    const first = client.nextDiagnostics(doc, (p) =>
      p.diagnostics.some((d) => d.code === 'port-name-not-in-service'),
    );
    await client.open(doc, slice('[{name: admin, port: 8443}]'));
    await first;
    writeFileSync(join(dir, 'service.yaml'), webService.replace('metrics', 'admin'));
    const resolved = client.nextDiagnostics(
      doc,
      (p) => !p.diagnostics.some((d) => d.code === 'port-name-not-in-service'),
    );
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri('service.yaml'), type: FileChangeType.Changed }],
    });
    await resolved;
  });

  it('advice follows edits of open documents, in another file and in the same file', async () => {
    const service = (name: string, port: string): string =>
      webService.replace('name: web', `name: ${name}`).replace('name: metrics', `name: ${port}`);
    const sliceOf = (name: string, port: string): string =>
      slice(`[{name: ${port}, port: 9090}]`).replace('service-name: web', `service-name: ${name}`);
    const hasAdvice = (p: { diagnostics: { code?: string | number }[] }): boolean =>
      p.diagnostics.some((d) => d.code === 'port-name-not-in-service');

    // Another open file holds the Service: an incremental edit there re-advises this one.
    const services = uri('open-service.yaml');
    const slices = uri('open-slice.yaml');
    await client.open(services, service('api2', 'grpc'));
    const advised = client.nextDiagnostics(slices, hasAdvice);
    await client.open(slices, sliceOf('api2', 'admin'));
    await advised;
    const cleared = client.nextDiagnostics(slices, (p) => !hasAdvice(p));
    const line = service('api2', 'grpc')
      .split('\n')
      .findIndex((l) => l.includes('name: grpc'));
    const character = (service('api2', 'grpc').split('\n')[line] ?? '').indexOf('grpc');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: services, version: 2 },
      contentChanges: [
        { range: { start: { line, character }, end: { line, character: character + 4 } }, text: 'admin' },
      ],
    });
    await cleared;

    // The same file holds both: the publish for the edited version already has fresh advice.
    const both = uri('open-both.yaml');
    const first = client.nextDiagnostics(both, hasAdvice);
    await client.open(both, `${service('api3', 'grpc')}---\n${sliceOf('api3', 'admin')}`);
    await first;
    const next = client.nextDiagnostics(both, (p) => p.version === 2);
    await client.change(both, 2, `${service('api3', 'admin')}---\n${sliceOf('api3', 'admin')}`);
    assert.equal(hasAdvice(await next), false);
    for (const u of [services, slices, both]) await client.close(u);
  });

  it('converts the Endpoints of the workspace into one annotated edit', async () => {
    const params: ConvertWorkspaceParams = { preview: true };
    const result = await client.connection.sendRequest(convertWorkspaceRequest, params);
    assert.deepEqual([result.files, result.converted, result.slices], [1, 1, 1]);
    const change = result.edit.documentChanges[0];
    assert.equal(change?.textDocument.uri, uri('legacy.yaml'));
    assert.equal(change?.textDocument.version, null);
    assert.match(change?.edits.map((e) => e.newText).join('\n') ?? '', /^kind: EndpointSlice$/m);
    const annotation = result.edit.changeAnnotations[change?.edits[0]?.annotationId ?? ''];
    // Nothing is left out: the change needs no confirmation, so VS Code keeps it checked.
    assert.equal(annotation?.needsConfirmation, false);
  });
});
