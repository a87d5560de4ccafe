import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { ServerOptions } from 'vscode-languageclient/node';
import { clusterDocumentScheme } from './cluster/model/commandIds';
import { clientId, clientName, clientOptions, validatedLanguages } from './clientOptions';

export { clientName };

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
  return new LanguageClient(
    clientId,
    clientName,
    serverOptions,
    clientOptions(documentSelector(), outputChannel),
  );
}

/**
 * YAML manifests; `helm`, the language the Kubernetes extension gives chart templates (only
 * their literal parts are checked); and JSON, which the server validates only when it names
 * Endpoints or EndpointSlice and otherwise leaves alone. Activation stays `onLanguage:yaml`, so
 * Helm and JSON files are validated once a YAML file has started the extension.
 */
export function documentSelector(): { scheme: string; language: string }[] {
  return [
    ...validatedLanguages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    // The cluster view's read-only YAML of live objects: validated like a file.
    { scheme: clusterDocumentScheme, language: 'yaml' },
  ];
}
