import { isMap, isScalar } from 'yaml';
import { kindSpecs } from '../k8s/schema';
import { isListKind, matchKind, servedApiVersion } from '../k8s/kinds';
import { decode } from '../decode/decode';
import type { JsonError } from '../source/chunk';
import { documentObjects } from '../decode/objects';
import type { ManifestObject } from '../decode/objects';
import { placeholderMark } from '../decode/placeholder';
import { templateModel } from '../templates/templateModel';
import type { Injection, TemplateModel, TemplateVariant } from '../templates/templateModel';
import { cutList, itemText } from '../decode/listItems';
import { shiftRange } from '../source/positions';
import { parseChunk, rangeOf, topLevelScalar } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import { DocumentStore } from '../store/documentStore';
import type { ServiceSettings } from '../settings';
import type { EndpointDiagnostic, Range } from '../types';
import { ObjectValidation, unservedDiagnostic } from './objectValidation';
import type { ObjectInput } from './objectValidation';
import { looksLikeOurs } from '../source/ourKinds';
import { jsonSyntaxDiagnostic, listDiagnostic, syntaxDiagnostics } from './syntax';
import { editingLimit, validationLimit } from './limitAdvice';
import { templateScope } from '../templates/templateScope';

/** The result for one object of a document, with lines counted from the document's first line. */
export interface ObjectResult {
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** For a `List` item: its position among the unpacked items. */
  item?: number;
  templated?: boolean;
  range: Range;
  diagnostics: EndpointDiagnostic[];
}

/** A document first, then (for a `List`) each of its items. */
export type ChunkResult = ObjectResult[];

export interface ChunkOptions {
  format?: 'yaml' | 'json';
  /** A JSON syntax error at this offset: kubectl decodes nothing of the document. */
  jsonError?: JsonError;
  /**
   * The store of the service validating the document: it knows whether the document is being
   * edited, keeps its decodings and tells the workspace index of its parse. A store of its own
   * when none is given.
   */
  store?: DocumentStore;
}

/** A templated document: the variant being validated, and the text as the user wrote it. */
interface TemplateContext {
  variant: TemplateVariant;
  original: string;
}

/**
 * Validates one document as the create requests kubectl would send for it: one for a plain
 * document, one per item for a `List`. A templated document is validated once per variant
 * (see templates/templateModel.ts) and the findings are merged.
 */
export function validateChunk(
  text: string,
  settings: ServiceSettings,
  options: ChunkOptions = {},
): ChunkResult {
  const format = options.format ?? 'yaml';
  const store = options.store ?? new DocumentStore();
  if (options.jsonError) return [jsonSyntaxResult(text, options.jsonError)];
  const byItems =
    format === 'yaml' && text.length >= listCutChars ? validateListByItems(text, settings, store) : undefined;
  if (byItems) return byItems;
  const tooIntricate = validationLimit(text);
  if (tooIntricate) return [{ range: wholeRange(text), diagnostics: tooIntricate }];
  const model = format === 'yaml' ? templateModel(text) : undefined;
  const results = model
    ? validateTemplated(text, model, settings, store)
    : validateParsed(store.parse(text, format), settings, store);
  const limit = format === 'yaml' ? editingLimit(text) : [];
  const head = results[0];
  if (head && limit.length > 0) head.diagnostics = [...head.diagnostics, ...limit];
  return results;
}

/** From this size on, a `List` dump is validated item by item (decode/listItems.ts). */
export const listCutChars = 256 * 1024;

/**
 * A `List` validated one item at a time, each parsed on its own and released: the same results
 * as the whole parse, at the memory of one item. Undefined when the cut is not certain to mean
 * what the whole parse means (then the caller parses the whole document).
 */
