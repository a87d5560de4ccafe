import { aliasTarget } from '../yaml/conversion';
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import { isListKind, itemKindOf } from '../k8s/kinds';

/**
 * The objects a document stands for, the way kubectl's resource builder unpacks it before
 * sending anything: a plain document is one object; a `List` (or `EndpointSliceList`, any
 * `…List` with `items`) is each of its items, each sent as its own create. An item without both
 * `kind` and `apiVersion` gets the list's apiVersion and the list kind minus `List`
 * (`EndpointSliceList` → `EndpointSlice`), and an item that is itself a list is unpacked too,
 * after its siblings (kubectl's FlattenListVisitor order).
 */
export interface ManifestObject {
  /** The object's node; null for an empty `- ` item, which kubectl reads as an empty object. */
  node: unknown;
  /** Position among the list's unpacked items; absent for a plain document. */
  item?: number;
  apiVersion: unknown;
  kind: unknown;
}

export type DocumentObjects =
  | { kind: 'single'; object: ManifestObject }
  | { kind: 'list'; objects: ManifestObject[] }
  /** kubectl cannot unpack the list (items not a sequence, an item not a mapping): nothing is sent. */
  | { kind: 'invalid-list'; node: Node | undefined; message: string };

/** More items than any real list holds; past it the rest is not unpacked (bounded work). */
const maxItems = 100_000;

export function documentObjects(doc: Document.Parsed): DocumentObjects {
  const root = resolve(doc, doc.contents);
  const top = { node: root, apiVersion: scalarField(root, 'apiVersion'), kind: scalarField(root, 'kind') };
  if (!isMap(root) || !isListKind(top.kind) || !root.has('items')) return { kind: 'single', object: top };
  const items = resolve(doc, root.get('items', true));
  if (isNull(items)) return { kind: 'list', objects: [] };
  if (!isSeq(items)) return invalid(items, 'items must be a list');
  const queue: unknown[] = [];
  for (const raw of items.items) {
    const item = resolve(doc, raw);
    if (!isNull(item) && !isMap(item)) return invalid(item, 'every item must be an object');
    queue.push(item);
  }
  return unpack(doc, queue, top);
}

/** Breadth first, as kubectl flattens nested lists; only top-level items inherit the list's kind. */
function unpack(doc: Document.Parsed, queue: unknown[], list: ManifestObject): DocumentObjects {
  const objects: ManifestObject[] = [];
  const topLevel = queue.length;
  for (let i = 0; i < queue.length && queue.length < maxItems; i++) {
    const node = queue[i];
    const nested = isMap(node) ? resolve(doc, node.get('items', true)) : undefined;
    if (isSeq(nested)) {
      for (const raw of nested.items) {
        const child = resolve(doc, raw);
        if (!isMap(child)) return invalid(child, 'every item of a nested list must be an object');
        queue.push(child);
      }
      continue;
    }
    objects.push({ ...identity(node, i < topLevel ? list : undefined), node, item: objects.length });
  }
  return { kind: 'list', objects };
}

function identity(node: unknown, list: ManifestObject | undefined): { apiVersion: unknown; kind: unknown } {
  const apiVersion = scalarField(node, 'apiVersion');
  const kind = scalarField(node, 'kind');
  // A plain List gives the empty kind, which kubectl then rejects: nothing to name it by.
  if (list && typeof apiVersion !== 'string' && typeof kind !== 'string' && itemKindOf(list.kind)) {
    return { apiVersion: list.apiVersion, kind: itemKindOf(list.kind) };
  }
  return { apiVersion, kind };
}

function invalid(node: unknown, why: string): DocumentObjects {
  return {
    kind: 'invalid-list',
    node: isNode(node) ? node : undefined,
    message: `kubectl cannot unpack this list: ${why}, so none of its items is sent`,
  };
}

/** A top-level scalar of an object node (`kind`, `apiVersion`), without decoding it. */
export function scalarField(node: unknown, key: string): unknown {
  if (!isMap(node)) return undefined;
  const value = node.get(key, true);
  return isScalar(value) ? value.value : undefined;
}

function resolve(doc: Document.Parsed, node: unknown): unknown {
  // One level is enough here: an alias to an alias is an error the YAML parser reports.
  return isAlias(node) ? aliasTarget(doc, node) : node;
}

function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function isNode(node: unknown): node is Node {
  return typeof node === 'object' && node !== null && 'range' in node;
}
