import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extensionId, openFixture, openFixtureWithDiagnostics, waitUntil } from '../helpers';

// The YAML language-status item (client/src/languageStatus.ts), read through the extension's API,
// and the version setting reaching completion in a real VS Code.

const setting = 'kubernetesVersion';

function statusItem(): vscode.LanguageStatusItem {
  const api = vscode.extensions.getExtension<{ languageStatus: vscode.LanguageStatusItem }>(
    extensionId,
  )?.exports;
  assert.ok(api?.languageStatus, 'the extension exposes its language-status item');
  return api.languageStatus;
}

async function setVersion(version: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('endpointslices')
    .update(setting, version, vscode.ConfigurationTarget.Global);
}

/** The completion keys under an endpoint's `hints:` that has `forZones` already (editing-slice.yaml, edited). */
async function hintKeys(): Promise<string[]> {
  const editor = await openFixture('editing-slice.yaml');
  // Below `  - addresses: [...]` (line 9); closeAllEditors reverts the edit.
  await editor.edit((edit) =>
    edit.insert(new vscode.Position(10, 0), '    hints:\n      forZones: [{name: zone-a}]\n      \n'),
  );
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    editor.document.uri,
    new vscode.Position(12, 6),
  );
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  await closeAllEditors();
  return labels;
}

describe('language status', () => {
  before(async () => {
    // A diagnostic proves the server runs; the item follows the client's state.
    await openFixtureWithDiagnostics('invalid-slice.yaml', 'diagnostics of invalid-slice.yaml');
  });
  afterEach(closeAllEditors);
  after(() => setVersion(undefined));

  it('says the server checks the file, against which Kubernetes version, with a link to change it', async () => {
    const item = statusItem();
    await waitUntil(
      () => item.detail?.startsWith('checked by') === true,
      'the item to show a running server',
    );
    assert.equal(item.text, 'Kubernetes 1.37');
    assert.equal(item.detail, 'checked by the EndpointSlices server · version from the default');
    assert.equal(item.severity, vscode.LanguageStatusSeverity.Information);
    assert.deepEqual(
      { title: item.command?.title, command: item.command?.command, arguments: item.command?.arguments },
      {
        title: 'Change Kubernetes version',
        command: 'workbench.action.openSettings',
        arguments: ['endpointslices.kubernetesVersion'],
      },
    );
    assert.deepEqual(item.selector, { language: 'yaml' });
  });

  it('follows the setting, and completion follows it too (no hints.forNodes for 1.33)', async () => {
    const item = statusItem();
    assert.ok((await hintKeys()).includes('forNodes'), 'forNodes is offered for 1.37');
    await setVersion('1.33');
    await waitUntil(() => item.text === 'Kubernetes 1.33', 'the item to show 1.33');
    assert.equal(item.detail, 'checked by the EndpointSlices server · version from user setting');
    assert.ok(!(await hintKeys()).includes('forNodes'), 'forNodes is not offered for 1.33');
    await setVersion(undefined);
    await waitUntil(() => item.text === 'Kubernetes 1.37', 'the item to show the default again');
  });

  it('opens the setting from its link', async () => {
    const { command } = statusItem();
    assert.ok(command);
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    await waitUntil(
      () => vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Settings',
      'the Settings editor',
    );
  });
});
