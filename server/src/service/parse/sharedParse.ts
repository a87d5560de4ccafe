import { ChunkCache } from './chunkCache';
import { parseChunk } from './yamlDocument';
import type { ParsedChunk } from './yamlDocument';

/**
 * The last few documents parsed, shared by the readers that parse the same document one after
 * the other: after a keystroke the workspace index summarizes the edited document and then
 * validation checks it, and parsing is most of what either costs. Parsed documents are read,
 * never changed, by everything that takes them from here.
 */
const recent = new ChunkCache<ParsedChunk>(8);

export function sharedParse(text: string, format: 'yaml' | 'json' = 'yaml'): ParsedChunk {
  const key = format === 'json' ? `json\u0000${text}` : text;
  return recent.getOrCompute(key, () => parseChunk(text, format));
}
