import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, openFixtureWithDiagnostics, ourDiagnostics } from '../helpers';

// The driver runs the whole suite twice: with workspace trust off (the folder counts as trusted)
// and with it on and the folder never trusted (test mode refuses the trust dialog, so it stays
// in restricted mode). These tests read which run they are in from the setting.
const trustEnabled = vscode.workspace.getConfiguration('security.workspace.trust').get<boolean>('enabled');

describe(`workspace trust (${trustEnabled === true ? 'untrusted folder' : 'trust disabled'})`, () => {
  after(closeAllEditors);

  it('the window is in the trust state the driver set up', () => {
    assert.equal(vscode.workspace.isTrusted, trustEnabled !== true);
  });

  it('validates in this trust state', async () => {
    const uri = fixtureUri('invalid-slice.yaml');
    await openFixtureWithDiagnostics(
      'invalid-slice.yaml',
      'diagnostics',
      () => ourDiagnostics(uri).length > 0,
    );
  });

  it('reads the workspace kubeconfig setting only when the folder is trusted', () => {
    const folder = fixtureUri('.').fsPath;
    const written = JSON.parse(
      fs.readFileSync(path.join(folder, '.vscode', 'settings.json'), 'utf8'),
    ) as Record<string, unknown>;
    const workspaceValue = written['endpointslices.kubeconfig'];
    assert.equal(typeof workspaceValue, 'string', 'the driver writes endpointslices.kubeconfig');
    const config = vscode.workspace.getConfiguration('endpointslices');
    const userValue = config.inspect<string>('kubeconfig')?.globalValue ?? '';
    assert.notEqual(userValue, workspaceValue, 'the driver gives the user and the workspace different paths');
    // package.json lists it under capabilities.untrustedWorkspaces.restrictedConfigurations: an
    // untrusted folder's value is ignored, the user's own setting still applies.
    assert.equal(config.get<string>('kubeconfig'), vscode.workspace.isTrusted ? workspaceValue : userValue);
  });
});
