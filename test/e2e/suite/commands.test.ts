import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  extensionId,
  fixtureUri,
  openFixture,
  openFixtureWithDiagnostics,
  ourDiagnostics,
  waitForDiagnostics,
} from '../helpers';

const ids = [
  'endpointslices.cluster.chooseKubeconfig',
  'endpointslices.cluster.chooseNamespaces',
  'endpointslices.cluster.copyAddress',
  'endpointslices.cluster.copyDnsName',
  'endpointslices.cluster.copyName',
  'endpointslices.cluster.openDocs',
  'endpointslices.cluster.openServiceManifest',
  'endpointslices.cluster.openYaml',
  'endpointslices.cluster.refresh',
  'endpointslices.cluster.revealPod',
  'endpointslices.cluster.showRoutingPicture',
  'endpointslices.convertWorkspaceEndpoints',
  'endpointslices.restartServer',
  'endpointslices.showOutput',
];

describe('commands', () => {
  // Commands are registered on activation; a YAML file activates the extension even when this
  // suite runs alone (ENDPOINTSLICES_E2E_GREP=commands).
  before(async () => {
    const uri = fixtureUri('invalid-slice.yaml');
    await openFixtureWithDiagnostics(
      'invalid-slice.yaml',
      'diagnostics',
      () => ourDiagnostics(uri).length > 0,
    );
  });
  afterEach(closeAllEditors);

  it('contributes and registers its commands', async () => {
    const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), ids);
    const registered = await vscode.commands.getCommands(true);
    for (const id of ids) {
      assert.ok(registered.includes(id), `${id} is not registered`);
    }
  });

  it('restartServer replaces the server and the diagnostics come back', async () => {
    const uri = fixtureUri('invalid-slice.yaml');
    const first = waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics before the restart');
    await openFixture('invalid-slice.yaml');
    const before = (await first).length;

    // Stopping the client drops its diagnostics; the new server publishes them again.
    const cleared = waitForDiagnostics(
      uri,
      () => ourDiagnostics(uri).length === 0,
      'the old diagnostics to clear',
    );
    const restarted = vscode.commands.executeCommand('endpointslices.restartServer');
    await cleared;
    const back = waitForDiagnostics(
      uri,
      () => ourDiagnostics(uri).length === before,
      'diagnostics after the restart',
    );
    await restarted;
    await back;
  });

  it('showOutput runs', async () => {
    await vscode.commands.executeCommand('endpointslices.showOutput');
  });
});
