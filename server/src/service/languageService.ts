import type { FileReport, DocumentReport, Position, Range } from './types';
import type { ServiceSettings } from './settings';
import { settingsKey } from './settings';
import { chunkKey } from './source/fileChunks';
import { firstAtLeast } from './source/search';
import type { TextSource } from './source/chunkedText';
import type { Chunk } from './source/chunk';
import { DocumentStore } from './store/documentStore';
import { LruCache } from './store/lru';
import { validateChunk } from './pipeline/validateChunk';
import type { ChunkResult } from './pipeline/validateChunk';
import { shiftDocumentReport } from './pipeline/documentReport';
import type {
  CodeAction,
  CodeActionDiagnostic,
  CompletionResult,
  DocumentSymbol,
  Hover,
} from './languageTypes';
import { codeActions } from './codeActions';
import { doComplete } from './completion';
import type { AnalysisCache } from './completion/context';
import { doHover } from './hover';
import { convertEndpointsInText } from './migration/convertText';
import type { MigrationResult } from './migration/convertText';
import type { MigrationOptions } from './migration/convert';
import { SymbolCache } from './symbols/symbolCache';
import { workspaceAdvisories } from './workspace/advisories';
import type { WorkspaceIndex } from './workspace/workspaceIndex';

/**
 * The language service: one facade over every feature, each in its own folder. Validation is
 * cached per `---` document keyed by its text (one cache per settings combination), so an edit
 * inside one document of a 500-document file parses and validates that document only; the
 * others are reused with their line numbers shifted. Features that need the rest of the
 * workspace take a `WorkspaceIndex` the caller keeps up to date; without one they still work,
 * with what the document itself says. Everything a service remembers is its own: two services
 * in one process share nothing.
 */
export interface LanguageService {
  /**
   * The documents this service reads (parses, versions, decodings). A `WorkspaceIndex` built on
   * it (`new WorkspaceIndex(service.documents)`) summarizes documents from validation's parses.
   */
  readonly documents: DocumentStore;
  /**
   * Diagnostics; with a workspace, also the advice that needs the document's Service (the
   * caller updates the index first: the service never writes into it). Every feature reads a
   * file's text or, from an editor, a `ChunkedText` kept up to date edit by edit.
   */
  validate(
    source: TextSource,
    settings: ServiceSettings,
    workspace?: WorkspaceIndex,
    options?: ValidateOptions,
  ): FileReport;
  /**
   * A report with the workspace advice added (none when the settings turn advice off). For a
   * named file, call it after giving the index the file's new text.
   */
  advise(
    report: FileReport,
    source: TextSource,
    settings: ServiceSettings,
    workspace: WorkspaceIndex,
    options?: ValidateOptions,
  ): FileReport;
  complete(
    source: TextSource,
    position: Position,
    settings: ServiceSettings,
    workspace?: WorkspaceIndex,
  ): CompletionResult;
  hover(
    source: TextSource,
    position: Position,
    settings: ServiceSettings,
    workspace?: WorkspaceIndex,
  ): Hover | null;
  /** Quick fixes for the diagnostics the client sends back, and refactorings at the range. */
  codeActions(
    source: TextSource,
    range: Range,
    diagnostics: readonly CodeActionDiagnostic[],
    settings: ServiceSettings,
    workspace?: WorkspaceIndex,
    /** The file's uri: fixes that also edit other files of the workspace need it. */
    uri?: string,
  ): CodeAction[];
  documentSymbols(source: TextSource): DocumentSymbol[];
  /** Every Endpoints document of the text converted to EndpointSlices. */
  convertEndpointsToSlices(source: TextSource, options: MigrationOptions): MigrationResult;
  /** Documents validated afresh (misses) and reused (hits) since the service was created. */
  cacheStats(): { hits: number; misses: number };
}

export interface ValidateOptions {
  /**
   * The source is a version of this file: the store compares it with the previous one, so the
   * edited document is parsed incrementally, and the advice reads the file's indexed summary.
   */
  uri?: string;
}

/** Settings combinations kept warm; a user switching versions back and forth stays fast. */
const maxSettingsCaches = 4;

