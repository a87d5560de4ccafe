import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, fixtureUri, openFixture, waitForDiagnostics } from '../helpers';

// The routing doctor in the real editor: doctor-service.yaml selects app: shop-svc, and the
// Deployment of doctor-deployment.yaml labels its pods app: shop-api.
const serviceFile = 'doctor-service.yaml';

describe('routing doctor', () => {
  afterEach(closeAllEditors);

  it('reports the selector that matches no pod template, linked to the template, and fixes it', async () => {
    const uri = fixtureUri(serviceFile);
    const published = waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'selector-matches-no-template'),
      'the routing advice',
    );
    const editor = await openFixture(serviceFile);
    const diagnostic = (await published).find((x) => codeOf(x) === 'selector-matches-no-template');
    assert.ok(diagnostic);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character],
      [8, 9, 17],
    );
    assert.match(diagnostic.message, /closest is Deployment\/shop: app: shop-svc vs app: shop-api/);
    const related = diagnostic.relatedInformation?.[0];
    assert.equal(related?.location.uri.toString(), fixtureUri('doctor-deployment.yaml').toString());
    assert.equal(related?.location.range.start.line, 12);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(
      titles.includes("Label Deployment/shop's pods app: shop-svc (as the Service selects)"),
      titles.join('; '),
    );
    const fix = actions.find((a) => a.title.startsWith('Select app: shop-api'));
    assert.ok(fix?.edit, titles.join('; '));
    const fixed = waitForDiagnostics(
      uri,
      (d) => !d.some((x) => codeOf(x) === 'selector-matches-no-template'),
      'the advice to go',
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(8).text, '    app: shop-api');
    await fixed;
  });
});
