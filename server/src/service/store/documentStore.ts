import type { ObjectSpec } from '../k8s/schemaTypes';
import { decode } from '../decode/decode';
import type { Decoded } from '../decode/decode';
import type { Chunk } from '../source/chunk';
import { chunksOf, textOf } from '../source/chunkedText';
import type { ChunkedSource, TextSource } from '../source/chunkedText';
import { ScalarResolutions } from '../yaml/plainScalars';
import { SectionedYamlParser } from '../yaml/sectionParse';
import { parseChunk } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import { LruCache } from './lru';

/** What a feature reads of the store: a document's parse and its decodings, made once. */
export type ParsedDocuments = Pick<DocumentStore, 'parse' | 'decode'>;

/** YAML parses kept for the features: the edited document and a few a request reads around it. */
const recentParses = 4;

/**
 * Parses whose decodings are kept: those of the recent parses and a few more (a JSON document's
 * parse is not memoized but is decoded by validation and the index alike).
 */
const decodedParses = 8;

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
 * - The last few YAML parses, by text, which every feature takes from here: after a keystroke,
 *   validation, hover, the outline and the code actions read the edited document's one parse.
 *   Only a few: a workspace scan passes each parse on and lets it go young.
 * - Decodings of a whole document, kept for the last few parses decoded, which validation and
 *   the index both make. Not in a WeakMap by parse: measured on V8 (Node 20), its entries kept
 *   decodings and their parses alive through young-generation collections, which copied them
 *   each time; validating 2,000 small files spent more time in those collections than decoding.
 */
export class DocumentStore {
  private readonly sectioned = new SectionedYamlParser();
  /** The plain reader's memo of scalar resolutions, shared by the documents this store parses. */
  private readonly resolutions = new ScalarResolutions();
  /** Each named file's documents at its last version, by position. */
  private readonly versions = new LruCache<readonly string[]>(64);
  /** Documents of the last version taken that replaced another at their place. */
  private edited: ReadonlySet<string> = new Set();
  private readonly listeners: ParseListener[] = [];
  /** The decodings of the last few parses decoded, newest last (found by identity). */
  private readonly decodings: { parsed: ParsedChunk; bySpec: Map<ObjectSpec, Decoded> }[] = [];
  private readonly recent = new LruCache<ParsedChunk>(recentParses);
  private parseCount = 0;
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

  /**
   * The parse of a document (read, never changed, by everything that takes it from here). A YAML
   * text parsed lately is answered from the memo; listeners hear of fresh parses only.
   */
  parse(text: string, format: 'yaml' | 'json' = 'yaml'): ParsedChunk {
    if (format === 'json') return this.fresh(text, format);
    return this.recent.getOrCompute(text, () => {
      const parsed = this.fresh(text, format);
      for (const listener of this.listeners) listener(text, parsed);
      return parsed;
    });
  }

  /** Documents parsed afresh since the store was made: the work the memo saves shows here. */
  get parses(): number {
    return this.parseCount;
  }

  private fresh(text: string, format: 'yaml' | 'json'): ParsedChunk {
    this.parseCount++;
    if (format === 'yaml' && this.edited.has(text)) return this.sectioned.parse(text);
    return parseChunk(text, format, { resolutions: this.resolutions });
  }

  /** `decode` of a whole, untemplated document, made once per parse; the result is read, never changed. */
  decode(parsed: ParsedChunk, spec: ObjectSpec): Decoded {
    let bySpec = this.decodings.find((entry) => entry.parsed === parsed)?.bySpec;
    if (!bySpec) {
      bySpec = new Map<ObjectSpec, Decoded>();
      this.decodings.push({ parsed, bySpec });
      if (this.decodings.length > decodedParses) this.decodings.shift();
    }
    let decoded = bySpec.get(spec);
    if (!decoded) bySpec.set(spec, (decoded = decode(parsed.doc, spec)));
    return decoded;
  }
}
