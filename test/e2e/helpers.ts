// Shared by the e2e suites: where the fixtures are, and waits that end on editor events
// (diagnostics changed) with a deadline, never on fixed sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** publisher.name from package.json: the id VS Code knows the packaged extension by. */
export const extensionId = 'endpointslices.endpointslices';

/** The `source` every diagnostic of ours carries (server/src/lsp/diagnostics.ts). */
export const diagnosticSource = 'endpointslices';

/** A file of the fixture workspace (test/e2e/workspace, copied by the driver). */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e window must be opened on the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === diagnosticSource);
}

/**
 * Resolves with the document's diagnostics once `accept` holds for them, checking now and after
 * every diagnostics change for that document; rejects after `timeoutMs` with what it last saw.
 * Start it before the action that should cause the change, so no event can slip past.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void): void => {
      clearTimeout(timer);
      listener.dispose();
      outcome();
    };
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (accept(diagnostics)) {
        finish(() => resolve(diagnostics));
        return true;
      }
      return false;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        check();
      }
    });
    const timer = setTimeout(() => {
      const seen = describeDiagnostics(vscode.languages.getDiagnostics(uri));
      finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; saw ${seen}`)));
    }, timeoutMs);
    check();
  });
}

/**
 * Resolves once the language server has published for the document, even an empty list: the
 * server publishes after every validation, so an event naming the URI is the proof. Needed to
 * assert "no diagnostics" without waiting an arbitrary time.
 */
export function nextPublish(uri: vscode.Uri, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        clearTimeout(timer);
        listener.dispose();
        resolve(vscode.languages.getDiagnostics(uri));
      }
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri.path}`));
    }, timeoutMs);
  });
}

/**
 * Resolves once `condition` holds, for states VS Code raises no event for (an extension being
 * active); checks every 50 ms and rejects at the deadline.
 */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Opens a fixture in an editor, as a user would (showTextDocument also fires onLanguage). */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Opens a fixture and waits for its diagnostics. The listener is registered before the document
 * opens, so a fast server cannot publish before anyone listens.
 */
export async function openFixtureWithDiagnostics(
  name: string,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const published = waitForDiagnostics(fixtureUri(name), accept, what);
  const editor = await openFixture(name);
  return { editor, diagnostics: await published };
}

/** Closes every editor, discarding edits, so one test's changes never leak into the next. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The diagnostic's code as a string, whether VS Code holds it plain or with a link target. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/** A diagnostic reduced to what the suites compare: code, severity name, 0-based range. */
export interface DiagnosticSummary {
  code: string;
  severity: 'Error' | 'Warning' | 'Information' | 'Hint';
  range: [number, number, number, number];
}

export function summarize(diagnostic: vscode.Diagnostic): DiagnosticSummary {
  const { start, end } = diagnostic.range;
  return {
    code: codeOf(diagnostic),
    severity: vscode.DiagnosticSeverity[diagnostic.severity] as DiagnosticSummary['severity'],
    range: [start.line, start.character, end.line, end.character],
  };
}

/** Sorted by position then code, so assertions do not depend on the server's output order. */
export function summarizeAll(diagnostics: readonly vscode.Diagnostic[]): DiagnosticSummary[] {
  return diagnostics
    .map(summarize)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
}

function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.length === 0 ? 'none' : JSON.stringify(summarizeAll(diagnostics));
}
