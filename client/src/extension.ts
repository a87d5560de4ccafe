import { window } from 'vscode';
import type { ExtensionContext, LanguageStatusItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerClusterView } from './cluster/clusterView';
import type { ClusterViewHandle } from './cluster/clusterView';
import { clientName, createLanguageClient } from './languageClient';
import { createLanguageStatus } from './languageStatus';
import { serviceManifestAsker, workspaceRoutingAsker } from './workspaceRouting';

let client: LanguageClient | undefined;

/** What activate() returns: for the e2e suite, which inspects the cluster tree; not a public API. */
export interface ExtensionApi {
  clusterView: ClusterViewHandle;
  /** The YAML language-status item (server state, target Kubernetes version). */
  languageStatus: LanguageStatusItem;
}

/**
 * Starts the language server and registers the commands. VS Code shows nothing when activation
 * fails, so a failure is logged and shown here; the commands stay registered so "Restart
 * Language Server" can recover without reloading the window.
 */
export async function activate(context: ExtensionContext): Promise<ExtensionApi> {
  const outputChannel = window.createOutputChannel(clientName, { log: true });
  context.subscriptions.push(outputChannel);
  client = createLanguageClient(context, outputChannel);
  context.subscriptions.push(...registerCommands({ client, outputChannel }));
  const languageStatus = createLanguageStatus(client);
  context.subscriptions.push(languageStatus);
  // Registers the view only: the Kubernetes client loads when the tree first asks for children.
  const clusterView = registerClusterView(context, outputChannel, {
    routing: workspaceRoutingAsker(client),
    serviceManifest: serviceManifestAsker(client),
  });
  context.subscriptions.push(clusterView);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outputChannel.error(`The language server did not start: ${message}`);
    void window
      .showErrorMessage(`${clientName}: the language server did not start: ${message}`, 'Show Output')
      .then((choice) => (choice === undefined ? undefined : outputChannel.show()));
  }
  return { clusterView, languageStatus: languageStatus.item };
}

export async function deactivate(): Promise<void> {
  // stop() rejects when the client never started; during shutdown there is nobody to tell.
  await client?.stop().catch(() => undefined);
  client = undefined;
}
