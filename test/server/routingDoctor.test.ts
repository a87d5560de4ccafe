import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { CodeAction } from 'vscode-languageserver/node';
import { workspaceRoutingRequest } from '../../server/src/lsp/routingRequest';
import { TestClient } from '../helpers/lspClient';
import { serviceYaml, workloadYaml } from '../helpers/routingManifests';

/** The routing doctor over --stdio: a Service and a Deployment in two files of a workspace folder. */

describe('routing doctor over --stdio', () => {
  let client: TestClient;
  let dir: string;
  const uri = (name: string): string => pathToFileURL(join(dir, name)).toString();
  const deployment = workloadYaml({ labels: { app: 'api-service' } });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'endpointslices-doctor-'));
    writeFileSync(join(dir, 'deployment.yaml'), deployment);
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).toString()] });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the selector with the other file as related information, and fixes it both ways', async () => {
    const svc = uri('service.yaml');
    const text = serviceYaml({ selector: { app: 'api-svc' } });
    // The folder is read in the background: the advice comes once the Deployment is indexed.
    const published = client.nextDiagnostics(svc, (p) =>
      p.diagnostics.some((d) => d.code === 'selector-matches-no-template'),
    );
    await client.open(svc, text);
    const { diagnostics } = await published;
    const diagnostic = diagnostics.find((d) => d.code === 'selector-matches-no-template');
    assert.ok(diagnostic);
    assert.equal(diagnostic.severity, DiagnosticSeverity.Information);
    assert.match(
      typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
      /app: api-svc vs app: api-service/,
    );
    assert.deepEqual(diagnostic.relatedInformation, [
      {
        location: {
          uri: uri('deployment.yaml'),
          range: { start: { line: 11, character: 13 }, end: { line: 11, character: 24 } },
        },
        message: 'Deployment/api labels its pods app: api-service',
      },
    ]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: svc },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const toService = actions.find((a) => a.title.startsWith('Select app: api-service'));
    const toTemplate = actions.find((a) => a.title.startsWith("Label Deployment/api's pods app: api-svc"));
    assert.deepEqual(toService?.edit?.changes, {
      [svc]: [{ range: diagnostic.range, newText: 'api-service' }],
    });
    assert.deepEqual(Object.keys(toTemplate?.edit?.changes ?? {}), [uri('deployment.yaml')]);
    assert.equal(toTemplate?.edit?.changes?.[uri('deployment.yaml')]?.length, 2, 'label and matchLabels');
    assert.deepEqual(toTemplate?.diagnostics, [diagnostic]);
  });

  it('answers the routing picture from the same prediction, and follows an edit at once', async () => {
    const svc = uri('picture.yaml');
    const published = client.nextDiagnostics(svc, (p) =>
      p.diagnostics.some((d) => d.code === 'selector-matches-no-template'),
    );
    await client.open(svc, serviceYaml({ name: 'shop', selector: { app: 'api-svc' } }));
    await published; // the folder's Deployment is indexed by now
    const ask = () =>
      client.connection.sendRequest(workspaceRoutingRequest, {
        textDocument: { uri: svc },
        position: { line: 0, character: 0 },
        name: 'shop',
      });
    const before = await ask();
    assert.ok(before.found);
    assert.deepEqual(
      before.nearest.map((n) => [n.name, n.uri]),
      [['Deployment/api', uri('deployment.yaml')]],
    );
    // Asked right after the edit, before the debounced validation: the answer has the new text.
    await client.change(svc, 2, serviceYaml({ name: 'shop', selector: { app: 'api-service' } }));
    const after = await ask();
    assert.ok(after.found);
    assert.deepEqual(
      after.templates.map((t) => [t.name, t.replicas, t.ports.map((p) => p.port)]),
      [['Deployment/api', 1, [8080]]],
    );
    assert.deepEqual(after.files, [svc, uri('deployment.yaml')]);
  });

  it('says nothing about live documents of the cluster view', async () => {
    const live = 'endpointslices-cluster:/admin%40local/default/Service/api.yaml';
    const published = client.nextDiagnostics(live);
    await client.open(live, serviceYaml({ selector: { app: 'api-svc' } }));
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'selector-matches-no-template'),
      [],
    );
  });
});
