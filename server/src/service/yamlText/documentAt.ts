import { yamlChunksOf } from '../source/chunkedText';
import { lastAtMost } from '../source/search';
import type { TextSource } from '../source/chunkedText';
import type { Chunk } from '../source/chunk';
import type { OurKind } from '../types';

/** The `---` document of a file that holds a line, and its lines without carriage returns. */
export interface DocumentAt {
  chunk: Chunk;
  lines: string[];
  /** The kind this document is, read from its top-level `kind:` (or guessed from `apiVersion:`). */
  kind: OurKind | undefined;
  apiVersion: string | undefined;
}

export function documentAt(source: TextSource, line: number): DocumentAt {
  const chunks = yamlChunksOf(source);
  const chunk = chunks[lastAtMost(chunks.length, (i) => chunks[i]?.startLine ?? 0, line)] ?? {
    index: 0,
    startLine: 0,
    text: '',
  };
  const lines = chunk.text.split('\n').map((l) => l.replace(/\r$/, ''));
  const apiVersion = topLevelValue(chunk.text, 'apiVersion');
  return { chunk, lines, kind: kindOf(topLevelValue(chunk.text, 'kind'), apiVersion), apiVersion };
}

/** The plain value of a top-level `key:` line, found by a line scan so half-typed text works. */
export function topLevelValue(text: string, key: string): string | undefined {
  const match = new RegExp(`^${key}:[ \\t]*["']?([^"'#\\s]+)["']?[ \\t]*(?:#.*)?$`, 'm').exec(text);
  return match?.[1];
}

function kindOf(kind: string | undefined, apiVersion: string | undefined): OurKind | undefined {
  if (kind === 'EndpointSlice' || kind === 'Endpoints') return kind;
  if (kind === undefined && apiVersion?.startsWith('discovery.k8s.io/')) return 'EndpointSlice';
  return undefined;
}
