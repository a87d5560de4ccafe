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
 * the 48,000 nodes of a 1000-endpoint slice). Copies of the two most numerous kinds, scalars and
 * pairs, inherit that mark from an intermediate prototype instead: `isScalar`, `isPair`,
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

function newScalar(value: unknown): Scalar {
  if (!scalarPrototype) return new Scalar(value);
  const scalar = Object.create(scalarPrototype) as Scalar;
  scalar.value = value;
  return scalar;
}

function newPair(key: unknown, value: unknown): Pair {
  if (!pairPrototype) return new Pair(key, value);
  const pair = Object.create(pairPrototype) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}

/**
 * The own properties a parsed scalar may carry besides `value` and `range`. The copy sets exactly
 * these, which is much faster than enumerating each scalar's keys; isCopyable rejects a section
 * whose scalars carry anything else, so a new property in a `yaml` release means a fallback to a
 * full parse rather than a wrong copy.
 */
const scalarKeys = [
  'source',
  'type',
  'tag',
  'format',
  'minFractionDigits',
  'comment',
  'commentBefore',
  'spaceBefore',
];
const scalarKeySet = new Set(['value', 'range', ...scalarKeys]);

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
  if (isScalar(node)) return isPlainValue(node.value) && hasKnownKeys(node);
  return (node.items as unknown[]).every(isCopyable);
}

function hasKnownKeys(node: Scalar): boolean {
  return Object.keys(node).every((key) => scalarKeySet.has(key));
}

function isPlainValue(value: unknown): boolean {
  // A merge key's value is a symbol; merges resolve across anchors, so they are not copied.
  if (typeof value === 'symbol') return false;
  return value === null || typeof value !== 'object' || value instanceof Date;
}

/** Copies a node (already checked with isCopyable) with its ranges moved by `shift`. */
export function copyNode(node: Node, shift: number, schema: Schema): Node {
  if (isScalar(node)) return copyScalar(node, shift);
  if (!isCollection(node)) throw new Error('copyNode: not a copyable node');
  const copy = newCollection(node, shift, schema);
  const items = node.items as unknown[];
  const copied: unknown[] = (copy.items = new Array<unknown>(items.length));
  for (let i = 0; i < items.length; i++) copied[i] = copyItem(items[i], shift, schema);
  return copy;
}

/** Copies a collection item: a node, or a pair of nodes (either may be null). */
export function copyItem(item: unknown, shift: number, schema: Schema): unknown {
  if (isPair(item)) {
    const key = item.key === null ? null : copyNode(item.key as Node, shift, schema);
    const value = item.value === null ? null : copyNode(item.value as Node, shift, schema);
    return newPair(key, value);
  }
  return item === null ? null : copyNode(item as Node, shift, schema);
}

function copyScalar(node: Scalar, shift: number): Scalar {
  const value = node.value instanceof Date ? new Date(node.value.getTime()) : node.value;
  const copy = newScalar(value);
  const range = node.range as [number, number, number];
  copy.range = [range[0] + shift, range[1] + shift, range[2] + shift];
  const source = node as unknown as Props;
  const target = copy as unknown as Props;
  for (const key of scalarKeys) {
    const property = source[key];
    if (property !== undefined) target[key] = property;
  }
  return copy;
}

/**
 * An empty collection of the same class: the common classes through their constructors, the
 * rest (`!!set`, `!!omap`, `!!pairs`) through property descriptors, which is slower but rare.
 */
function newCollection(node: YAMLMap | YAMLSeq, shift: number, schema: Schema): YAMLMap | YAMLSeq {
  const proto = Object.getPrototypeOf(node) as object;
  if (proto === YAMLMap.prototype) return copyOwn(node, new YAMLMap(schema), shift);
  if (proto === YAMLSeq.prototype) return copyOwn(node, new YAMLSeq(schema), shift);
  const copy = Object.create(proto, Object.getOwnPropertyDescriptors(node)) as YAMLMap | YAMLSeq;
  copy.schema = schema;
  return copyOwn(node, copy, shift);
}

/**
 * Copies a collection's own enumerable properties (flow, tag, comments, spaceBefore...) except
 * its items, and sets the moved range.
 */
function copyOwn<T extends YAMLMap | YAMLSeq>(from: T, to: T, shift: number): T {
  const source = from as unknown as Props;
  const target = to as unknown as Props;
  for (const key in source) {
    if (key !== 'items' && key !== 'range') target[key] = source[key];
  }
  const range = from.range;
  if (range) target.range = [range[0] + shift, range[1] + shift, range[2] + shift];
  return to;
}

/** A copy of a collection's own properties (comments, tag, flow...) without its items. */
export function copyShell(node: YAMLMap, schema: Schema): YAMLMap {
  const shell = copyOwn(node, new YAMLMap(schema), 0);
  shell.items = [];
  return shell;
}
