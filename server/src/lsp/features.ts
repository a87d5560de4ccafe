import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { ChunkedDocument } from './chunkedDocument';
import { convertWorkspaceRequest, defaultSettings } from '../service';
import type {
  ConvertWorkspaceParams,
  ConvertWorkspaceResult,
  LanguageService,
  ServiceSettings,
  TextSource,
  WorkspaceIndex,
} from '../service';
import { fromLspDiagnostics, toLspCodeAction, toLspCompletion, toLspHover, toLspSymbol } from './convert';
import { guardAsyncRequest, guardRequest } from './guard';
import type { ErrorLog } from './guard';
import { convertWorkspace } from './migrationRequest';
import type { WorkspaceFiles } from './workspaceFiles';

/** What the editing features need from the server. */
export interface FeatureDeps {
  connection: Connection;
  documents: TextDocuments<ChunkedDocument>;
  service: LanguageService;
  workspace: WorkspaceIndex;
  /** Files on disk as they are now (the index may be behind). */
  files: Pick<WorkspaceFiles, 'current'>;
  settingsFor(uri: string): Promise<ServiceSettings>;
  log: ErrorLog;
}

/** The capabilities these handlers serve, for the initialize result. */
export const featureCapabilities = {
  completionProvider: { triggerCharacters: [' ', ':', '-'], resolveProvider: false },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
  documentSymbolProvider: true,
};

/**
 * Registers completion, hover, code actions, document symbols and the workspace conversion.
 * Each handler is thin: it finds the document, asks the service, converts the answer; a failure
 * is logged and answered with nothing.
 */
export function registerFeatures(deps: FeatureDeps): void {
  const { connection, documents, service, workspace, log } = deps;
  // YAML only: the edits and snippets are YAML, and JSON and Helm documents read differently.
  const textOf = (uri: string, token: CancellationToken): TextSource | undefined => {
    const document = documents.get(uri);
    if (token.isCancellationRequested || document?.languageId !== 'yaml') return undefined;
    return document.source;
  };

  connection.onCompletion(
    guardRequest(
      log,
      'completion',
      () => null,
      (params, token) => {
        const text = textOf(params.textDocument.uri, token);
        if (text === undefined) return null;
        const result = service.complete(text, params.position, defaultSettings, workspace);
        return { isIncomplete: result.isIncomplete, items: result.items.map(toLspCompletion) };
      },
    ),
  );

  connection.onHover(
    guardRequest(
      log,
      'hover',
      () => null,
      (params, token) => {
        const text = textOf(params.textDocument.uri, token);
        const hover =
          text === undefined ? null : service.hover(text, params.position, defaultSettings, workspace);
        return hover && toLspHover(hover);
      },
    ),
  );

  connection.onDocumentSymbol(
    guardRequest(
      log,
      'documentSymbol',
      () => [],
      (params, token) => {
        const text = textOf(params.textDocument.uri, token);
        return text === undefined ? [] : service.documentSymbols(text).map(toLspSymbol);
      },
    ),
  );

  connection.onCodeAction(
    guardAsyncRequest(
      log,
      'codeAction',
      () => [],
      async (params, token) => {
        const uri = params.textDocument.uri;
        const settings = await deps.settingsFor(uri);
        const text = textOf(uri, token);
        if (text === undefined) return [];
        const diagnostics = fromLspDiagnostics(params.context.diagnostics);
        const actions = service.codeActions(text, params.range, [...diagnostics.keys()], settings, workspace);
        const only = params.context.only;
        return actions
          .filter((a) => !only || only.some((kind) => a.kind === kind || a.kind.startsWith(`${kind}.`)))
          .map((a) => toLspCodeAction(a, uri, diagnostics));
      },
    ),
  );

  connection.onRequest(
    convertWorkspaceRequest,
    guardAsyncRequest(
      log,
      'convertWorkspaceEndpoints',
      (): ConvertWorkspaceResult => ({
        edit: { documentChanges: [], changeAnnotations: {} },
        files: 0,
        converted: 0,
        slices: 0,
        notes: [],
        leftOut: [],
      }),
      (params: ConvertWorkspaceParams) => convertWorkspace(deps, params),
    ),
  );
}
