import { commands, env, Uri, window, workspace } from 'vscode';
import type { ExtensionContext, LanguageStatusItem, UIKind } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import type { MessageTransports } from 'vscode-languageclient/browser';
import { clientId, clientName, clientOptions, validatedLanguages } from '../clientOptions';
import { registerCommands } from '../commands';
import { createLanguageStatus } from '../languageStatus';
import { answerFileRequests } from './fileRequests';

/**
 * The web build (package.json `browser`): the language features in VS Code's web worker
 * extension host (vscode.dev, github.dev, a browser's Codespace or code-server when no Node host
 * runs it). The server is the Node one, bundled for a browser worker; the cluster view is not
 * here: it needs a kubeconfig on disk and a network stack a worker does not have.
 */

/** Set while the web build runs: package.json hides the cluster view with it. */
const webHostContext = 'endpointslices.webExtensionHost';

let client: LanguageClient | undefined;

/** What activate() returns: for the web e2e suite, which checks where it ran; not a public API. */
export interface WebExtensionApi {
  languageStatus: LanguageStatusItem;
  /** Facts about the host, read inside activate. */
  host: { build: 'web'; process: string; importScripts: string; uiKind: UIKind };
}

export async function activate(context: ExtensionContext): Promise<WebExtensionApi> {
  void commands.executeCommand('setContext', webHostContext, true);
  const outputChannel = window.createOutputChannel(clientName, { log: true });
  context.subscriptions.push(outputChannel);
  // Any scheme: in a browser the workspace is `vscode-remote:`, `vscode-vfs:` or another
  // provider's, never the local disk.
  const selector = validatedLanguages.map((language) => ({ language }));
  client = new LanguageClient(
    clientId,
    clientName,
    async () => transportsOf(await startServerWorker(context.extensionUri)),
    clientOptions(selector, outputChannel),
  );
  context.subscriptions.push(...answerFileRequests(client));
  context.subscriptions.push(...registerCommands({ client, outputChannel }));
  const languageStatus = createLanguageStatus(client);
  context.subscriptions.push(languageStatus);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outputChannel.error(`The language server did not start: ${message}`);
    void window.showErrorMessage(`${clientName}: the language server did not start: ${message}`);
  }
  return {
    languageStatus: languageStatus.item,
    host: {
      build: 'web',
      process: typeof (globalThis as { process?: unknown }).process,
      importScripts: typeof (globalThis as { importScripts?: unknown }).importScripts,
      uiKind: env.uiKind,
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop().catch(() => undefined);
  client = undefined;
}

/**
 * The worker's message transports, made here rather than by the client: the web worker host
 * wraps `Worker`, so the client's `instanceof Worker` test fails for a worker it created.
 */
function transportsOf(worker: Worker): MessageTransports {
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

/**
 * Starts dist/web/server.js in a worker of its own, so validation never blocks the extension
 * host. From an `https:` location (vscode.dev) the worker loads the script itself; an extension
 * installed on a remote (code-server, Codespaces) has a `vscode-remote:` location, which the web
 * worker host cannot start a worker from, so the script is read through the editor and started
 * from a blob.
 */
async function startServerWorker(extensionUri: Uri): Promise<Worker> {
  const script = Uri.joinPath(extensionUri, 'dist', 'web', 'server.js');
  if (script.scheme === 'https' || script.scheme === 'http') {
    return new Worker(script.toString(true));
  }
  const bytes = await workspace.fs.readFile(script);
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/javascript' });
  return new Worker(URL.createObjectURL(blob), { name: 'endpointslice-language-server' });
}
