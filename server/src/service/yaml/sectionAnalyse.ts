import { YAMLSeq, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Scalar, YAMLMap } from 'yaml';
import { isCopyable } from './sectionCopy';
import { SPACE, gapProps } from './sectionSplit';
import type { GapProps } from './sectionSplit';
import type { ParsedChunk } from './yamlDocument';

/**
 * What the sectioned parser (sectionParse.ts) needs to know about one standalone parse, decided
 * once per text when it is parsed and cached. The text is either a top-level section (its root
 * is a block mapping), the head of a section cut into sequence items (a mapping with one key
 * whose value is a block sequence), or a later piece of such a section (a block sequence).
 */
export interface SectionParse {
  chunk: ParsedChunk;
  /** Whether the parse has errors or warnings: the whole document then falls back. */
  broken: boolean;
  /** The root mapping, if the text is a composable section or head. */
  map: YAMLMap | undefined;
  /** The sequence whose items are composed: the head's value or a piece's root. */
  seq: YAMLSeq | undefined;
  /** What the lines after the last top-level value give the next section's key. */
  gap: GapProps | undefined;
  /** What the lines after the last sequence item give the next piece's first item. */
  itemGap: GapProps | undefined;
}

/** Decides once per text whether it can be composed, and reads its gaps. */
export function analyse(chunk: ParsedChunk): SectionParse {
  const { doc, text } = chunk;
  const root = doc.contents;
  const broken = doc.errors.length > 0 || doc.warnings.length > 0;
  const parse: SectionParse = {
    chunk,
    broken,
    map: undefined,
    seq: undefined,
    gap: undefined,
    itemGap: undefined,
  };
  if (broken || !isCopyable(root)) return parse;
  if (isMap(root) && !root.flow && root.items.length > 0) {
    parse.map = root;
    parse.gap = trailingGap(text, root.items[root.items.length - 1]?.value);
    const value = root.items.length === 1 ? root.items[0]?.value : undefined;
    if (isPlainSeq(value)) parse.seq = value;
  } else if (isPlainSeq(root) && isBareItem(root.items[0])) {
    parse.seq = root;
    parse.gap = trailingGap(text, root);
  }
  if (parse.seq) parse.itemGap = itemGap(text, parse.seq);
  return parse;
}

/**
 * The props the lines after a sequence's last item give the next piece's first item. Before an
 * indented item, the parser also gives the next line's indentation to a comment that a
 * collection or an empty value at the end of the item took in, so that the item and the nodes
 * ending with it end later in the whole document than on their own, by an amount that depends
 * on the lines between; such an item is not cut from the next one.
 */
function itemGap(text: string, seq: YAMLSeq): GapProps | undefined {
  const last = seq.items[seq.items.length - 1] as Node;
  const start = (seq.range as [number, number, number])[0];
  const indented = start > 0 && text.charCodeAt(start - 1) === SPACE;
  return indented && endsInComment(last) ? undefined : trailingGap(text, last);
}

/**
 * A non-empty block sequence of the plain class, without a tag: a tag such as `!!omap` or
 * `!!set` turns the items into something else when the whole sequence is resolved, so its
 * items cannot be parsed apart.
 */
function isPlainSeq(node: unknown): node is YAMLSeq {
  return isSeq(node) && node.constructor === YAMLSeq && !node.flow && !node.tag && node.items.length > 0;
}

/**
 * A piece's first item gets its comment and blank-line properties from the previous piece's
 * gap, so the standalone item must have none; itemCuts only cuts before items without them.
 */
function isBareItem(item: unknown): boolean {
  return isNode(item) && !item.commentBefore && !item.spaceBefore;
}

/**
 * Whether an item ends with a comment that a collection or an empty value inside it took in:
 * the trailing comment lines of a mapping or sequence (which then ends after them, beyond its
 * last item), or an empty value's comment. A comment a scalar took in does not count: the
 * parser gives a scalar the comment lines more indented than the item, but not the next line's
 * indentation.
 */
function endsInComment(item: Node): boolean {
  const end = item.range?.[2];
  let node: unknown = item;
  while (isNode(node) && node.range?.[2] === end) {
    if (isScalar(node)) return isEmptyScalar(node) && !!node.comment;
    // A flow collection's comment stands after its closing bracket, as a scalar's does.
    if ((!isMap(node) && !isSeq(node)) || node.flow) return false;
    const last: unknown = node.items[node.items.length - 1];
    const child: unknown = isPair(last) ? (last.value ?? last.key) : last;
    if (node.comment && (!isNode(child) || child.range?.[2] !== end)) return true;
    node = child;
  }
  return false;
}

/**
 * The props the lines after a value give the next key or item. When the value ends with an
 * empty value (`key:` or `-` with nothing after it, at any depth), the parser keeps the rest of
 * that line and any blank or comment lines after it with the empty value, which the standalone
 * parse then treats differently from the whole document; such a text is composable only if
 * nothing but the end of that line follows.
 */
function trailingGap(text: string, value: Node | null | undefined): GapProps | undefined {
  if (!value) return undefined;
  const leaf = lastLeaf(value);
  if (!isEmptyScalar(leaf)) return gapProps(text, (value.range as [number, number, number])[2]);
  const bare = !leaf.spaceBefore && restOfLine.test(text.slice(leaf.range?.[1]));
  return bare ? { comment: '', spaceBefore: false } : undefined;
}

/** Spaces, an optional comment and the line break that end an empty value's line. */
const restOfLine = /^ *(?:#[^\r\n]*)?(?:\r?\n)?$/;

/** An empty value: a plain scalar with no source, at the end of a `key:` or `-`. */
function isEmptyScalar(node: Node): node is Scalar {
  return isScalar(node) && node.source === '' && node.range?.[0] === node.range?.[1];
}

/** The node that ends last in a block collection: its last item's value, recursively. */
function lastLeaf(node: Node): Node {
  let leaf = node;
  while ((isMap(leaf) || isSeq(leaf)) && !leaf.flow && leaf.items.length > 0) {
    const item = leaf.items[leaf.items.length - 1];
    const next = isPair(item) ? (item.value ?? item.key) : item;
    if (!isNode(next)) break;
    leaf = next;
  }
  return leaf;
}

/**
 * A section after the first starts with its key at offset 0; the key's comment and blank-line
 * properties come from the previous section's gap, so the standalone key must have none.
 */
export function startsWithBareKey(map: YAMLMap): boolean {
  const key = map.items[0]?.key as Node | undefined;
  return map.range?.[0] === 0 && key?.range?.[0] === 0 && !key.commentBefore && !key.spaceBefore;
}
