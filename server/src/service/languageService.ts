import type { FileReport, DocumentReport } from './types';
import type { ServiceSettings } from './settings';
import { settingsKey } from './settings';
import { splitDocuments } from './parse/split';
import { ChunkCache } from './parse/chunkCache';
import { validateChunk } from './validation/validateDocument';
import type { ChunkResult } from './validation/validateDocument';
import { shiftDocumentReport } from './parse/positions';

/**
 * Validates whole files. Work is cached per `---` document keyed by its text (one cache per
 * settings combination), so an edit inside one document of a 500-document file parses and
 * validates that document only; the others are reused with their line numbers shifted.
 */
export interface LanguageService {
  validate(text: string, settings: ServiceSettings): FileReport;
  /** Documents validated afresh (misses) and reused (hits) since the service was created. */
  cacheStats(): { hits: number; misses: number };
}

/** Settings combinations kept warm; a user switching versions back and forth stays fast. */
const maxSettingsCaches = 4;

export function createLanguageService(options: { cacheSize?: number } = {}): LanguageService {
  const caches = new ChunkCache<ChunkCache<ChunkResult>>(maxSettingsCaches);
  return {
    validate(text, settings) {
      const cache = caches.getOrCompute(
        settingsKey(settings),
        () => new ChunkCache(options.cacheSize ?? 4096),
      );
      const documents: DocumentReport[] = [];
      for (const chunk of splitDocuments(text)) {
        const result = cache.getOrCompute(chunk.text, () => validateChunk(chunk.text, settings));
        documents.push(shiftDocumentReport(result, chunk.index, chunk.startLine));
      }
      return { documents, diagnostics: documents.flatMap((d) => d.diagnostics) };
    },
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
