import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TestClient } from '../helpers/lspClient';
import { deployment, leadingZeroAddress, slice } from '../helpers/manifests';

const at = (version: number) => (p: PublishDiagnosticsParams) => p.version === version;
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

describe('language server over --stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('answers initialize with incremental sync and its name', () => {
    const result = client.initializeResult;
    assert.equal(result?.capabilities.textDocumentSync, 2);
    assert.equal(result?.serverInfo?.name, 'endpointslice-language-server');
  });

  it('publishes apiserver diagnostics with code, source and data on didOpen', async () => {
    const uri = 'file:///work/open.yaml';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, slice(['10.1.2.3', 'not-an-ip']));
    const { diagnostics, version } = await published;
    assert.equal(version, 1);
    const invalid = diagnostics.find((d) => d.code === 'ip-invalid');
    assert.ok(invalid, `no ip-invalid among ${JSON.stringify(diagnostics)}`);
    assert.equal(invalid.severity, DiagnosticSeverity.Error);
    assert.equal(invalid.source, 'endpointslices');
    assert.deepEqual(invalid.data, {
      field: 'endpoints[0].addresses[1]',
      reason: 'FieldValueInvalid',
      origin: 'apiserver',
    });
    assert.equal(invalid.range.start.line, 8);
  });

  it('publishes updated diagnostics on didChange', async () => {
    const uri = 'file:///work/change.yaml';
    const first = client.nextDiagnostics(uri, at(1));
    await client.open(uri, slice(['not-an-ip']));
    assert.ok((await first).diagnostics.some((d) => d.code === 'ip-invalid'));
    const second = client.nextDiagnostics(uri, at(2));
    await client.change(uri, 2, slice(['10.1.2.3']));
    assert.deepEqual((await second).diagnostics, []);
  });

  it('publishes empty diagnostics for YAML that is not Endpoints or EndpointSlice', async () => {
    const uri = 'file:///work/deployment.yaml';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, deployment);
    assert.deepEqual((await published).diagnostics, []);
  });

  it('validates untitled documents and other schemes', async () => {
    for (const uri of ['untitled:Untitled-1', 'vscode-vfs://github/org/repo/slice.yaml']) {
      const published = client.nextDiagnostics(uri);
      await client.open(uri, slice(['not-an-ip']));
      assert.ok(
        (await published).diagnostics.some((d) => d.code === 'ip-invalid'),
        uri,
      );
    }
  });

  it('clears diagnostics on didClose', async () => {
    const uri = 'file:///work/close.yaml';
    const opened = client.nextDiagnostics(uri);
    await client.open(uri, slice(['not-an-ip']));
    assert.notDeepEqual((await opened).diagnostics, []);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    const params = await cleared;
    assert.deepEqual(params.diagnostics, []);
    assert.equal(params.version, undefined);
  });

  it('survives a handler that throws and keeps serving other documents', async () => {
    const broken = 'file:///work/broken.yaml';
    // A text that is not a string makes the didOpen handler throw; the server logs it and goes on.
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: broken, languageId: 'yaml', version: 1, text: 42 },
    });
    await client.nextLog(
      /didOpen' failed with message: file:\/\/\/work\/broken\.yaml: the client sent a text that is not a string/,
    );
    const uri = 'file:///work/after-broken.yaml';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, slice(['not-an-ip']));
    assert.ok((await published).diagnostics.some((d) => d.code === 'ip-invalid'));
    assert.equal(client.exited, false);
  });
});

describe('settings', () => {
  it('pulls endpointslices settings per document and revalidates on a configuration change', async () => {
    const client = await TestClient.start();
    try {
      let version = '1.35';
      client.answer = (item) => (item.section === 'endpointslices' ? { kubernetesVersion: version } : null);
      const uri = 'file:///work/leading-zero.yaml';
      const old = client.nextDiagnostics(uri);
      await client.open(uri, slice([leadingZeroAddress]));
      const onOld = (await old).diagnostics;
      assert.ok(
        onOld.length > 0 && onOld.every((d) => d.severity === DiagnosticSeverity.Warning),
        JSON.stringify(onOld),
      );
      assert.deepEqual(client.configurationRequests[0], { scopeUri: uri, section: 'endpointslices' });

      version = '1.37';
      const current = client.nextDiagnostics(uri);
      await client.changeConfiguration();
      const error = (await current).diagnostics.find((d) => d.severity === DiagnosticSeverity.Error);
      assert.ok(error, 'no error after switching to 1.37');
      assert.match(messageOf(error), /must not have leading 0s/);
    } finally {
      await client.stop();
    }
  });

  it('uses the defaults when the client cannot answer workspace/configuration', async () => {
    const client = await TestClient.start({ configuration: false });
    try {
      const uri = 'file:///work/no-config.yaml';
      const published = client.nextDiagnostics(uri);
      await client.open(uri, slice([leadingZeroAddress]));
      assert.ok((await published).diagnostics.some((d) => /must not have leading 0s/.test(messageOf(d))));
      assert.equal(client.configurationRequests.length, 0);

      // Without the capability, the pushed settings apply to every document.
      const pushed = client.nextDiagnostics(uri);
      await client.changeConfiguration({ endpointslices: { kubernetesVersion: '1.35' } });
      assert.ok((await pushed).diagnostics.every((d) => d.severity !== DiagnosticSeverity.Error));
    } finally {
      await client.stop();
    }
  });

  it('falls back to the defaults when the configuration request fails', async () => {
    const client = await TestClient.start();
    try {
      client.answer = () => {
        throw new Error('no settings here');
      };
      const uri = 'file:///work/failing-config.yaml';
      const published = client.nextDiagnostics(uri);
      await client.open(uri, slice([leadingZeroAddress]));
      assert.ok((await published).diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
      await client.nextLog(/Reading settings for file:\/\/\/work\/failing-config\.yaml failed/);
    } finally {
      await client.stop();
    }
  });
});

describe('versions', () => {
  it('drops a result when the document changed while its settings were pending', async () => {
    const client = await TestClient.start();
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((done) => (release = done));
      client.answer = async () => {
        await held;
        return {};
      };
      const uri = 'file:///work/stale.yaml';
      await client.open(uri, slice(['not-an-ip']));
      await client.waitFor('the configuration request', () => client.configurationRequests[0]);
      const latest = client.nextDiagnostics(uri, at(2));
      await client.change(uri, 2, slice(['10.1.2.3']));
      release();
      assert.deepEqual((await latest).diagnostics, []);
      assert.deepEqual(
        client.publishes.filter((p) => p.uri === uri).map((p) => p.version),
        [2],
      );
    } finally {
      await client.stop();
    }
  });

  it('debounces rapid edits into one publish of the last version', async () => {
    const client = await TestClient.start({ debounceMs: 300 });
    try {
      const uri = 'file:///work/debounce.yaml';
      const last = client.nextDiagnostics(uri, at(3));
      await client.open(uri, slice(['not-an-ip']));
      await client.change(uri, 2, slice(['still-not-an-ip']));
      await client.change(uri, 3, slice(['10.1.2.3']));
      assert.deepEqual((await last).diagnostics, []);
      assert.deepEqual(
        client.publishes.filter((p) => p.uri === uri).map((p) => p.version),
        [3],
      );
    } finally {
      await client.stop();
    }
  });
});
