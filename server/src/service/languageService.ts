import type { FileReport, DocumentReport, Position, Range } from './types';
import type { ServiceSettings } from './settings';
import { settingsKey } from './settings';
import { chunkKey, splitFile } from './parse/fileChunks';
import type { FileChunk } from './parse/fileChunks';
import { ChunkCache } from './parse/chunkCache';
import { validateChunk } from './validation/validateDocument';
import type { ChunkResult } from './validation/validateDocument';
import { shiftDocumentReport } from './parse/positions';
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
import { documentSymbols } from './symbols/documentSymbols';
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
  /** Diagnostics; with a workspace, also the advice that needs the document's Service. */
  validate(text: string, settings: ServiceSettings, workspace?: WorkspaceIndex): FileReport;
  complete(
    text: string,
    position: Position,
    settings: ServiceSettings,
    workspace?: WorkspaceIndex,
  ): CompletionResult;
  hover(
    text: string,
    position: Position,
    settings: ServiceSettings,
    workspace?: WorkspaceIndex,
  ): Hover | null;
  /** Quick fixes for the diagnostics the client sends back, and refactorings at the range. */
  codeActions(
    text: string,
    range: Range,
    diagnostics: readonly CodeActionDiagnostic[],
    settings: ServiceSettings,
    workspace?: WorkspaceIndex,
  ): CodeAction[];
  documentSymbols(text: string): DocumentSymbol[];
  /** Every Endpoints document of the text converted to EndpointSlices. */
  convertEndpointsToSlices(text: string, options: MigrationOptions): MigrationResult;
  /** Documents validated afresh (misses) and reused (hits) since the service was created. */
  cacheStats(): { hits: number; misses: number };
}

/** Settings combinations kept warm; a user switching versions back and forth stays fast. */
const maxSettingsCaches = 4;

export function createLanguageService(options: { cacheSize?: number } = {}): LanguageService {
  const caches = new ChunkCache<ChunkCache<ChunkResult>>(maxSettingsCaches);
  // Completion's per-document analysis: a few documents, the ones being edited.
  const analyses: AnalysisCache = new ChunkCache(8);
  // The previous call's documents by position. An edit leaves all documents but one where they
  // were, and comparing a document with its predecessor at the same place is a length check or a
  // memcmp, where a cache lookup hashes the whole text first: on a 9 MB file that is most of the
  // work of a keystroke.
  let previous: { settings: string; chunks: { key: string; result: ChunkResult }[] } | undefined;
  const validate = (text: string, settings: ServiceSettings): FileReport => {
    const key = settingsKey(settings);
    const cache = caches.getOrCompute(key, () => new ChunkCache(options.cacheSize ?? 4096));
    const before = previous?.settings === key ? previous.chunks : [];
    const chunks: { key: string; result: ChunkResult }[] = [];
    const documents: DocumentReport[] = [];
    for (const chunk of splitFile(text)) {
      const textKey = chunkKey(chunk);
      const same = before[chunks.length];
      let result: ChunkResult;
      if (same !== undefined && same.key === textKey) {
        cache.stats.hits++;
        result = same.result;
      } else {
        result = cache.getOrCompute(textKey, () => validateChunkSafely(chunk, settings));
      }
      chunks.push({ key: textKey, result });
      documents.push(...result.map((r) => shiftDocumentReport(r, chunk.index, chunk.startLine)));
    }
    previous = { settings: key, chunks };
    return { documents, diagnostics: documents.flatMap((d) => d.diagnostics) };
  };
  return {
    validate(text, settings, workspace) {
      const report = validate(text, settings);
      if (!workspace || !settings.advisories) return report;
      return withAdvice(report, workspaceAdvisories(workspace.summarize(text), workspace));
    },
    complete: (text, position, _settings, workspace) => doComplete(text, position, workspace, analyses),
    hover: (text, position, _settings, workspace) => doHover(text, position, workspace),
    codeActions: (text, range, diagnostics, settings, workspace) =>
      codeActions(text, range, diagnostics, settings, workspace),
    documentSymbols,
    convertEndpointsToSlices: convertEndpointsInText,
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

/** Adds workspace advice to the documents it belongs to, keeping document order. */
function withAdvice(report: FileReport, advice: FileReport['diagnostics']): FileReport {
  if (advice.length === 0) return report;
  const documents = report.documents.map((doc) => {
    const mine = advice.filter(
      (d) => d.range.start.line >= doc.range.start.line && d.range.start.line <= doc.range.end.line,
    );
    return mine.length > 0 ? { ...doc, diagnostics: [...doc.diagnostics, ...mine] } : doc;
  });
  return { documents, diagnostics: documents.flatMap((d) => d.diagnostics) };
}

/**
 * A document that makes validation throw is reported, not fatal: a linter pointed at a whole
 * repository must finish, and the other documents of the file still deserve their findings.
 */
function validateChunkSafely(chunk: FileChunk, settings: ServiceSettings): ChunkResult {
  try {
    return validateChunk(chunk.text, settings, { format: chunk.format, jsonError: chunk.jsonError });
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
