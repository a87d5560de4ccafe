import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { settingsSection } from '../../server/src/service/settings';

/** The client id; VS Code derives the `endpointslices.trace.server` setting from it. */
export const clientId = 'endpointslices';
export const clientName = 'Kubernetes Endpoints & EndpointSlices';

/**
 * Builds the language client for the bundled server. The same module runs with and without the
 * debugger; debugging only adds an inspector port so "attach to server" works.
 */
export function createLanguageClient(
  context: ExtensionContext,
  outputChannel: LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // YAML only for now; JSON manifests join here once the service handles them end to end.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: settingsSection },
    outputChannel,
    traceOutputChannel: outputChannel,
  };
  return new LanguageClient(clientId, clientName, serverOptions, clientOptions);
}
