import { Pair, Scalar, YAMLMap, YAMLSeq, isAlias, isCollection, isPair, isScalar } from 'yaml';
import type { Node, Schema } from 'yaml';

/**
 * Deep copies of parsed `yaml` nodes with every range moved by an offset, for the sectioned
 * parser (sectionParse.ts): each keystroke copies every cached section into a fresh tree, so
 * callers may mutate a result without touching the cache. The copy runs over all nodes of the
 * document on every keystroke, so it constructs nodes directly instead of going through
 * property descriptors the way `Node.clone()` does.
 */

type Props = Record<string, unknown>;

/**
 * The `yaml` constructors mark a node's kind with an own symbol property through
 * Object.defineProperty, which takes V8's slow path and was half the cost of a copy (12 ms for
 * the 48,000 nodes of a 1000-endpoint slice). Copies of scalars, pairs, mappings and sequences
 * inherit that mark from an intermediate prototype instead: `isScalar`, `isPair`, `isMap`,
 * `instanceof`, `constructor` and `clone()` behave the same, only
 * Object.getOwnPropertySymbols() tells them apart. If a `yaml` version marks nodes differently,
 * the constructors are used.
 */
function markedPrototype(sample: object): object | undefined {
  const symbols = Object.getOwnPropertySymbols(sample);
  const mark = symbols[0];
  if (symbols.length !== 1 || mark === undefined) return undefined;
  const kind = (sample as Record<symbol, unknown>)[mark];
  return Object.create(Object.getPrototypeOf(sample) as object, { [mark]: { value: kind } }) as object;
}

const scalarPrototype = markedPrototype(new Scalar(null));
const pairPrototype = markedPrototype(new Pair(null));
const mapPrototype = markedPrototype(new YAMLMap());
const seqPrototype = markedPrototype(new YAMLSeq());
const schemaProperty: PropertyDescriptor = {
  value: undefined,
  configurable: true,
  enumerable: false,
  writable: true,
};

/**
 * An empty mapping or sequence that inherits its kind's mark. Its schema stays an own,
 * non-enumerable property, as the Collection constructor defines it, since it differs per
 * document; one reused descriptor keeps that definition cheap.
 */
function newMarked<T extends YAMLMap | YAMLSeq>(
  prototype: object | undefined,
  schema: Schema,
): T | undefined {
  if (!prototype) return undefined;
  const collection = Object.create(prototype) as T;
  schemaProperty.value = schema;
  Object.defineProperty(collection, 'schema', schemaProperty);
  schemaProperty.value = undefined;
  return collection;
}

export function newScalar(value: unknown): Scalar {
  if (!scalarPrototype) return new Scalar(value);
  const scalar = Object.create(scalarPrototype) as Scalar;
  scalar.value = value;
  return scalar;
}

export function newPair(key: unknown, value: unknown): Pair {
  if (!pairPrototype) return new Pair(key, value);
  const pair = Object.create(pairPrototype) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}

/**
 * The own properties a parsed scalar or collection may carry (besides a collection's items).
 * The copy sets exactly these, by name, which is much faster than enumerating each node's keys;
 * isCopyable rejects a text whose nodes carry anything else, so a new property in a `yaml`
 * release means a fallback to a full parse rather than a wrong copy.
 */
const commonKeys = ['range', 'tag', 'format', 'comment', 'commentBefore', 'spaceBefore'];
const scalarKeySet = new Set([...commonKeys, 'value', 'source', 'type', 'minFractionDigits']);
const collectionKeySet = new Set([...commonKeys, 'items', 'flow']);

/**
 * Whether a section's tree holds only what the copy reproduces exactly and what composes the
 * same on its own as inside the whole document: no anchors, aliases or merge keys (they refer
 * across the tree), pairs with only a key and a value, scalars with only known properties and a
 * primitive or date value. This runs once per section text, when it is parsed.
 */
export function isCopyable(node: unknown): boolean {
  if (node === null) return true;
  if (isPair(node)) return Object.keys(node).length === 2 && isCopyable(node.key) && isCopyable(node.value);
  if (isAlias(node) || !(isScalar(node) || isCollection(node)) || node.anchor) return false;
  if (isScalar(node)) return isPlainValue(node.value) && hasKnownKeys(node, scalarKeySet);
  return hasKnownKeys(node, collectionKeySet) && (node.items as unknown[]).every(isCopyable);
}

function hasKnownKeys(node: object, known: Set<string>): boolean {
  return Object.keys(node).every((key) => known.has(key));
}

function isPlainValue(value: unknown): boolean {
  // A merge key's value is a symbol; merges resolve across anchors, so they are not copied.
  if (typeof value === 'symbol') return false;
  return value === null || typeof value !== 'object' || value instanceof Date;
}

/**
 * The property through which the `yaml` package tells node kinds apart, read from a sample so
 * that the copy loop can dispatch on one property load per node instead of calling isPair,
 * isScalar and isCollection in turn, each of which loads it again.
 */
const nodeType = Object.getOwnPropertySymbols(new Scalar(null))[0];
const kindOf = (node: unknown): unknown =>
  nodeType ? (node as Record<symbol, unknown>)[nodeType] : undefined;
const scalarKind = kindOf(new Scalar(null));
const pairKind = kindOf(new Pair(null));

