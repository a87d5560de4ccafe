import type { Document } from 'yaml';
import type { ObjectSpec } from '../k8s/schemaTypes';
import { ChunkCache } from './chunkCache';
import { decode } from './decode';
import type { Decoded } from './decode';
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
