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
export class WorkspaceIndex {
  private readonly files = new Map<string, { text: string; summary: FileSummary }>();
  private readonly cache = new ChunkCache<FileSummary>(8192);
  private changes = 0;

  /** Increases whenever the indexed content changes, so callers can tell results are stale. */
  get version(): number {
    return this.changes;
  }

  /** Indexes (or re-indexes) a file; returns whether anything the index knows changed. */
  update(uri: string, text: string): boolean {
    const known = this.files.get(uri);
    if (known?.text === text) return false;
    const summary = this.summarize(text, uri);
    this.files.set(uri, { text, summary });
    const changed = !known || meaning(known.summary) !== meaning(summary);
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
    const out: FileSummary = { services: [], slices: [], endpoints: [] };
    for (const chunk of splitDocuments(text)) {
      const summary = this.cache.getOrCompute(chunk.text, () => safeSummary(chunk.text));
      const place = <T extends { uri: string; range: Range }>(item: T): T =>
        shift({ ...item, uri }, chunk.startLine);
      out.services.push(...summary.services.map(place));
      out.slices.push(...summary.slices.map(place));
      out.endpoints.push(...summary.endpoints.map(place));
    }
    return out;
  }

  services(): ServiceInfo[] {
    return [...this.files.values()].flatMap((f) => f.summary.services);
  }

  slices(): SliceInfo[] {
    return [...this.files.values()].flatMap((f) => f.summary.slices);
  }

  endpoints(): EndpointsInfo[] {
    return [...this.files.values()].flatMap((f) => f.summary.endpoints);
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
  if (lines === 0) return item;
  return JSON.parse(JSON.stringify(item), (key, value: unknown) => {
    if ((key === 'start' || key === 'end') && isPosition(value)) {
      return { line: value.line + lines, character: value.character };
    }
    return value;
  }) as T;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  return typeof value === 'object' && value !== null && 'line' in value && 'character' in value;
}
