import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import type {
  CancellationToken,
  ClientCapabilities,
  Connection,
  Diagnostic,
  InitializeParams,
  InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../service';
import { toLspDiagnostic } from './diagnostics';
import { describeError, guard, guardRequest } from './guard';
import { SettingsCache } from './settingsCache';
import { ValidationScheduler } from './validationScheduler';

export interface ServerOptions {
  /** Debounce between the last edit and validation; tests lower it. */
  debounceMs?: number;
  /** Reported in `serverInfo`. */
  version?: string;
}

export const defaultDebounceMs = 150;

/**
 * Wires a connection to the language service: text sync, per-document settings and pushed
 * diagnostics. Transport, console redirection and crash handlers belong to the process entry
 * (server.ts), so this function also runs over in-memory streams.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const service = createLanguageService();
  const log = connection.console;
  let settings = new SettingsCache(undefined, log);
  let registerForConfigChanges = false;

  const scheduler = new ValidationScheduler({
    delayMs: options.debounceMs ?? defaultDebounceMs,
    log,
    currentVersion: (uri) => documents.get(uri)?.version,
    compute: (uri, token) => computeDiagnostics(uri, token),
    publish: (uri, version, diagnostics) => {
      connection
        .sendDiagnostics({ uri, version, diagnostics })
        .catch((error: unknown) =>
          log.error(`Publishing diagnostics for ${uri} failed: ${describeError(error)}`),
        );
    },
  });

  async function computeDiagnostics(
    uri: string,
    token: CancellationToken,
  ): Promise<Diagnostic[] | undefined> {
    const documentSettings = await settings.get(uri);
    const document = documents.get(uri);
    if (token.isCancellationRequested || document === undefined) {
      return undefined;
    }
    return service.validate(document.getText(), documentSettings).diagnostics.map(toLspDiagnostic);
  }

  connection.onInitialize(
    guardRequest(
      log,
      'initialize',
      () => initializeResult(options),
      (params: InitializeParams) => {
        const capabilities: ClientCapabilities = params.capabilities;
        if (capabilities.workspace?.configuration === true) {
          settings = new SettingsCache(
            (scopeUri, section) =>
              connection.workspace.getConfiguration({ scopeUri, section }) as Promise<unknown>,
            log,
          );
        }
        registerForConfigChanges =
          capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
        return initializeResult(options);
      },
    ),
  );

  connection.onInitialized(
    guard(log, 'initialized', async () => {
      if (registerForConfigChanges) {
        await connection.client.register(DidChangeConfigurationNotification.type, undefined);
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard(log, 'didChangeConfiguration', (change) => {
      settings.onConfigurationChanged(change.settings);
      for (const document of documents.all()) {
        scheduler.schedule(document);
      }
    }),
  );

  documents.onDidChangeContent(guard(log, 'didChangeContent', (event) => scheduler.schedule(event.document)));
  documents.onDidClose(
    guard(log, 'didClose', (event) => {
      settings.delete(event.document.uri);
      scheduler.clear(event.document.uri);
    }),
  );
  connection.onShutdown(guard(log, 'shutdown', () => scheduler.dispose()));

  documents.listen(connection);
  connection.listen();
}

function initializeResult(options: ServerOptions): InitializeResult {
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'endpointslice-language-server', version: options.version ?? '0.0.0' },
  };
}
