import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, fixtureUri, openFixture, waitForDiagnostics, waitUntil } from '../helpers';

// The editing features through VS Code's own provider commands, on test/e2e/workspace/editing-slice.yaml
// (a slice for Service `web` of services.yaml, with `addressType: ipv4` and an empty port name).
const sliceFile = 'editing-slice.yaml';

async function completions(
  uri: vscode.Uri,
  line: number,
  character: number,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    new vscode.Position(line, character),
  );
  return list.items;
}

const labelOf = (item: vscode.CompletionItem): string =>
  typeof item.label === 'string' ? item.label : item.label.label;

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('editing', () => {
  afterEach(closeAllEditors);

  it('completes port names from the Service in the workspace, and accepting one clears the advice', async () => {
    const uri = fixtureUri(sliceFile);
    const editor = await openFixture(sliceFile);
    let items: vscode.CompletionItem[] = [];
    // The server reads the workspace's Services in the background after it starts.
    const poll = setInterval(() => {
      void completions(uri, 11, 10).then((found) => (items = found));
    }, 200);
    try {
      await waitUntil(() => items.some((i) => labelOf(i) === 'metrics'), 'port names of Service web');
    } finally {
      clearInterval(poll);
    }
    const http = items.find((i) => labelOf(i) === 'http');
    assert.ok(http);
    assert.match(http.detail ?? '', /Service web/);
    const cleared = waitForDiagnostics(
      uri,
      (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'port-name-not-in-service'),
      'the port-name advice to go away',
    );
    const range = http.range instanceof vscode.Range ? http.range : http.range?.replacing;
    assert.ok(range);
    await editor.edit((edit) =>
      edit.replace(range, typeof http.insertText === 'string' ? http.insertText : 'http'),
    );
    assert.equal(editor.document.lineAt(11).text, '  - name: http');
    await cleared;
  });

  it('completes address types, with FQDN marked deprecated', async () => {
    await openFixture(sliceFile);
    const items = await completions(fixtureUri(sliceFile), 7, 13);
    assert.deepEqual(items.map(labelOf).slice(0, 3), ['IPv4', 'IPv6', 'FQDN']);
    assert.deepEqual(items.find((i) => labelOf(i) === 'FQDN')?.tags, [vscode.CompletionItemTag.Deprecated]);
  });

  it('hovers an address with its family and a key with its documentation', async () => {
    await openFixture(sliceFile);
    const uri = fixtureUri(sliceFile);
    const address = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(9, 20),
    );
    assert.match(hoverText(address), /IPv4 address/);
    const key = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(7, 3),
    );
    assert.match(hoverText(key), /addressType/);
  });

  it('offers a quick fix for the address type casing, and applying it clears the error', async () => {
    const uri = fixtureUri(sliceFile);
    const published = waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'address-type-unsupported'),
      'the casing error',
    );
    const editor = await openFixture(sliceFile);
    const diagnostic = (await published).find((x) => codeOf(x) === 'address-type-unsupported');
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to "IPv4"');
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    const fixed = waitForDiagnostics(
      uri,
      (d) => !d.some((x) => codeOf(x) === 'address-type-unsupported'),
      'the error to go',
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(7).text, 'addressType: IPv4');
    await fixed;
  });

  it('outlines the slice', async () => {
    await openFixture(sliceFile);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      fixtureUri(sliceFile),
    );
    assert.equal(symbols[0]?.name, 'EndpointSlice web-editing');
    assert.deepEqual(
      symbols[0]?.children.map((c) => c.name),
      ['endpoints', 'ports'],
    );
  });

  it('converts the Endpoints of the workspace with the command, applied at once when nothing is left out', async () => {
    // Invoked as the palette does, without arguments. Nothing here needs confirmation, so no
    // preview opens (VS Code would show every change of a confirmed edit unchecked) and the
    // command resolves once the files are changed.
    const result = await vscode.commands.executeCommand<{ converted: number; leftOut: unknown[] }>(
      'endpointslices.convertWorkspaceEndpoints',
    );
    assert.equal(result.converted, 2);
    assert.deepEqual(result.leftOut, []);
    const converted = await vscode.workspace.openTextDocument(fixtureUri('convert-endpoints.yaml'));
    const text = converted.getText();
    assert.equal(text.match(/^kind: EndpointSlice$/gm)?.length, 2);
    assert.match(text, /ready: false/);
    assert.match(text, /^# For the editing suite/);
    const legacy = await vscode.workspace.openTextDocument(fixtureUri('legacy-endpoints.yaml'));
    assert.match(legacy.getText(), /^kind: EndpointSlice$/m);
    assert.match(legacy.getText(), /^# A v1 Endpoints the apiserver accepts/);
  });
});
