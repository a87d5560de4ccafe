import { DocumentStore } from '../store/documentStore';
import { LruCache } from '../store/lru';
import type { ParsedChunk } from '../yaml/yamlDocument';
import { textOf, yamlChunksOf } from '../source/chunkedText';
import type { TextSource } from '../source/chunkedText';
import type { Range } from '../types';
import { RoutingPredictions } from './servicePrediction';
import { summarizeChunk } from './summarize';
import { findServiceIn, slicesOfIn } from './workspaceView';
import type { WorkspaceView } from './workspaceView';
import type { PodTemplateInfo } from './podTemplates';
import type { EndpointsInfo, FileSummary, ServiceInfo, SliceInfo } from './types';

/**
 * The Services, Endpoints and EndpointSlices of a workspace, by file. The server feeds it file
 * texts (read at start-up, from watched-file events, and from open documents as they change);
 * the index never reads files itself. Summaries are cached per `---` document, so re-indexing
 * a file after an edit parses only the document that changed.
 */
/**
 * One document's summary, computed once per document text, and its meaning, computed the first
 * time a file is compared with its previous version (the CLI indexes every file once and never
 * compares: the JSON of 2,000 summaries was 2% of its run).
 */
class CachedSummary {
  private said: string | undefined;
  constructor(readonly summary: FileSummary) {}

  get meaning(): string {
    this.said ??= meaning(this.summary);
    return this.said;
  }
}

/**
 * A file as indexed: its documents' cached summaries and where they start. The shifted,
 * file-level summary is built only when someone asks (and kept until the file changes), because
 * most edits change nothing the index knows and a 500-document file has thousands of items.
 */
interface IndexedFile {
  source: TextSource;
  chunks: IndexedChunk[];
  summary?: FileSummary;
}

/** One document of a file: its summary, where it starts, and the summary moved there. */
interface IndexedChunk {
  text: string;
  cached: CachedSummary;
  startLine: number;
  placed?: FileSummary;
}

export class WorkspaceIndex implements WorkspaceView {
  readonly predictions = new RoutingPredictions();
  private readonly files = new Map<string, IndexedFile>();
  private readonly cache = new LruCache<CachedSummary>(8192);
  private changes = 0;
  /** The documents of the last `summarize` call: validation asks again after every edit. */
  private lastSummarized: IndexedChunk[] = [];
  /** Bumped by every update, even one that changes no meaning: ranges move with the text. */
  private generation = 0;
  private all: { generation: number; summaries: FileSummary[]; services: ServiceInfo[] } | undefined;
  private summarizing = false;

  /**
   * `store`: the document store of the language service that validates the same files (its
   * `documents`), so the index summarizes each document from validation's parse of it.
   */
  constructor(private readonly store: DocumentStore = new DocumentStore()) {
    store.onParsed((text, parsed) => this.heard(text, parsed));
  }

  /** Increases whenever the indexed content changes, so callers can tell results are stale. */
  get version(): number {
    return this.changes;
  }

  /** Indexes (or re-indexes) a file; returns whether anything the index knows changed. */
  update(uri: string, source: TextSource): boolean {
    const known = this.files.get(uri);
    if (typeof source === 'string' && known?.source === source) return false;
    const chunks = this.indexChunks(source, known?.chunks);
    const file: IndexedFile = { source, chunks };
    this.files.set(uri, file);
    this.generation++;
    const changed = !known || !sameMeaning(known.chunks, chunks);
    if (changed) this.changes++;
    return changed;
  }

