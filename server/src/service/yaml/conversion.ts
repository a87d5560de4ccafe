import { isAlias, isMap, isScalar, isSeq, YAMLParseError } from 'yaml';
import type { Alias, Document, Node, Pair } from 'yaml';

/**
 * What makes kubectl's YAML-to-JSON conversion (go-yaml v2, then encoding/json) fail on a
 * document that parses: an alias to an anchor not defined before it ("unknown anchor"), an
 * anchor whose value reaches itself through aliases or merge keys ("value contains itself"), a
 * merge key whose value is not a map or a list of maps, a null or collection used as a key, and
 * `.inf` or `.nan`, which JSON cannot carry. kubectl sends nothing of such a document, so these
 * are reported as the document's syntax errors.
 *
 * One walk in document order resolves every alias as the yaml library would (the last anchor of
 * that name before it) and keeps the answer, so readers resolve aliases in constant time
 * (`Alias.resolve` walks the whole document each time it is called). The walk is iterative and
 * visits every node once, so neither deep nesting nor an alias bomb makes it costly.
 */

export interface Conversion {
  errors: YAMLParseError[];
  targets: Map<Alias, Node | undefined>;
}

/**
 * Where a parse keeps its conversion, made once: a parse is read, never changed, once it is
 * made, so the conversion lives exactly as long as the parse and belongs to whoever holds it.
 */
const conversionKey = Symbol('conversion');
type Converted = Document & { [conversionKey]?: Conversion };

export function conversionOf(doc: Document): Conversion {
  const carrier = doc as Converted;
  return (carrier[conversionKey] ??= convert(doc));
}

/**
 * Records that a document converts without error and holds no alias, for a reader that checked
 * every node as it built it (yaml/plainParse.ts): its conversion is then known without a walk.
 */
export function markConvertible(doc: Document): void {
  (doc as Converted)[conversionKey] = { errors: [], targets: new Map() };
}

/** The node an alias stands for, as `alias.resolve(doc)` would give it. */
export function aliasTarget(doc: Document, alias: Alias): Node | undefined {
  return conversionOf(doc).targets.get(alias);
}

function convert(doc: Document): Conversion {
  const errors: YAMLParseError[] = [];
  const targets = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  const fail = (node: Node | undefined, message: string): void => {
    const [start, end] = node?.range ?? [0, 0];
    errors.push(new YAMLParseError([start, Math.max(end, start + 1)], 'BAD_ALIAS', message));
  };
  const stack: unknown[] = [doc.contents];
  const pairsToCheck: Pair[] = [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      targets.set(node, target);
      if (!target) fail(node, `unknown anchor '${node.source}' referenced`);
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isScalar(node)) {
      checkNumber(node, fail);
      continue;
    }
    // Pushed in reverse, so children pop in document order (keys before their values).
    if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
      continue;
    }
    for (let i = node.items.length - 1; i >= 0; i--) {
      const pair = node.items[i];
      stack.push(pair.value, pair.key);
      if (isAlias(pair.key) || isMergeKey(pair.key)) pairsToCheck.push(pair);
      else if (!isScalar(pair.key) || pair.key.value === null) fail((pair.key ?? node) as Node, keyMessage);
    }
  }
  const conversion = { errors, targets };
  // Merges and alias keys are judged once every alias is known.
  checkPairs(pairsToCheck, targets, fail);
  // Without an alias nothing can contain itself; the walk would only cost time.
  const loop = targets.size > 0 ? firstLoop(doc.contents, targets) : undefined;
  if (loop) fail(loop, `anchor '${loop.source}' value contains itself`);
  return conversion;
}

function checkNumber(node: Node & { value?: unknown }, fail: (node: Node, message: string) => void): void {
  const value = node.value;
  if (typeof value !== 'number' || Number.isFinite(value)) return;
  const shown = Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  fail(node, `json: unsupported value: ${shown}`);
}

const keyMessage = 'a map key must be a string, a number or a boolean';

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

function checkPairs(
  pairs: readonly Pair[],
  targets: Map<Alias, Node | undefined>,
  fail: (node: Node, message: string) => void,
): void {
  const resolve = (node: unknown): unknown => (isAlias(node) ? targets.get(node) : node);
  for (const pair of pairs) {
    // An unknown anchor is reported once, where it is referenced.
    if (isAlias(pair.key) && !targets.get(pair.key)) continue;
    const key = resolve(pair.key);
    if (isMergeKey(key)) {
      if (!mergeable(resolve(pair.value), resolve)) {
        fail(pair.value as Node, 'map merge requires map or sequence of maps as the value');
      }
    } else if (!isScalar(key) || key.value === null) {
      fail(pair.key as Node, keyMessage);
    }
  }
}

function mergeable(value: unknown, resolve: (node: unknown) => unknown): boolean {
  if (isMap(value)) return true;
  return isSeq(value) && value.items.every((item) => isMap(resolve(item)));
}

/**
 * The first alias that leads back into a node being read, by a depth-first walk that follows
 * aliases to their targets and reads each node once.
 */
function firstLoop(root: unknown, targets: Map<Alias, Node | undefined>): Alias | undefined {
  const open = new Set<unknown>();
  const done = new Set<unknown>();
  const stack: { node: unknown; leaving: boolean }[] = [{ node: root, leaving: false }];
  while (stack.length > 0) {
    const { node, leaving } = stack.pop() ?? { node: undefined, leaving: true };
    if (leaving) {
      open.delete(node);
      done.add(node);
      continue;
    }
    if (done.has(node)) continue;
    if (isAlias(node)) {
      const target = targets.get(node);
      if (open.has(target)) return node;
      if (target && !done.has(target)) stack.push({ node: target, leaving: false });
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    open.add(node);
    stack.push({ node, leaving: true });
    const children: unknown[] = isMap(node)
      ? node.items.flatMap((pair) => [pair.key, pair.value])
      : node.items;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], leaving: false });
  }
  return undefined;
}
