import type { ObjectSpec } from '../k8s/schemaTypes';
import { LruCache } from './lru';
import { decode } from '../decode/decode';
import type { Decoded } from '../decode/decode';
import { SectionedYamlParser } from '../yaml/sectionParse';
import { parseChunk } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';

/**
 * The last documents validation parsed for the workspace index, which summarizes each right
 * after (`WorkspaceIndex.prime`): parsing is most of what either costs. Only what a caller asks
 * to `remember` is kept, and only two: a parse kept longer outlives the young generation, and
 * the linter, which has no index, ran a tenth slower when every parse was kept. Parsed
 * documents are read, never changed, by everything that takes them from here.
 */
const recent = new LruCache<ParsedChunk>(2);
/**
 * A document being edited is parsed by top-level sections (yaml/sectionParse.ts): a keystroke
 * in `metadata` of a large slice re-parses `metadata`, and `endpoints` comes from the cache.
 * Documents seen for the first time (a file opened, a workspace scanned) are parsed whole:
 * composing sections costs a copy of every node, a fifth more than parsing, and most of those
 * documents are never edited. The first edit of a document parses all its sections.
 */
const sectioned = new SectionedYamlParser();

export interface ShareOptions {
  /** The text replaces another version of the document: parse it by sections. */
  edited?: boolean;
  /** Keep the parse for the next reader of the same text. */
  remember?: boolean;
}

export function sharedParse(
  text: string,
  format: 'yaml' | 'json' = 'yaml',
  options: ShareOptions = {},
): ParsedChunk {
  const key = format === 'json' ? `json\u0000${text}` : text;
  const known = recent.get(key);
  if (known) return known;
  const parsed = format === 'yaml' && options.edited ? sectioned.parse(text) : parseChunk(text, format);
  if (options.remember) recent.set(key, parsed);
  return parsed;
}

/** A parse with the decodings made of it, which the same two readers share. */
type WithDecodings = ParsedChunk & { decodings?: Map<ObjectSpec, Decoded> };

/**
 * `decode` of a whole, untemplated document; the result is read, never changed. It is kept on
 * the parse itself, so it lives exactly as long as the parse does.
 */
export function sharedDecode(chunk: ParsedChunk, spec: ObjectSpec): Decoded {
  const carrier = chunk as WithDecodings;
  carrier.decodings ??= new Map<ObjectSpec, Decoded>();
  let decoded = carrier.decodings.get(spec);
  if (!decoded) carrier.decodings.set(spec, (decoded = decode(chunk.doc, spec)));
  return decoded;
}
