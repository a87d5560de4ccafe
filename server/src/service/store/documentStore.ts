import type { ObjectSpec } from '../k8s/schemaTypes';
import { decode } from '../decode/decode';
import type { Decoded } from '../decode/decode';
import type { Chunk } from '../source/chunk';
import { chunksOf, textOf } from '../source/chunkedText';
import type { ChunkedSource, TextSource } from '../source/chunkedText';
import { SectionedYamlParser } from '../yaml/sectionParse';
import { parseChunk } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import { LruCache } from './lru';

/** Hears of every document the store parses afresh, with its parse (the workspace index). */
export type ParseListener = (text: string, parsed: ParsedChunk) => void;

/**
 * The documents one language service reads, from a file's text to the parse and decoding of
 * each of its documents (ARCHITECTURE.md, "The document store"). Each service owns one, so two
 * services in one process share nothing, and nothing of it lives in a module.
 *
 * - A named file's versions: the store keeps the texts of each file's documents by position, so
 *   it knows which document an edit changed. That one is parsed by top-level sections
 *   (yaml/sectionParse.ts): a keystroke in `metadata` of a large slice re-parses `metadata`, and
 *   `endpoints` comes from the cache. Documents seen for the first time (a file opened, a
 *   workspace scanned) are parsed whole: composing sections costs a copy of every node, a fifth
 *   more than parsing, and most of those documents are never edited.
 * - Listeners: whoever summarizes documents too (the workspace index) hears of each fresh parse
 *   while it is at hand, so opening a 500-document file parses each document once, not twice,
 *   and no parse is kept for later (a parse kept longer outlives the young generation).
 * - Decodings of a whole document, kept per parse, which validation and the index both make.
 */
export class DocumentStore {
  private readonly sectioned = new SectionedYamlParser();
  /** Each named file's documents at its last version, by position. */
  private readonly versions = new LruCache<readonly string[]>(64);
  /** Documents of the last version taken that replaced another at their place. */
  private edited: ReadonlySet<string> = new Set();
  private readonly listeners: ParseListener[] = [];
  private readonly decodings = new WeakMap<ParsedChunk, Map<ObjectSpec, Decoded>>();
  /** The last plain text split, so several features asking about one text split it once. */
  private lastSplit: { text: string; source: ChunkedSource } | undefined;

  /** A source whose documents are split once: a `ChunkedText` as it is, a string split here. */
  source(source: TextSource): ChunkedSource {
    if (typeof source !== 'string') return source;
    if (this.lastSplit?.text !== source) {
      const chunks = chunksOf(source);
      this.lastSplit = { text: source, source: { chunks, text: () => textOf(source) } };
    }
    return this.lastSplit.source;
  }

  /** Takes a named file's documents at a new version; a document unlike its predecessor is being edited. */
  takeVersion(uri: string, chunks: readonly Chunk[]): void {
    const before = this.versions.get(uri) ?? [];
    const edited = new Set<string>();
    chunks.forEach((chunk, i) => {
      const previous = before[i];
      if (previous !== undefined && previous !== chunk.text) edited.add(chunk.text);
    });
    this.edited = edited;
    this.versions.set(
      uri,
      chunks.map((c) => c.text),
    );
  }

  /** Hears of every fresh parse from now on. */
  onParsed(listener: ParseListener): void {
    this.listeners.push(listener);
  }

  /** The parse of a document (read, never changed, by everything that takes it from here). */
  parse(text: string, format: 'yaml' | 'json' = 'yaml'): ParsedChunk {
    const parsed =
      format === 'yaml' && this.edited.has(text) ? this.sectioned.parse(text) : parseChunk(text, format);
    if (format === 'yaml') for (const listener of this.listeners) listener(text, parsed);
    return parsed;
  }

  /** `decode` of a whole, untemplated document, made once per parse; the result is read, never changed. */
  decode(parsed: ParsedChunk, spec: ObjectSpec): Decoded {
    let bySpec = this.decodings.get(parsed);
    if (!bySpec) this.decodings.set(parsed, (bySpec = new Map<ObjectSpec, Decoded>()));
    let decoded = bySpec.get(spec);
    if (!decoded) bySpec.set(spec, (decoded = decode(parsed.doc, spec)));
    return decoded;
  }
}
