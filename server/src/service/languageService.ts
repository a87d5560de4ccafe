import type { FileReport, DocumentReport, Position, Range } from './types';
import type { ServiceSettings } from './settings';
import { settingsKey } from './settings';
import { chunkKey } from './source/fileChunks';
import { firstAtLeast } from './source/search';
import { chunksOf } from './source/chunkedText';
import type { TextSource } from './source/chunkedText';
import type { Chunk } from './source/chunk';
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
 * with what the document itself says.
 */
export interface LanguageService {
  /**
   * Diagnostics; with a workspace, also the advice that needs the document's Service. Every
   * feature reads a file's text or, from an editor, a `ChunkedText` kept up to date edit by edit.
   */
  validate(
    source: TextSource,
    settings: ServiceSettings,
    workspace?: WorkspaceIndex,
    options?: ValidateOptions,
  ): FileReport & { workspaceChanged?: boolean };
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
   * The source is this file of the workspace as now edited: the index takes it while it is
   * validated (each document summarized right after its parse, which it then shares) and before
   * the advice is computed; `workspaceChanged` says whether what the index knows changed.
   */
  uri?: string;
}

/** Settings combinations kept warm; a user switching versions back and forth stays fast. */
const maxSettingsCaches = 4;

export function createLanguageService(options: { cacheSize?: number } = {}): LanguageService {
  const caches = new LruCache<LruCache<ChunkResult>>(maxSettingsCaches);
  // Completion's per-document analysis: a few documents, the ones being edited.
  const analyses: AnalysisCache = new LruCache(8);
  const symbols = new SymbolCache();
  // The previous call's documents by position, per file ('' for callers that name none). An
  // edit leaves all documents but one where they were, and comparing a document with its
  // predecessor at the same place is an identity check (a ChunkedText keeps unchanged strings),
  // where a cache lookup hashes the whole text first.
  const previous = new LruCache<{ settings: string; chunks: ValidatedChunk[] }>(64);
  const validate = (
    source: TextSource,
    settings: ServiceSettings,
    uri?: string,
    workspace?: WorkspaceIndex,
  ): FileReport => {
    const key = settingsKey(settings);
    const cache = caches.getOrCompute(key, () => new LruCache(options.cacheSize ?? 4096));
    const prior = previous.getOrCompute(uri ?? '', () => ({ settings: key, chunks: [] }));
    const before = prior.settings === key ? prior.chunks : [];
    const chunks: ValidatedChunk[] = [];
    const documents: DocumentReport[] = [];
    for (const chunk of chunksOf(source)) {
      const same = before[chunks.length];
      // Only a named file has versions: there, a document unlike its predecessor at the same
      // place is being edited, and is parsed incrementally.
      const edited = uri !== undefined && same !== undefined;
      const validated = reuseOrValidate(chunk, same, cache, settings, { edited, workspace });
      chunks.push(validated);
      documents.push(...validated.reports);
    }
    prior.settings = key;
    prior.chunks = chunks;
    return { documents, diagnostics: documents.flatMap((d) => d.diagnostics) };
  };
  return {
    validate(source, settings, workspace, options = {}) {
      const { uri } = options;
      const report = validate(source, settings, uri, uri === undefined ? undefined : workspace);
      const workspaceChanged = uri !== undefined && workspace !== undefined && workspace.update(uri, source);
      if (!workspace || !settings.advisories) return { ...report, workspaceChanged };
      // The file just indexed has its summary already; an unnamed text is summarized here.
      const summary = (uri !== undefined && workspace.summaryOf(uri)) || workspace.summarize(source);
      const advised = withAdvice(report, workspaceAdvisories(summary, workspace));
      return { ...advised, workspaceChanged };
    },
    complete: (source, position, settings, workspace) =>
      doComplete(source, position, settings, workspace, analyses),
    hover: (source, position, settings, workspace) => doHover(source, position, settings, workspace),
    codeActions: (source, range, diagnostics, settings, workspace, uri) =>
      codeActions(source, range, diagnostics, settings, workspace, uri),
    documentSymbols: (source) => symbols.of(source),
    convertEndpointsToSlices: (source, options) => convertEndpointsInText(source, options),
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
  { edited, workspace }: { edited: boolean; workspace: WorkspaceIndex | undefined },
): ValidatedChunk {
  const key = chunkKey(chunk);
  const { index, startLine } = chunk;
  if (same !== undefined && same.key === key) {
    cache.stats.hits++;
    if (same.index === index && same.startLine === startLine) return same;
    return { ...same, index, startLine, reports: placed(same.result, index, startLine) };
  }
  const result = cache.getOrCompute(key, () => {
    const fresh = validateChunkSafely(chunk, settings, { edited, remember: workspace !== undefined });
    // The index summarizes the document while its parse is still shared (store/sharedParse.ts):
    // on opening a 500-document file that halves the parsing.
    if (chunk.format === 'yaml') workspace?.prime(chunk.text, edited);
    return fresh;
  });
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
function validateChunkSafely(
  chunk: Chunk,
  settings: ServiceSettings,
  share: { edited: boolean; remember: boolean },
): ChunkResult {
  try {
    const { format, jsonError } = chunk;
    return validateChunk(chunk.text, settings, { format, jsonError, ...share });
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
