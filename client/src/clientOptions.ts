import type { LogOutputChannel } from 'vscode';
import type { DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { settingsSection } from '../../server/src/service/settings';

/** The client id; VS Code derives the `endpointslices.trace.server` setting from it. */
export const clientId = 'endpointslices';
export const clientName = 'Kubernetes Endpoints & EndpointSlices';

/** The documents the server validates: YAML, `helm` (chart templates) and JSON. */
export const validatedLanguages = ['yaml', 'helm', 'json'];

/**
 * The client options both builds share (the Node extension and the web one); they differ only
 * in which URI schemes hold the user's documents.
 */
export function clientOptions(
  documentSelector: DocumentSelector,
  outputChannel: LogOutputChannel,
): LanguageClientOptions {
  return {
    documentSelector,
    synchronize: { configurationSection: settingsSection },
    outputChannel,
    traceOutputChannel: outputChannel,
  };
}