/** An empty block mapping of a document's schema, built as cheaply as a copy (plainParse.ts). */
export function newMap(schema: Schema): YAMLMap {
  const map = newMarked<YAMLMap>(mapPrototype, schema) ?? new YAMLMap(schema);
  map.items = [];
  return map;
}

/** An empty block sequence of a document's schema, built as cheaply as a copy (plainParse.ts). */
export function newSeq(schema: Schema): YAMLSeq {
  const seq = newMarked<YAMLSeq>(seqPrototype, schema) ?? new YAMLSeq(schema);
  seq.items = [];
  return seq;
}

/** Copies a node (already checked with isCopyable) with its ranges moved by `shift`. */
export function copyNode(node: Node, shift: number, schema: Schema): Node {
  return copyItem(node, shift, schema) as Node;
}

/** Copies a collection item: a node, or a pair of nodes (either may be null). */
export function copyItem(item: unknown, shift: number, schema: Schema): unknown {
  if (item === null) return null;
  const kind = kindOf(item);
  if (kind === scalarKind && scalarKind !== undefined) return copyScalar(item as Scalar, shift);
  if (kind === pairKind && pairKind !== undefined) {
    const pair = item as Pair;
    return newPair(copyItem(pair.key, shift, schema), copyItem(pair.value, shift, schema));
  }
  if (isScalar(item)) return copyScalar(item, shift);
  if (isPair(item)) return newPair(copyItem(item.key, shift, schema), copyItem(item.value, shift, schema));
  if (!isCollection(item)) throw new Error('copyItem: not a copyable node');
  const copy = newCollection(item, shift, schema);
  const items = item.items as unknown[];
  // Pushing keeps the array packed, as the parser's own arrays are.
  const copied: unknown[] = (copy.items = []);
  for (let i = 0; i < items.length; i++) copied.push(copyItem(items[i], shift, schema));
  return copy;
}

/**
 * Copies a scalar's own properties with Object.assign, which V8 runs as one builtin over the
 * source's property list; reading the possible properties one by one cost more than the rest
 * of the copy. isCopyable has checked that they are only the known ones.
 */
function copyScalar(node: Scalar, shift: number): Scalar {
  const value = node.value;
  const copy = newScalar(value instanceof Date ? new Date(value.getTime()) : value);
  const range = node.range as [number, number, number];
  copy.range = [range[0] + shift, range[1] + shift, range[2] + shift];
  const s = node as unknown as Props;
  const t = copy as unknown as Props;
  if (s.source !== undefined) t.source = s.source;
  if (s.type !== undefined) t.type = s.type;
  if (s.tag !== undefined) t.tag = s.tag;
  if (s.format !== undefined) t.format = s.format;
  if (s.minFractionDigits !== undefined) t.minFractionDigits = s.minFractionDigits;
  if (s.comment !== undefined) t.comment = s.comment;
  if (s.commentBefore !== undefined) t.commentBefore = s.commentBefore;
  if (s.spaceBefore !== undefined) t.spaceBefore = s.spaceBefore;
  return copy;
}

/**
 * An empty collection of the same class, with the source's properties and a moved range: the
 * common classes from their marked prototypes, the rest (`!!set`, `!!omap`, `!!pairs`) through
 * property descriptors, which is slower but rare. The caller sets the items.
 */
function newCollection(node: YAMLMap | YAMLSeq, shift: number, schema: Schema): YAMLMap | YAMLSeq {
  // The constructor, not the prototype: the nodes of a copy or of the plain reader
  // (plainParse.ts) inherit from a marked prototype whose constructor is YAMLMap or YAMLSeq.
  const proto = Object.getPrototypeOf(node) as object;
  if (node.constructor === YAMLMap) {
    return copyOwn(node, newMarked(mapPrototype, schema) ?? new YAMLMap(schema), shift);
  }
  if (node.constructor === YAMLSeq) {
    return copyOwn(node, newMarked(seqPrototype, schema) ?? new YAMLSeq(schema), shift);
  }
  const copy = Object.create(proto, Object.getOwnPropertyDescriptors(node)) as YAMLMap | YAMLSeq;
  copy.schema = schema;
  return copyOwn(node, copy, shift);
}

/**
 * Copies a collection's own enumerable properties except its items (isCopyable has checked
 * that they are only the known ones), and sets the moved range.
 */
function copyOwn<T extends YAMLMap | YAMLSeq>(from: T, to: T, shift: number): T {
  const s = from as unknown as Props;
  const t = to as unknown as Props;
  const range = from.range;
  if (range) t.range = [range[0] + shift, range[1] + shift, range[2] + shift];
  if (s.flow !== undefined) t.flow = s.flow;
  if (s.tag !== undefined) t.tag = s.tag;
  if (s.format !== undefined) t.format = s.format;
  if (s.comment !== undefined) t.comment = s.comment;
  if (s.commentBefore !== undefined) t.commentBefore = s.commentBefore;
  if (s.spaceBefore !== undefined) t.spaceBefore = s.spaceBefore;
  return to;
}

/** A copy of a collection's own properties (comments, tag, flow...) without its items. */
export function copyShell<T extends YAMLMap | YAMLSeq>(node: T, schema: Schema, shift: number): T {
  const shell = newCollection(node, shift, schema) as T;
  shell.items = [];
  return shell;
}
