import { LruCache } from '../store/lru';
import { yamlChunksOf } from '../source/chunkedText';
import { shiftRange } from '../source/positions';
import type { TextSource } from '../source/chunkedText';
import type { DocumentSymbol } from '../languageTypes';
import { chunkSymbols } from './documentSymbols';
import type { ParsedDocuments } from '../store/documentStore';

/**
 * Outlines per `---` document. Editors ask for the outline after every edit (breadcrumbs, the
 * Outline view); parsing all 500 documents of a large file for that took seconds, so each
 * document's symbols are kept by its text and only moved to where the document now starts.
 */
export class SymbolCache {
  private readonly cache = new LruCache<DocumentSymbol[]>(2048);
  /** The last file's documents by position: after an edit, all but one are the same strings. */
  private previous: { text: string; symbols: DocumentSymbol[] }[] = [];

  constructor(private readonly store: ParsedDocuments) {}

  of(source: TextSource): DocumentSymbol[] {
    const chunks = yamlChunksOf(source);
    const entries = chunks.map((chunk, i) => {
      const same = this.previous[i];
      if (same !== undefined && same.text === chunk.text) return same;
      return {
        text: chunk.text,
        symbols: this.cache.getOrCompute(chunk.text, () => chunkSymbols(this.store, chunk.text)),
      };
    });
    this.previous = entries;
    return entries.flatMap((entry, i) => entry.symbols.map((s) => moved(s, chunks[i]?.startLine ?? 0)));
  }
}

function moved(symbol: DocumentSymbol, lines: number): DocumentSymbol {
  if (lines === 0) return symbol;
  const out: DocumentSymbol = {
    ...symbol,
    range: shiftRange(symbol.range, lines),
    selectionRange: shiftRange(symbol.selectionRange, lines),
  };
  if (symbol.children) out.children = symbol.children.map((c) => moved(c, lines));
  return out;
}
