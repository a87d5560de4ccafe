import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import type {
  CancellationToken,
  ClientCapabilities,
  Connection,
  Diagnostic,
  InitializeParams,
  InitializeResult,
} from 'vscode-languageserver';
import { chunkedDocuments } from './chunkedDocument';
import { createLanguageService, WorkspaceIndex } from '../service';
import { toLspDiagnostic } from './diagnostics';
import { featureCapabilities, registerFeatures } from './features';
import { worthValidating } from './documentScope';
import { isLiveDocument, liveDocumentSettings } from './liveDocuments';
import { describeError, guard, guardRequest } from './guard';
import { Lifecycle } from './lifecycle';
import { SettingsCache } from './settingsCache';
import { ValidationScheduler } from './validationScheduler';
import { WorkspaceFiles } from './workspaceFiles';
import type { WorkspaceFileSystem } from './workspaceFileSystem';

export interface ServerOptions {
  /** Debounce between the last edit and validation; tests lower it. */
  debounceMs?: number;
  /** Reported in `serverInfo`. */
  version?: string;
  /** Where the workspace index reads files: the disk (Node) or the client (web worker). */
  fileSystem: WorkspaceFileSystem;
}

export const defaultDebounceMs = 150;

/**
 * Wires a connection to the language service: text sync, per-document settings and pushed
 * diagnostics. Transport, console redirection and crash handlers belong to the entries
 * (`serve.ts` joins them), so this function also runs over in-memory streams.
 */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(chunkedDocuments);
  const service = createLanguageService();
  const log = connection.console;
  const lifecycle = new Lifecycle();
  let settings = new SettingsCache(undefined, log);
  let registerForConfigChanges = false;
  // The Services, Endpoints and slices of the workspace, for completion and workspace advice.
  // It summarizes documents from the parses validation makes (the service's document store).
  const workspace = new WorkspaceIndex(service.documents);
  const files = new WorkspaceFiles(workspace, log, () => revalidateAll(), options.fileSystem);
  let folders: string[] = [];
  let watchFiles = false;

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
    const live = isLiveDocument(uri);
    if (!worthValidating(document)) {
      if (!live && files.opened(uri, document.source)) revalidateOthers(uri);
      return [];
    }
    // A live object from a cluster is looked at, not authored: no advice, no place in the index.
    if (live) {
      const report = service.validate(document.source, liveDocumentSettings(documentSettings), undefined, {
        uri,
      });
      return report.diagnostics.map(toLspDiagnostic);
    }
    // Validation first: the index summarizes each document from its parse while it validates
    // (the store tells it), so taking the new text afterwards parses nothing again; the advice
    // then reads the index as it is now.
    const report = service.validate(document.source, documentSettings, undefined, { uri });
    if (workspace.update(uri, document.source)) revalidateOthers(uri);
    const advised = service.advise(report, document.source, documentSettings, workspace, { uri });
    return advised.diagnostics.map(toLspDiagnostic);
  }

  /** This document's Services or slices changed: advice in the other open documents may follow. */
  function revalidateOthers(uri: string): void {
    for (const document of documents.all()) {
      if (document.uri !== uri) scheduler.schedule(document);
    }
  }

  /** Another file's Service changed: advice in every open document may change with it. */
  function revalidateAll(): void {
    for (const document of documents.all()) {
      scheduler.schedule(document);
    }
  }

  connection.onInitialize(
    lifecycle.request(
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
          watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
          folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
          return initializeResult(options);
        },
      ),
    ),
  );

  connection.onInitialized(
    guard(log, 'initialized', async () => {
      if (registerForConfigChanges) {
        await connection.client.register(DidChangeConfigurationNotification.type, undefined);
      }
      if (watchFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml}' }],
        });
      }
      // Not awaited: documents are served while the folders are read.
      files
        .scan(folders)
        .catch((error: unknown) => log.error(`Reading the workspace failed: ${describeError(error)}`));
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

  connection.onDidChangeWatchedFiles(
    guard(log, 'didChangeWatchedFiles', (params) => files.filesChanged(params.changes)),
  );
  documents.onDidChangeContent(
    guard(log, 'didChangeContent', (event) => {
      const { document } = event;
      // The index takes the new text when the document is validated, after the debounce.
      files.markOpen(document.uri);
      scheduler.schedule(document);
    }),
  );
  documents.onDidClose(
    guard(log, 'didClose', (event) => {
      settings.delete(event.document.uri);
      scheduler.clear(event.document.uri);
      return files.closed(event.document.uri);
    }),
  );
  registerFeatures({
    connection,
    documents,
    service,
    workspace,
    files,
    settingsFor: (uri) => settings.get(uri),
    indexOpenDocument: (uri, source) => {
      if (files.opened(uri, source)) revalidateOthers(uri);
    },
    lifecycle,
    log,
  });
  connection.onShutdown(
    lifecycle.request(() => {
      lifecycle.shutDown();
      // Validation stops here; a client that still sends edits gets no more diagnostics.
      scheduler.dispose();
    }),
  );
  lifecycle.answerUnknownRequests(connection);

  documents.listen(connection);
  connection.listen();
}

function initializeResult(options: ServerOptions): InitializeResult {
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, ...featureCapabilities },
    serverInfo: { name: 'endpointslice-language-server', version: options.version ?? '0.0.0' },
  };
}
