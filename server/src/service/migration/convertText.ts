import { Document } from 'yaml';
import { isMap } from 'yaml';
import { kindSpecs } from '../k8s/schema';
import { matchKind } from '../k8s/kinds';
import type { Endpoints } from '../k8s/objects';
import { labelSkipMirror } from '../k8s/wellKnown';
import type { TextEdit } from '../languageTypes';
import { decode } from '../parse/decode';
import { textOf, yamlChunksOf } from '../parse/chunkedText';
import type { TextSource } from '../parse/chunkedText';
import { parseChunk, topLevelScalar } from '../parse/yamlDocument';
import type { ParsedChunk } from '../parse/yamlDocument';
import { applyEdits, chunkEdit, insertPairEdit } from '../yamlText/edits';
import { convertEndpoints } from './convert';
import type { Manifest, MigrationOptions } from './convert';

export interface MigrationResult {
  /** The edits that turn the text into the migrated text (empty when nothing was converted). */
  edits: TextEdit[];
  /** The migrated text. */
  text: string;
  /** Endpoints objects converted, and EndpointSlices written. */
  converted: number;
  slices: number;
  notes: string[];
}

/**
 * Converts the Endpoints documents of a file (or only the one at `line`). Each is replaced by
 * its slices, or, with `skipMirror`, kept with the skip-mirror label and followed by them.
 * Comments and other documents are left as they are.
 */
export function convertEndpointsInText(
  source: TextSource,
  options: MigrationOptions,
  line?: number,
): MigrationResult {
  const result = convertEndpointEdits(source, options, line);
  const text = textOf(source);
  return { ...result, text: result.edits.length > 0 ? applyEdits(text, result.edits) : text };
}

/**
 * The conversion's edits without the migrated text: a code action offered on every cursor
 * move in a large file must not join and rewrite the whole file to show its title.
 */
export function convertEndpointEdits(
  source: TextSource,
  options: MigrationOptions,
  line?: number,
): Omit<MigrationResult, 'text'> {
  const result: Omit<MigrationResult, 'text'> = { edits: [], converted: 0, slices: 0, notes: [] };
  const chunks = yamlChunksOf(source);
  chunks.forEach((chunk, i) => {
    const next = chunks[i + 1];
    if (line !== undefined && (line < chunk.startLine || (next && line >= next.startLine))) return;
    const parsed = parseChunk(chunk.text);
    const endpoints = decodedEndpoints(parsed);
    if (!endpoints) return;
    const name = endpoints.metadata?.name ?? '(unnamed)';
    const conversion = convertEndpoints(endpoints, options);
    result.notes.push(...conversion.notes.map((note) => `${name}: ${note}`));
    if (conversion.slices.length === 0) {
      result.notes.push(`${name}: nothing to convert (no addresses)`);
      return;
    }
    result.edits.push(...documentEdits(parsed, chunk.startLine, conversion.slices, options));
    result.converted++;
    result.slices += conversion.slices.length;
  });
  return result;
}

function decodedEndpoints(parsed: ParsedChunk): Endpoints | undefined {
  if (parsed.doc.errors.length > 0 || !isMap(parsed.doc.contents)) return undefined;
  const match = matchKind(topLevelScalar(parsed, 'apiVersion'), topLevelScalar(parsed, 'kind'));
  if (match.kind !== 'ours' || match.ourKind !== 'Endpoints') return undefined;
  const decoded = decode(parsed.doc, kindSpecs.Endpoints);
  return decoded.issues.some((i) => i.kind === 'type' || i.kind === 'limit') ? undefined : decoded.value;
}

function documentEdits(
  parsed: ParsedChunk,
  startLine: number,
  slices: Manifest[],
  options: MigrationOptions,
): TextEdit[] {
  const root = parsed.doc.contents;
  if (!isMap(root)) return [];
  const [start, , end] = root.range ?? [0, 0, parsed.text.length];
  const contentEnd = parsed.text.slice(0, end).replace(/\s+$/, '').length;
  const yaml = slices.map(renderManifest).join('---\n').replace(/\n$/, '');
  if (!options.skipMirror) return [chunkEdit(parsed, startLine, start, contentEnd, yaml)];
  const label = insertPairEdit(parsed, startLine, ['metadata', 'labels'], labelSkipMirror, '"true"');
  const after = chunkEdit(parsed, startLine, contentEnd, contentEnd, `\n---\n${yaml}`);
  return label ? [label, after] : [after];
}

/** A manifest as YAML that kubectl reads back unchanged (1.1 booleans and octals quoted). */
export function renderManifest(manifest: Manifest): string {
  return new Document(manifest, { version: '1.1' }).toString({ lineWidth: 0 });
}