export function validateListByItems(
  text: string,
  settings: ServiceSettings,
  store: DocumentStore = new DocumentStore(),
): ChunkResult | undefined {
  const cut = cutList(text);
  if (!cut) return undefined;
  const head = parseChunk(cut.head);
  const root = head.doc.contents;
  const list = {
    node: root,
    apiVersion: topLevelScalar(head, 'apiVersion'),
    kind: topLevelScalar(head, 'kind'),
  };
  if (head.doc.errors.length > 0 || !isMap(root) || !isListKind(list.kind)) return undefined;
  const results: ObjectResult[] = [{ ...describe(head, root, undefined), range: wholeRange(text) }];
  for (const [item, place] of cut.items.entries()) {
    const startLine = place.startLine;
    const chunk = parseChunk(itemText(text, cut, place));
    const node = chunk.doc.contents;
    const apiVersion = topLevelScalar(chunk, 'apiVersion');
    const kind = topLevelScalar(chunk, 'kind');
    // Errors, nested lists and items that take their kind from the list: the whole parse decides.
    if (chunk.doc.errors.length > 0 || !isMap(node) || node.has('items')) return undefined;
    if (typeof apiVersion !== 'string' && typeof kind !== 'string') return undefined;
    const object: ManifestObject = { node, item, apiVersion, kind };
    const result = describe(chunk, node, undefined, object);
    result.diagnostics = validateObject(chunk, object, settings, store, undefined);
    results.push(moved(result, startLine));
  }
  return results;
}

function moved(result: ObjectResult, lines: number): ObjectResult {
  return {
    ...result,
    range: shiftRange(result.range, lines),
    diagnostics: result.diagnostics.map((d) => ({ ...d, range: shiftRange(d.range, lines) })),
  };
}

function wholeRange(text: string): Range {
  let lines = 0;
  let last = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lines++;
    last = i + 1;
  }
  return { start: { line: 0, character: 0 }, end: { line: lines, character: text.length - last } };
}

function jsonSyntaxResult(text: string, error: JsonError): ObjectResult {
  const chunk = parseChunk(text, 'json');
  const diagnostics = looksLikeOurs(text) || error.afterOurs ? [jsonSyntaxDiagnostic(chunk, error)] : [];
  return { range: rangeOf(chunk, 0, text.length), diagnostics };
}

function validateTemplated(
  text: string,
  model: TemplateModel,
  settings: ServiceSettings,
  store: DocumentStore,
): ChunkResult {
  const merged: ObjectResult[] = [];
  for (let k = 0; k < model.variantCount; k++) {
    const variant = model.variant(k);
    const results = validateParsed(parseChunk(variant.text), settings, store, { variant, original: text });
    for (const result of results) mergeResult(merged, result);
  }
  return merged.sort((a, b) => (a.item ?? -1) - (b.item ?? -1));
}

/** Adds a variant's findings to the object they belong to, once each. */
function mergeResult(merged: ObjectResult[], result: ObjectResult): void {
  const same = merged.find((r) => r.item === result.item);
  if (!same) {
    merged.push(result);
    return;
  }
  const seen = new Set(same.diagnostics.map(diagnosticKey));
  for (const d of result.diagnostics) {
    if (!seen.has(diagnosticKey(d))) same.diagnostics.push(d);
    seen.add(diagnosticKey(d));
  }
}

function diagnosticKey(d: EndpointDiagnostic): string {
  return JSON.stringify([d.code, d.field, d.message, d.range]);
}

function validateParsed(
  chunk: ParsedChunk,
  settings: ServiceSettings,
  store: DocumentStore,
  template?: TemplateContext,
): ChunkResult {
  const head = describe(chunk, chunk.doc.contents, template);
  if (chunk.doc.errors.length > 0) {
    if (looksLikeOurs(chunk.text)) {
      head.diagnostics = syntaxDiagnostics(chunk, template?.variant.touchedLines);
    }
    return [head];
  }
  const objects = documentObjects(chunk.doc);
  if (objects.kind === 'single') {
    head.diagnostics = validateObject(chunk, objects.object, settings, store, template);
    return [head];
  }
  if (objects.kind === 'invalid-list') {
    if (looksLikeOurs(chunk.text)) head.diagnostics = [listDiagnostic(chunk, objects.node, objects.message)];
    return [head];
  }
  const starts = objects.objects.map((o) => startOf(o.node) ?? 0);
  return [
    head,
    ...objects.objects.map((object, i) => {
      const region = { from: starts[i] ?? 0, to: starts[i + 1] ?? chunk.text.length };
      const result = describe(chunk, object.node, template, object);
      result.diagnostics = validateObject(chunk, object, settings, store, template, region);
      return result;
    }),
  ];
}