  remove(uri: string): boolean {
    const removed = this.files.delete(uri);
    if (removed) {
      this.changes++;
      this.generation++;
    }
    return removed;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** The last text indexed for a file. */
  textOf(uri: string): string | undefined {
    const file = this.files.get(uri);
    return file && textOf(file.source);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** The summary of an indexed file, placed in it (built once per version of the file). */
  summaryOf(uri: string): FileSummary | undefined {
    const file = this.files.get(uri);
    return file && (file.summary ??= placeChunks(file.chunks, uri));
  }

  /** Summaries of a text, from the per-document cache (the text need not be indexed). */
  summarize(source: TextSource, uri = ''): FileSummary {
    this.lastSummarized = this.indexChunks(source, this.lastSummarized);
    return placeChunks(this.lastSummarized, uri);
  }

  /**
   * A file's documents with their summaries. A document at the same place with the same text as
   * in `before` keeps its summary without a cache lookup, which would hash the text: after a
   * keystroke that is every document but one, and a ChunkedText hands back the same strings.
   */
  private indexChunks(source: TextSource, before: IndexedChunk[] = []): IndexedChunk[] {
    return yamlChunksOf(source).map((chunk, i): IndexedChunk => {
      const same = before[i];
      if (same?.text !== chunk.text) {
        const cached = this.cached(chunk.text);
        return { text: chunk.text, cached, startLine: chunk.startLine };
      }
      return same.startLine === chunk.startLine
        ? same
        : { ...same, startLine: chunk.startLine, placed: undefined };
    });
  }

  services(): ServiceInfo[] {
    return this.everything().services;
  }

  slices(): SliceInfo[] {
    return this.summaries().flatMap((f) => f.slices);
  }

  endpoints(): EndpointsInfo[] {
    return this.summaries().flatMap((f) => f.endpoints);
  }

  templates(): PodTemplateInfo[] {
    return this.summaries().flatMap((f) => f.templates);
  }

  private summaries(): FileSummary[] {
    return this.everything().summaries;
  }

  /**
   * Every file's summary, built once per change of the index: advice asks for the Services once
   * per slice, and a 500-document file has hundreds of slices.
   */
  private everything(): { summaries: FileSummary[]; services: ServiceInfo[] } {
    if (this.all?.generation === this.generation) return this.all;
    const summaries = [...this.files.keys()].map((uri) => this.summaryOf(uri) as FileSummary);
    this.all = { generation: this.generation, summaries, services: summaries.flatMap((f) => f.services) };
    return this.all;
  }

  /**
   * Summarizes a document the store has just parsed for someone else (validation), while the
   * parse is at hand: `update` then finds the summary and parses nothing.
   */
  private heard(text: string, parsed: ParsedChunk): void {
    if (!this.summarizing) this.cached(text, parsed);
  }

  private cached(text: string, parsed?: ParsedChunk): CachedSummary {
    return this.cache.getOrCompute(text, () => {
      // The store tells this index of its own parse too; the guard keeps it from summarizing twice.
      this.summarizing = true;
      try {
        return new CachedSummary(safeSummary(text, this.store, parsed));
      } finally {
        this.summarizing = false;
      }
    });
  }

  /** The Service of that name, preferring one in the same namespace. */
  findService(name: string | undefined, namespace: string | undefined): ServiceInfo | undefined {
    return findServiceIn(this.services(), name, namespace);
  }

  slicesOf(service: ServiceInfo): SliceInfo[] {
    return slicesOfIn(this.slices(), service);
  }
}

/** The documents' summaries placed in their file: the file's uri, ranges moved to their lines. */
function placeChunks(chunks: IndexedChunk[], uri: string): FileSummary {
  const out: FileSummary = { services: [], slices: [], endpoints: [], templates: [] };
  for (const chunk of chunks) {
    chunk.placed ??= placeChunk(chunk, uri);
    out.services.push(...chunk.placed.services);
    out.slices.push(...chunk.placed.slices);
    out.endpoints.push(...chunk.placed.endpoints);
    out.templates.push(...chunk.placed.templates);
  }
  return out;
}

/** A document's summary items with the file's uri and ranges moved to the document's lines. */
function placeChunk({ cached, startLine }: IndexedChunk, uri: string): FileSummary {
  const place = <T extends { uri: string; range: Range }>(item: T): T => shift({ ...item, uri }, startLine);
  return {
    services: cached.summary.services.map(place),
    slices: cached.summary.slices.map(place),
    endpoints: cached.summary.endpoints.map(place),
    templates: cached.summary.templates.map(place),
  };
}

/** A document the summary cannot read (a template, say) contributes nothing rather than failing the file. */
function safeSummary(text: string, store: DocumentStore, parsed: ParsedChunk | undefined): FileSummary {
  try {
    return summarizeChunk(text, store, parsed);
  } catch {
    return { services: [], slices: [], endpoints: [], templates: [] };
  }
}

/** Whether two versions of a file say the same; unchanged documents share their meaning string. */
function sameMeaning(before: IndexedChunk[], after: IndexedChunk[]): boolean {
  return (
    before.length === after.length && after.every((p, i) => p.cached.meaning === before[i]?.cached.meaning)
  );
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
