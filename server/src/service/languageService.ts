import type { FileReport, DocumentReport } from './types';
import type { ServiceSettings } from './settings';
import { settingsKey } from './settings';
import { splitDocuments } from './parse/split';
import { ChunkCache } from './parse/chunkCache';
import { validateChunk } from './validation/validateDocument';
import type { ChunkResult } from './validation/validateDocument';
import { shiftDocumentReport } from './parse/positions';

/**
 * Validates whole files. Work is cached per `---` document keyed by its text and the settings,
 * so an edit inside one document of a 500-document file parses and validates that document only;
 * the others are reused with their line numbers shifted.
 */
export interface LanguageService {
  validate(text: string, settings: ServiceSettings): FileReport;
}

export function createLanguageService(options: { cacheSize?: number } = {}): LanguageService {
  const cache = new ChunkCache<ChunkResult>(options.cacheSize ?? 4096);
  return {
    validate(text, settings) {
      const key = settingsKey(settings);
      const documents: DocumentReport[] = [];
      for (const chunk of splitDocuments(text)) {
        const result = cache.getOrCompute(`${key}\u0000${chunk.text}`, () => validateChunk(chunk.text, settings));
        documents.push(shiftDocumentReport(result, chunk.index, chunk.startLine));
      }
      return { documents, diagnostics: documents.flatMap((d) => d.diagnostics) };
    },
  };
}