/** What a report says about an object: its identity (as written, templates included) and lines. */
function describe(
  chunk: ParsedChunk,
  node: unknown,
  template: TemplateContext | undefined,
  object?: ManifestObject,
): ObjectResult {
  const start = object ? startOf(node) : undefined;
  const end = isNodeLike(node) ? (node.range?.[2] ?? chunk.text.length) : chunk.text.length;
  const result: ObjectResult = {
    range: start !== undefined ? rangeOf(chunk, start, end) : rangeOf(chunk, 0, chunk.text.length),
    diagnostics: [],
  };
  const shown = (parent: unknown, key: string, value: unknown): string | undefined =>
    typeof value === 'string' ? asWritten(value, nodeAt(parent, key), template) : undefined;
  const metadata = nodeAt(node, 'metadata');
  // A List item's identity is what kubectl sends: its own, or the one the list gives it.
  const apiVersion = shown(node, 'apiVersion', object ? object.apiVersion : scalarAt(node, 'apiVersion'));
  const kind = shown(node, 'kind', object ? object.kind : scalarAt(node, 'kind'));
  const name = shown(metadata, 'name', scalarAt(metadata, 'name'));
  if (apiVersion !== undefined) result.apiVersion = apiVersion;
  if (kind !== undefined) result.kind = kind;
  if (name !== undefined) result.name = name;
  if (object?.item !== undefined) result.item = object.item;
  if (template) result.templated = true;
  return result;
}

function validateObject(
  chunk: ParsedChunk,
  object: ManifestObject,
  settings: ServiceSettings,
  store: DocumentStore,
  template: TemplateContext | undefined,
  region?: { from: number; to: number },
): EndpointDiagnostic[] {
  let apiVersion = object.apiVersion;
  const kind = object.kind;
  // A templated apiVersion (Bitnami's `capabilities.apiVersion` helpers) renders the served one.
  if (template && (kind === 'EndpointSlice' || kind === 'Endpoints') && isTemplatedValue(apiVersion)) {
    apiVersion = servedApiVersion[kind];
  }
  const match = matchKind(apiVersion, kind);
  if (match.kind === 'other') return [];
  const spec = kindSpecs[match.ourKind];
  const whole = template === undefined && object.node === chunk.doc.contents;
  const decoded = whole
    ? store.decode(chunk, spec)
    : decode(chunk.doc, spec, { root: object.node, templated: template !== undefined });
  const input: ObjectInput = {
    chunk,
    decoded,
    kind: match.ourKind,
    settings,
    fallback: startOf(object.node) ?? 0,
  };
  if (match.kind === 'unserved') return [unservedDiagnostic(input, match.apiVersion)];
  if (template) {
    const injections = inRegion(chunk, template.variant.injections, region);
    input.scope = templateScope(chunk, object.node, spec, decoded, injections);
  }
  return new ObjectValidation(input).run();
}

/** The injections that fall inside a `List` item (all of them for a plain document). */
function inRegion(
  chunk: ParsedChunk,
  injections: readonly Injection[],
  region: { from: number; to: number } | undefined,
): Injection[] {
  if (!region) return [...injections];
  const from = chunk.lines.linePos(region.from).line - 1;
  const to = chunk.lines.linePos(region.to).line - 1;
  return injections.filter((i) => i.line > from && (i.line < to || region.to >= chunk.text.length));
}

function isTemplatedValue(value: unknown): boolean {
  return typeof value === 'string' && value.includes(placeholderMark);
}

/** A value holding a placeholder is shown as the user wrote it (`{{ .Release.Name }}-web`). */
function asWritten(value: string, node: unknown, template: TemplateContext | undefined): string {
  if (!template || !value.includes(placeholderMark) || !isNodeLike(node) || !node.range) return value;
  const written = template.original.slice(node.range[0], node.range[1]);
  return written.replace(/^(["'])([\s\S]*)\1$/, '$2');
}

function scalarAt(node: unknown, key: string): unknown {
  const value = nodeAt(node, key);
  return isScalar(value) ? value.value : undefined;
}

/** The value of a key; of a repeated key the last, which is the one kubectl keeps. */
function nodeAt(node: unknown, key: string): unknown {
  if (!isMap(node)) return undefined;
  const pairs = node.items.filter((pair) => isScalar(pair.key) && pair.key.value === key);
  return pairs[pairs.length - 1]?.value;
}

interface NodeLike {
  range?: [number, number, number] | null;
}

function isNodeLike(node: unknown): node is NodeLike {
  return typeof node === 'object' && node !== null && 'range' in node;
}

function startOf(node: unknown): number | undefined {
  return isNodeLike(node) ? node.range?.[0] : undefined;
}
