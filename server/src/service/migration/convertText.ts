import { Document } from 'yaml';
import { isMap, visit } from 'yaml';
import type { YAMLMap } from 'yaml';
import { kindSpecs } from '../k8s/schema';
import { matchKind } from '../k8s/kinds';
import type { Endpoints } from '../k8s/objects';
import { labelSkipMirror } from '../k8s/wellKnown';
import type { TextEdit } from '../languageTypes';
import { textOf, yamlChunksOf } from '../source/chunkedText';
import type { TextSource } from '../source/chunkedText';
import { goResolve } from '../yaml/goyamlScalars';
import { parseChunk, topLevelScalar } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import type { ParsedDocuments } from '../store/documentStore';
import { applyEdits, chunkEdit, insertPairEdit, replaceLinesEdits } from '../yamlText/edits';
import { convertEndpoints } from './convert';
import type { Conversion, Manifest, MigrationOptions } from './convert';
import { carrySliceComments } from './sliceComments';
import { writingStyle } from './writingStyle';
import type { WritingStyle } from './writingStyle';

export interface MigrationResult {
  /** The edits that turn the text into the migrated text (empty when nothing was converted). */
  edits: TextEdit[];
  /** The migrated text. */
  text: string;
  /** Endpoints objects converted, and EndpointSlices written. */
  converted: number;
  slices: number;
  notes: string[];
  /** Each converted Endpoints object with its own edits, for a preview that names them. */
  objects: ConvertedObject[];
}

export interface ConvertedObject {
  /** `metadata.name`, and the namespace when the document sets one. */
  name: string;
  namespace?: string;
  edits: TextEdit[];
  slices: number;
  /** What the slices leave out, in words (an address no apiserver accepts). */
  leftOut: string[];
}

/**
 * Converts the Endpoints documents of a file (or only the one at `line`). Each is replaced by
 * its slices, or, with `skipMirror`, kept with the skip-mirror label and followed by them.
 * Comments and other documents are left as they are.
 */
export function convertEndpointsInText(
  store: ParsedDocuments,
  source: TextSource,
  options: MigrationOptions,
  line?: number,
): MigrationResult {
  const result = convertEndpointEdits(store, source, options, line);
  const text = textOf(source);
  return { ...result, text: result.edits.length > 0 ? applyEdits(text, result.edits) : text };
}

/**
 * The conversion's edits without the migrated text: a code action offered on every cursor
 * move in a large file must not join and rewrite the whole file to show its title.
 */
export function convertEndpointEdits(
  store: ParsedDocuments,
  source: TextSource,
  options: MigrationOptions,
  line?: number,
): Omit<MigrationResult, 'text'> {
  const result: Omit<MigrationResult, 'text'> = {
    edits: [],
    converted: 0,
    slices: 0,
    notes: [],
    objects: [],
  };
  const chunks = yamlChunksOf(source);
  chunks.forEach((chunk, i) => {
    const next = chunks[i + 1];
    if (line !== undefined && (line < chunk.startLine || (next && line >= next.startLine))) return;
    const parsed = store.parse(chunk.text);
    const endpoints = decodedEndpoints(store, parsed);
    if (!endpoints) return;
    const name = endpoints.metadata?.name ?? '(unnamed)';
    const conversion = convertEndpoints(endpoints, options);
    result.notes.push(...conversion.notes.map((note) => `${name}: ${note}`));
    if (conversion.slices.length === 0) {
      result.notes.push(`${name}: nothing to convert (no addresses)`);
      return;
    }
    const edits = documentEdits(parsed, chunk.startLine, conversion, options);
    result.edits.push(...edits);
    result.converted++;
    result.slices += conversion.slices.length;
    const { namespace } = endpoints.metadata ?? {};
    result.objects.push({
      name,
      ...(namespace ? { namespace } : {}),
      edits,
      slices: conversion.slices.length,
      leftOut: conversion.notes,
    });
  });
  return result;
}

function decodedEndpoints(store: ParsedDocuments, parsed: ParsedChunk): Endpoints | undefined {
  if (parsed.doc.errors.length > 0 || !isMap(parsed.doc.contents)) return undefined;
  const match = matchKind(topLevelScalar(parsed, 'apiVersion'), topLevelScalar(parsed, 'kind'));
  if (match.kind !== 'ours' || match.ourKind !== 'Endpoints') return undefined;
  const decoded = store.decode(parsed, kindSpecs.Endpoints);
  return decoded.issues.some((i) => i.kind === 'type' || i.kind === 'limit') ? undefined : decoded.value;
}

