import { ChunkCache } from '../parse/chunkCache';
import { splitDocuments } from '../parse/split';
import type { Range } from '../types';
import { summarizeChunk } from './summarize';
import { sameNamespace } from './types';
import type { EndpointsInfo, FileSummary, ServiceInfo, SliceInfo } from './types';

/**
 * The Services, Endpoints and EndpointSlices of a workspace, by file. The server feeds it file
 * texts (read at start-up, from watched-file events, and from open documents as they change);
 * the index never reads files itself. Summaries are cached per `---` document, so re-indexing
 * a file after an edit parses only the document that changed.
 */
/** One document's summary with its meaning, both computed once per document text. */
interface CachedSummary {
  summary: FileSummary;
  meaning: string;
}

/**
 * A file as indexed: its documents' cached summaries and where they start. The shifted,
 * file-level summary is built only when someone asks (and kept until the file changes), because
 * most edits change nothing the index knows and a 500-document file has thousands of items.
 */
interface IndexedFile {
  text: string;
  parts: { text: string; cached: CachedSummary; startLine: number }[];
  meaning: string;
  summary?: FileSummary;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly cache = new ChunkCache<CachedSummary>(8192);
  private changes = 0;

  /** Increases whenever the indexed content changes, so callers can tell results are stale. */
  get version(): number {
    return this.changes;
  }

  /** Indexes (or re-indexes) a file; returns whether anything the index knows changed. */
  update(uri: string, text: string): boolean {
    const known = this.files.get(uri);
    if (known?.text === text) return false;
    // A document at the same place with the same text keeps its summary without a cache lookup,
    // which would hash the text: after a keystroke that is every document but one.
    const parts = splitDocuments(text).map((chunk, i) => {
      const same = known?.parts[i];
      const cached = same?.text === chunk.text ? same.cached : this.cached(chunk.text);
      return { text: chunk.text, cached, startLine: chunk.startLine };
    });
    const file: IndexedFile = { text, parts, meaning: parts.map((p) => p.cached.meaning).join('\n') };
    this.files.set(uri, file);
    const changed = !known || known.meaning !== file.meaning;
    if (changed) this.changes++;
    return changed;
  }

  remove(uri: string): boolean {
    const removed = this.files.delete(uri);
    if (removed) this.changes++;
    return removed;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** The last text indexed for a file. */
  textOf(uri: string): string | undefined {
    return this.files.get(uri)?.text;
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Summaries of a text, from the per-document cache (the text need not be indexed). */
  summarize(text: string, uri = ''): FileSummary {
    const parts = splitDocuments(text).map((chunk) => ({
      text: chunk.text,
      cached: this.cached(chunk.text),
      startLine: chunk.startLine,
    }));
    return placeParts(parts, uri);
  }

  services(): ServiceInfo[] {
    return this.summaries().flatMap((f) => f.services);
  }

  slices(): SliceInfo[] {
    return this.summaries().flatMap((f) => f.slices);
  }

  endpoints(): EndpointsInfo[] {
    return this.summaries().flatMap((f) => f.endpoints);
  }

  private summaries(): FileSummary[] {
    return [...this.files.entries()].map(([uri, file]) => (file.summary ??= placeParts(file.parts, uri)));
  }

  private cached(text: string): CachedSummary {
    return this.cache.getOrCompute(text, () => {
      const summary = safeSummary(text);
      return { summary, meaning: meaning(summary) };
    });
  }

  /** The Service of that name, preferring one in the same namespace. */
  findService(name: string | undefined, namespace: string | undefined): ServiceInfo | undefined {
    if (name === undefined) return undefined;
    const candidates = this.services().filter(
      (s) => s.name === name && sameNamespace(s.namespace, namespace),
    );
    return candidates.find((s) => s.namespace === namespace) ?? candidates[0];
  }

  slicesOf(service: ServiceInfo): SliceInfo[] {
    return this.slices().filter(
      (s) => s.serviceName === service.name && sameNamespace(s.namespace, service.namespace),
    );
  }
}

/** The documents' summaries placed in their file: the file's uri, ranges moved to their lines. */
function placeParts(parts: IndexedFile['parts'], uri: string): FileSummary {
  const out: FileSummary = { services: [], slices: [], endpoints: [] };
  for (const { cached, startLine } of parts) {
    const place = <T extends { uri: string; range: Range }>(item: T): T => shift({ ...item, uri }, startLine);
    out.services.push(...cached.summary.services.map(place));
    out.slices.push(...cached.summary.slices.map(place));
    out.endpoints.push(...cached.summary.endpoints.map(place));
  }
  return out;
}

/** A document the summary cannot read (a template, say) contributes nothing rather than failing the file. */
function safeSummary(text: string): FileSummary {
  try {
    return summarizeChunk(text);
  } catch {
    return { services: [], slices: [], endpoints: [] };
  }
}

/** What a summary says, without where: moving text around changes no advice elsewhere. */
function meaning(summary: FileSummary): string {
  return JSON.stringify(summary, (key, value: unknown) =>
    /range$/i.test(key) || key === 'anchor' ? undefined : value,
  );
}

/** Moves every range of a summary item (its own and nested ones) down by `lines`. */
function shift<T>(item: T, lines: number): T {
  return lines === 0 ? item : (shiftValue(item, lines, '') as T);
}

/** A structural copy that moves `start`/`end` positions; cheaper than a JSON round trip. */
function shiftValue(value: unknown, lines: number, key: string): unknown {
  if (Array.isArray(value)) return value.map((v: unknown) => shiftValue(v, lines, ''));
  if (typeof value !== 'object' || value === null) return value;
  if ((key === 'start' || key === 'end') && isPosition(value)) {
    return { line: value.line + lines, character: value.character };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shiftValue(v, lines, k);
  return out;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  return typeof value === 'object' && value !== null && 'line' in value && 'character' in value;
}
