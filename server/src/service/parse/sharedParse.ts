import type { Document } from 'yaml';
import type { ObjectSpec } from '../k8s/schemaTypes';
import { ChunkCache } from './chunkCache';
import { decode } from './decode';
import type { Decoded } from './decode';
import { SectionedYamlParser } from './sectionParse';
import { parseChunk } from './yamlDocument';
import type { ParsedChunk } from './yamlDocument';

/**
 * The last few documents parsed, shared by the readers that parse the same document one after
 * the other: after a keystroke the workspace index summarizes the edited document and then
 * validation checks it, and parsing is most of what either costs. Parsed documents are read,
 * never changed, by everything that takes them from here.
 */
const recent = new ChunkCache<ParsedChunk>(8);
/**
 * A document being edited is parsed by top-level sections (parse/sectionParse.ts): a keystroke
 * in `metadata` of a large slice re-parses `metadata`, and `endpoints` comes from the cache.
 * Documents seen for the first time (a file opened, a workspace scanned) are parsed whole:
 * composing sections costs a copy of every node, a fifth more than parsing, and most of those
 * documents are never edited. The first edit of a document parses all its sections.
 */
const sectioned = new SectionedYamlParser();

export function sharedParse(text: string, format: 'yaml' | 'json' = 'yaml', edited = false): ParsedChunk {
  if (format === 'json') return recent.getOrCompute(`json\u0000${text}`, () => parseChunk(text, 'json'));
  return recent.getOrCompute(text, () => (edited ? sectioned.parse(text) : parseChunk(text)));
}

/** Decodings of the shared documents, per kind, for the same two readers. */
const decodings = new WeakMap<Document.Parsed, Map<ObjectSpec, Decoded>>();

/** `decode` of a whole, untemplated document; the result is read, never changed. */
export function sharedDecode(doc: Document.Parsed, spec: ObjectSpec): Decoded {
  let bySpec = decodings.get(doc);
  if (!bySpec) decodings.set(doc, (bySpec = new Map<ObjectSpec, Decoded>()));
  let decoded = bySpec.get(spec);
  if (!decoded) bySpec.set(spec, (decoded = decode(doc, spec)));
  return decoded;
}
