import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  extensionId,
  fixtureUri,
  openFixture,
  ourDiagnostics,
  waitForDiagnostics,
  waitUntil,
} from '../helpers';

// Runs first in a fresh window (see index.ts): nothing has opened a YAML file yet.
describe('activation', () => {
  after(closeAllEditors);

  function ourExtension(): vscode.Extension<unknown> {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed in this window`);
    return extension;
  }

  it('runs the packaged .vsix contents, not the source tree', () => {
    const root = ourExtension().extensionPath;
    assert.ok(fs.existsSync(path.join(root, 'dist', 'extension.js')), `no dist/extension.js in ${root}`);
    for (const sourceOnly of ['client', 'server', 'node_modules', 'tsconfig.json']) {
      assert.ok(
        !fs.existsSync(path.join(root, sourceOnly)),
        `${sourceOnly} should not ship, found in ${root}`,
      );
    }
  });

  it('declares onLanguage:yaml, and onWebviewPanel only to restore a routing picture after a reload', () => {
    const manifest = ourExtension().packageJSON as { activationEvents?: string[] };
    // VS Code does not derive an activation event for a webview serializer: without this one a
    // picture left open in a window would come back empty after a reload.
    assert.deepEqual(manifest.activationEvents, [
      'onLanguage:yaml',
      'onWebviewPanel:endpointslices.routingPicture',
    ]);
  });

  it('is not active in a fresh window', () => {
    assert.equal(ourExtension().isActive, false);
  });

  it('stays inactive when only plain text and Markdown files are opened', async () => {
    await openFixture('notes.txt');
    await openFixture('README.md');
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    // VS Code's own Markdown extension activates on onLanguage:markdown: once it is active, that
    // event has been dispatched to every extension, ours included.
    await waitUntil(
      () => vscode.extensions.getExtension('vscode.markdown-language-features')?.isActive === true,
      'the built-in Markdown extension to activate',
    );
    assert.equal(ourExtension().isActive, false);
  });

  it('activates when a YAML file opens, and the server answers', async () => {
    const uri = fixtureUri('invalid-slice.yaml');
    const published = waitForDiagnostics(uri, (d) => d.length > 0, 'the first diagnostics');
    const editor = await openFixture('invalid-slice.yaml');
    assert.equal(editor.document.languageId, 'yaml');
    await published;
    assert.equal(ourExtension().isActive, true);
    assert.ok(ourDiagnostics(uri).length > 0);
  });
});