/**
 * The slices replace the Endpoints object where it stands, as edits of the lines that change:
 * the lines before its first key (comments, `---`) and after its content stay as they are.
 */
function documentEdits(
  parsed: ParsedChunk,
  startLine: number,
  conversion: Conversion,
  options: MigrationOptions,
): TextEdit[] {
  const root = parsed.doc.contents;
  if (!isMap(root)) return [];
  const [start, , end] = root.range ?? [0, 0, parsed.text.length];
  const contentEnd = parsed.text.slice(0, end).replace(/\s+$/, '').length;
  const style = writingStyle(parsed.text);
  if (!options.skipMirror) {
    const old = parsed.text.slice(start, contentEnd);
    const yaml = withOldSpacing(old, renderSlices(root, conversion, style, old.includes('#')));
    return replaceLinesEdits(parsed, startLine, start, contentEnd, yaml);
  }
  // The Endpoints object stays, with its comments; the slices after it are new objects.
  const yaml = conversion.slices.map((slice) => renderManifest(slice, style)).join('---\n');
  const label = insertPairEdit(parsed, startLine, ['metadata', 'labels'], labelSkipMirror, '"true"');
  const after = chunkEdit(parsed, startLine, contentEnd, contentEnd, `\n---\n${yaml.replace(/\n$/, '')}`);
  return label ? [label, after] : [after];
}

/**
 * YAML writes one space before a trailing comment; a line that says what an old line said keeps
 * the old line's spacing (`team: a   # owner`), so it is not shown as changed.
 */
function withOldSpacing(old: string, yaml: string): string {
  const spacing = /[ \t]+#/;
  const byContent = new Map<string, string>();
  for (const line of old.split('\n')) {
    const plain = line.replace(/\r$/, '');
    if (plain.includes('#')) byContent.set(plain.replace(spacing, ' #'), plain);
  }
  if (byContent.size === 0) return yaml;
  return yaml
    .split('\n')
    .map((line) => byContent.get(line) ?? line)
    .join('\n');
}

/** The slices as YAML, each with the comments of the parts it was made from. */
function renderSlices(
  root: YAMLMap,
  conversion: Conversion,
  style: WritingStyle,
  commented: boolean,
): string {
  const placed = new Set<string>();
  const count = conversion.slices.length;
  const texts = conversion.slices.map((slice, index) => {
    const doc = new Document(slice, { version: '1.1' });
    const origin = conversion.origins[index];
    if (origin && isMap(doc.contents)) {
      carrySliceComments({ root, origin, index, count, placed }, doc.contents);
    }
    quoteForGoyaml(doc);
    // Only comments can land where YAML reads them differently: without any, no check is due.
    if (!commented) return doc.toString({ lineWidth: 0, ...style });
    return stringify(doc, style) ?? renderManifest(slice, style);
  });
  return texts.map((t) => t.replace(/\n$/, '')).join('\n---\n');
}

/** Undefined if the comments cannot be written where they were put; the slice goes without them. */
function stringify(doc: Document, style: WritingStyle): string | undefined {
  try {
    const text = doc.toString({ lineWidth: 0, ...style });
    // A comment in a place YAML cannot hold it must not change what the slice says.
    const reread = parseChunk(text).doc;
    const same = reread.errors.length === 0 && JSON.stringify(reread.toJS()) === JSON.stringify(doc.toJS());
    return same ? text : undefined;
  } catch {
    return undefined;
  }
}

/** A manifest as YAML that kubectl reads back unchanged (1.1 booleans and octals quoted). */
export function renderManifest(manifest: Manifest, style: Partial<WritingStyle> = {}): string {
  return quoteForGoyaml(new Document(manifest, { version: '1.1' })).toString({ lineWidth: 0, ...style });
}

/**
 * Quotes each string go-yaml v2 would read as something else: the yaml library quotes what YAML
 * 1.1 reads as a number or a boolean, but go-yaml also reads `0o17`, `1e3` and `+12` as numbers,
 * so a port named `0o17` would reach the apiserver as 15.
 */
function quoteForGoyaml(doc: Document): Document {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') {
        return;
      }
      if (goResolve(node.value).kind !== 'str') node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc;
}
