import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  diagnosticSource,
  fixtureUri,
  nextPublish,
  openFixture,
  openFixtureWithDiagnostics,
  summarizeAll,
  waitForDiagnostics,
} from '../helpers';
import type { DiagnosticSummary } from '../helpers';

// What the apiserver (1.37, the default version) says about test/e2e/workspace/invalid-slice.yaml,
// placed where the server's locator puts it. Ranges are 0-based: [line, char, line, char].
const invalidSlice: DiagnosticSummary[] = [
  { code: 'address-wrong-family', severity: 'Error', range: [9, 28, 9, 41] },
  { code: 'ip-special-range', severity: 'Error', range: [9, 43, 9, 54] },
  { code: 'port-protocol-unsupported', severity: 'Error', range: [13, 14, 13, 17] },
  { code: 'port-name-duplicate', severity: 'Error', range: [14, 10, 14, 14] },
];

const fieldOf: Record<string, string> = {
  'address-wrong-family': 'endpoints[0].addresses: ',
  'ip-special-range': 'endpoints[0].addresses[2]: ',
  'port-protocol-unsupported': 'ports[0].protocol: ',
  'port-name-duplicate': 'ports[1].name: ',
};

describe('diagnostics', () => {
  afterEach(closeAllEditors);

  it('reports an invalid EndpointSlice with the apiserver codes, ranges and severities', async () => {
    const { diagnostics } = await openFixtureWithDiagnostics(
      'invalid-slice.yaml',
      'diagnostics for the slice',
    );
    assert.deepEqual(summarizeAll(diagnostics), invalidSlice);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, diagnosticSource);
      assert.ok(
        diagnostic.message.startsWith(fieldOf[codeOf(diagnostic)] ?? '\0'),
        `"${diagnostic.message}" should start with the field path`,
      );
    }
  });

  it('follows edits: a fix removes its diagnostic and a new mistake adds one', async () => {
    const uri = fixtureUri('invalid-slice.yaml');
    const first = waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics for the slice');
    const editor = await openFixture('invalid-slice.yaml');
    await first;

    const fix = new vscode.WorkspaceEdit();
    fix.replace(uri, new vscode.Range(13, 14, 13, 17), 'TCP');
    const fixed = waitForDiagnostics(
      uri,
      (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'port-protocol-unsupported'),
      'the protocol error to go away',
    );
    assert.ok(await vscode.workspace.applyEdit(fix));
    assert.equal(editor.document.lineAt(13).text, '    protocol: TCP');
    assert.deepEqual(
      summarizeAll(await fixed),
      invalidSlice.filter((d) => d.code !== 'port-protocol-unsupported'),
    );

    const breakName = new vscode.WorkspaceEdit();
    breakName.replace(uri, new vscode.Range(4, 8, 4, 13), 'Web_1');
    const broken = waitForDiagnostics(
      uri,
      (d) => d.some((x) => x.message.startsWith('metadata.name: ')),
      'a metadata.name error',
    );
    assert.ok(await vscode.workspace.applyEdit(breakName));
    const nameError = (await broken).find((x) => x.message.startsWith('metadata.name: '));
    assert.ok(nameError);
    assert.equal(nameError.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      [nameError.range.start.line, nameError.range.start.character, nameError.range.end.line],
      [4, 8, 4],
    );
  });

  it('warns that v1 Endpoints is deprecated', async () => {
    const { diagnostics } = await openFixtureWithDiagnostics(
      'legacy-endpoints.yaml',
      'diagnostics for the Endpoints',
    );
    assert.deepEqual(summarizeAll(diagnostics), [
      { code: 'endpoints-deprecated', severity: 'Warning', range: [2, 6, 2, 15] },
    ]);
    assert.equal(diagnostics[0]?.source, diagnosticSource);
    assert.match(diagnostics[0]?.message ?? '', /v1 Endpoints is deprecated/);
  });

  it('stays silent on a Deployment', async () => {
    const uri = fixtureUri('deployment.yaml');
    // The server publishes after every validation, an empty list included, so the first
    // publication for the file is the verdict.
    const published = nextPublish(uri);
    await openFixture('deployment.yaml');
    assert.deepEqual(await published, []);
  });
});