export function createLanguageService(options: { cacheSize?: number } = {}): LanguageService {
  const store = new DocumentStore();
  const caches = new LruCache<LruCache<ChunkResult>>(maxSettingsCaches);
  // Completion's per-document analysis: a few documents, the ones being edited.
  const analyses: AnalysisCache = new LruCache(8);
  const symbols = new SymbolCache(store);
  // The previous call's documents by position, per file ('' for callers that name none). An
  // edit leaves all documents but one where they were, and comparing a document with its
  // predecessor at the same place is an identity check (a ChunkedText keeps unchanged strings),
  // where a cache lookup hashes the whole text first.
  const previous = new LruCache<{ settings: string; chunks: ValidatedChunk[] }>(64);
  const validate = (source: TextSource, settings: ServiceSettings, uri?: string): FileReport => {
    const { chunks: all } = store.source(source);
    if (uri !== undefined) store.takeVersion(uri, all);
    const key = settingsKey(settings);
    const cache = caches.getOrCompute(key, () => new LruCache(options.cacheSize ?? 4096));
    const prior = previous.getOrCompute(uri ?? '', () => ({ settings: key, chunks: [] }));
    const before = prior.settings === key ? prior.chunks : [];
    const chunks: ValidatedChunk[] = [];
    const documents: DocumentReport[] = [];
    for (const chunk of all) {
      const validated = reuseOrValidate(chunk, before[chunks.length], cache, settings, store);
      chunks.push(validated);
      documents.push(...validated.reports);
    }
    prior.settings = key;
    prior.chunks = chunks;
    return { documents, diagnostics: documents.flatMap((d) => d.diagnostics) };
  };
  return {
    documents: store,
    validate(source, settings, workspace, options = {}) {
      const report = validate(source, settings, options.uri);
      return workspace ? this.advise(report, source, settings, workspace, options) : report;
    },
    advise(report, source, settings, workspace, { uri } = {}) {
      if (!settings.advisories) return report;
      // An indexed file has its summary already; an unnamed text is summarized here.
      const summary =
        (uri !== undefined && workspace.summaryOf(uri)) || workspace.summarize(store.source(source));
      return withAdvice(report, workspaceAdvisories(summary, workspace));
    },
    complete: (source, position, settings, workspace) =>
      doComplete(store.source(source), position, settings, workspace, analyses),
    hover: (source, position, settings, workspace) =>
      doHover(store, store.source(source), position, settings, workspace),
    codeActions: (source, range, diagnostics, settings, workspace, uri) =>
      codeActions(store, store.source(source), range, diagnostics, settings, workspace, uri),
    documentSymbols: (source) => symbols.of(store.source(source)),
    convertEndpointsToSlices: (source, options) =>
      convertEndpointsInText(store, store.source(source), options),
    cacheStats() {
      const totals = { hits: 0, misses: 0 };
      for (const cache of caches.values()) {
        totals.hits += cache.stats.hits;
        totals.misses += cache.stats.misses;
      }
      return totals;
    },
  };
}

/** A document's result, and the same moved to where the document starts in the file. */
interface ValidatedChunk {
  key: string;
  result: ChunkResult;
  index: number;
  startLine: number;
  reports: DocumentReport[];
}

function reuseOrValidate(
  chunk: Chunk,
  same: ValidatedChunk | undefined,
  cache: LruCache<ChunkResult>,
  settings: ServiceSettings,
  store: DocumentStore,
): ValidatedChunk {
  const key = chunkKey(chunk);
  const { index, startLine } = chunk;
  if (same !== undefined && same.key === key) {
    cache.stats.hits++;
    if (same.index === index && same.startLine === startLine) return same;
    return { ...same, index, startLine, reports: placed(same.result, index, startLine) };
  }
  const result = cache.getOrCompute(key, () => validateChunkSafely(chunk, settings, store));
  return { key, result, index, startLine, reports: placed(result, index, startLine) };
}

function placed(result: ChunkResult, index: number, startLine: number): DocumentReport[] {
  return result.map((r) => shiftDocumentReport(r, index, startLine));
}

/** Adds workspace advice to the documents it belongs to, keeping document order. */
function withAdvice(report: FileReport, advice: FileReport['diagnostics']): FileReport {
  if (advice.length === 0) return report;
  // Sorted by line, each document finds its advice by a binary search instead of a scan of all
  // of it: a file of 500 documents may carry hundreds of pieces of advice.
  const byLine = [...advice].sort((a, b) => a.range.start.line - b.range.start.line);
  const documents = report.documents.map((doc) => {
    const mine: typeof advice = [];
    for (
      let i = firstAtLeast(byLine.length, (k) => byLine[k]?.range.start.line ?? 0, doc.range.start.line);
      i < byLine.length;
      i++
    ) {
      const d = byLine[i];
      if (d.range.start.line > doc.range.end.line) break;
      mine.push(d);
    }
    return mine.length > 0 ? { ...doc, diagnostics: [...doc.diagnostics, ...mine] } : doc;
  });
  return { documents, diagnostics: documents.flatMap((d) => d.diagnostics) };
}

/**
 * A document that makes validation throw is reported, not fatal: a linter pointed at a whole
 * repository must finish, and the other documents of the file still deserve their findings.
 */
function validateChunkSafely(chunk: Chunk, settings: ServiceSettings, store: DocumentStore): ChunkResult {
  try {
    const { format, jsonError } = chunk;
    return validateChunk(chunk.text, settings, { format, jsonError, store });
  } catch (error) {
    const end = { line: chunk.text.split('\n').length - 1, character: 0 };
    const message = error instanceof Error ? error.message : String(error);
    return [
      {
        range: { start: { line: 0, character: 0 }, end },
        diagnostics: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: 'warning',
            code: 'internal-error',
            message: `This document could not be validated (internal error: ${message}); please report it.`,
            origin: 'syntax',
            reason: 'SyntaxError',
            field: '',
          },
        ],
      },
    ];
  }
}
