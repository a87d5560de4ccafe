import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver';
import type { ChunkedDocument } from './chunkedDocument';
import type {
  ConvertWorkspaceParams,
  ConvertWorkspaceResult,
  LanguageService,
  ServiceManifestParams,
  ServiceManifestResult,
  ServiceSettings,
  TextSource,
  WorkspaceIndex,
  WorkspaceRoutingParams,
  WorkspaceRoutingResult,
} from '../service';
import { serviceManifestIn, workspaceRoutingAt } from '../service';
import { fromLspDiagnostics, toLspCodeAction, toLspCompletion, toLspHover, toLspSymbol } from './convert';
import { guardAsyncRequest, guardRequest } from './guard';
import type { ErrorLog } from './guard';
import type { Lifecycle } from './lifecycle';
import { convertWorkspace, convertWorkspaceRequest } from './migrationRequest';
import { serviceManifestRequest, workspaceRoutingRequest } from './routingRequest';
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
  /**
   * Gives the index an open document's current text. Validation does that after its debounce;
   * a request may come first (completion right after opening), and must see this version.
   */
  indexOpenDocument(uri: string, source: TextSource): void;
  /** Refuses requests after shutdown. */
  lifecycle: Lifecycle;
  log: ErrorLog;
}

/** An open YAML document at its current version, with its settings. */
interface Current {
  text: TextSource;
  settings: ServiceSettings;
}

/** The capabilities these handlers serve, for the initialize result. */
export const featureCapabilities = {
  completionProvider: { triggerCharacters: [' ', ':', '-'], resolveProvider: false },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
  documentSymbolProvider: true,
};

/**
 * Registers completion, hover, code actions, document symbols, the workspace conversion, the
 * routing picture's workspace facts and where a live Service's manifest is.
 * Each handler is thin: it finds the document, asks the service, converts the answer; a failure
 * is logged and answered with nothing.
 */
export function registerFeatures(deps: FeatureDeps): void {
  const { connection, documents, service, workspace, lifecycle, log } = deps;
  // Every async feature is refused after shutdown and answers `fallback` when it throws.
  const handler = <A extends unknown[], R>(
    label: string,
    fallback: () => R,
    run: (...args: A) => Promise<R>,
  ): ((...args: A) => Promise<R>) => lifecycle.request(guardAsyncRequest(log, label, fallback, run));
  // YAML only: the edits and snippets are YAML, and JSON and Helm documents read differently.
  const textOf = (uri: string, token: CancellationToken): TextSource | undefined => {
    const document = documents.get(uri);
    if (token.isCancellationRequested || document?.languageId !== 'yaml') return undefined;
    return document.source;
  };
  // The document's settings (its Kubernetes version), then its text as it is once they arrived,
  // which the workspace index takes too, so the document's own Services are known.
  const current = async (uri: string, token: CancellationToken): Promise<Current | undefined> => {
    // Settings are pulled (and cached) for open documents only, not for any URI a client names.
    if (textOf(uri, token) === undefined) return undefined;
    const settings = await deps.settingsFor(uri);
    const text = textOf(uri, token);
    if (text === undefined) return undefined;
    deps.indexOpenDocument(uri, text);
    return { text, settings };
  };

  connection.onCompletion(
    handler(
      'completion',
      () => null,
      async (params, token) => {
        const doc = await current(params.textDocument.uri, token);
        if (doc === undefined) return null;
        const result = service.complete(doc.text, params.position, doc.settings, workspace);
        return { isIncomplete: result.isIncomplete, items: result.items.map(toLspCompletion) };
      },
    ),
  );

  connection.onHover(
    handler(
      'hover',
      () => null,
      async (params, token) => {
        const doc = await current(params.textDocument.uri, token);
        const hover = doc && service.hover(doc.text, params.position, doc.settings, workspace);
        return hover ? toLspHover(hover) : null;
      },
    ),
  );

  connection.onDocumentSymbol(
    lifecycle.request(
      guardRequest(
        log,
        'documentSymbol',
        () => [],
        (params, token) => {
          const text = textOf(params.textDocument.uri, token);
          return text === undefined ? [] : service.documentSymbols(text).map(toLspSymbol);
        },
      ),
    ),
  );

  connection.onCodeAction(
    handler(
      'codeAction',
      () => [],
      async (params, token) => {
        const uri = params.textDocument.uri;
        const doc = await current(uri, token);
        if (doc === undefined) return [];
        const diagnostics = fromLspDiagnostics(params.context.diagnostics);
        const actions = service.codeActions(
          doc.text,
          params.range,
          [...diagnostics.keys()],
          doc.settings,
          workspace,
          uri,
        );
        const only = params.context.only;
        return actions
          .filter((a) => !only || only.some((kind) => a.kind === kind || a.kind.startsWith(`${kind}.`)))
          .map((a) => toLspCodeAction(a, uri, diagnostics));
      },
    ),
  );

  connection.onRequest(
    convertWorkspaceRequest,
    handler(
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

  connection.onRequest(
    workspaceRoutingRequest,
    handler(
      'workspaceRouting',
      (): WorkspaceRoutingResult => ({ found: false, message: 'The language server could not answer.' }),
      async (params: WorkspaceRoutingParams, token: CancellationToken) => {
        const uri = params.textDocument.uri;
        // An open document goes to the index as it is now, so the answer follows each edit; a
        // closed file (a picture restored after a reload) is read as the index last read it.
        await current(uri, token);
        const summary = workspace.summaryOf(uri);
        if (!summary) return { found: false, message: 'The file is not a YAML file of the workspace.' };
        return workspaceRoutingAt(summary, params, workspace);
      },
    ),
  );

  connection.onRequest(
    serviceManifestRequest,
    handler(
      'serviceManifest',
      (): ServiceManifestResult => null,
      (params: ServiceManifestParams): Promise<ServiceManifestResult> =>
        Promise.resolve(serviceManifestIn(workspace, params)),
    ),
  );
}
