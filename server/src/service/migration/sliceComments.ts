import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { EndpointOrigin, SliceOrigin } from './convert';

/**
 * The comments of an Endpoints document, moved onto the slices made from it: a comment belongs
 * to the part it is written at, and goes wherever that part goes (metadata to every slice, an
 * address's comment to its endpoint, the ports' comments to the ports). Comments of parts that
 * are left out (an address that is not an IP, a dropped annotation) go with them. Quoting and
 * flow style of values that stay the same are kept too, so the lines that did not change are
 * written as they were.
 */
export interface SliceSource {
  root: YAMLMap;
  origin: SliceOrigin;
  /** Position among the slices, and how many there are. */
  index: number;
  count: number;
  /** Comments that go to one slice only (the list's, the subset's), already placed. */
  placed: Set<string>;
}

export function carrySliceComments(source: SliceSource, slice: YAMLMap): void {
  const { root, index, count } = source;
  const first = root.items[0];
  for (const key of ['apiVersion', 'kind', 'metadata']) {
    const from = pairOf(root, key);
    const to = pairOf(slice, key);
    if (!from || !to) continue;
    // The first key's leading comment stands before the replaced text, where it stays.
    if (index === 0 && from !== first) copyOwn(from.key, to.key);
    if (index === 0 || key === 'metadata') carryComments(from.value, to.value);
  }
  const subsets = pairOf(root, 'subsets');
  const endpoints = pairOf(slice, 'endpoints');
  if (index === 0 && subsets && endpoints && isNode(subsets.key) && isNode(endpoints.key)) {
    endpoints.key.commentBefore = joined(subsets.key.commentBefore, commentBeforeOf(subsets.value));
    endpoints.key.spaceBefore = subsets.key.spaceBefore;
  }
  if (index === count - 1) {
    slice.comment = joined(isNode(subsets?.value) ? subsets.value.comment : '', root.comment);
  }
  carryEndpoints(source, slice);
  carryPorts(source, slice);
}

function carryEndpoints(source: SliceSource, slice: YAMLMap): void {
  const endpoints = slice.get('endpoints', true);
  if (!isSeq(endpoints)) return;
  source.origin.endpoints.forEach((origin, i) => {
    const endpoint = endpoints.items[i];
    const address = source.root.getIn(['subsets', origin.subset, origin.list, origin.index], true);
    if (!isMap(endpoint) || !isMap(address)) return;
    carryComments(address, endpoint);
    const ip = pairOf(address, 'ip');
    const addresses = endpoint.get('addresses', true);
    const item = isSeq(addresses) ? addresses.items[0] : undefined;
    if (ip && isNode(ip.key)) endpoint.commentBefore = joined(endpoint.commentBefore, ip.key.commentBefore);
    if (ip && isNode(ip.value) && isNode(item)) item.comment = ip.value.comment;
    placeOnce(source, endpoint, origin);
  });
}

/** The comments of a subset and of its address list go before the first endpoint from them. */
function placeOnce(source: SliceSource, endpoint: YAMLMap, origin: EndpointOrigin): void {
  const subset = source.root.getIn(['subsets', origin.subset], true);
  if (!isMap(subset)) return;
  const list = pairOf(subset, origin.list);
  const before: (string | null | undefined)[] = [];
  const after: (string | null | undefined)[] = [];
  if (!source.placed.has(`${origin.subset}`)) {
    source.placed.add(`${origin.subset}`);
    before.push(subset.commentBefore);
    after.push(subset.comment);
  }
  if (list && !source.placed.has(`${origin.subset}.${origin.list}`)) {
    source.placed.add(`${origin.subset}.${origin.list}`);
    before.push(isNode(list.key) ? list.key.commentBefore : '', commentBeforeOf(list.value));
    after.push(isNode(list.value) ? list.value.comment : '');
  }
  endpoint.commentBefore = joined(...before, endpoint.commentBefore);
  endpoint.comment = joined(endpoint.comment, ...after);
}

function carryPorts(source: SliceSource, slice: YAMLMap): void {
  const subset = source.root.getIn(['subsets', source.origin.portsFrom], true);
  const from = isMap(subset) ? pairOf(subset, 'ports') : undefined;
  const to = pairOf(slice, 'ports');
  if (!from || !to) return;
  copyOwn(from.key, to.key);
  carryComments(from.value, to.value);
}

/** Comments, blank lines and style of `from` onto `to`, down matching keys and list positions. */
export function carryComments(from: unknown, to: unknown): void {
  if (!isNode(from) || !isNode(to)) return;
  copyOwn(from, to);
  if (isScalar(from) && isScalar(to) && from.value === to.value && from.type) to.type = from.type;
  if (isMap(from) && isMap(to)) {
    to.flow = from.flow;
    for (const pair of to.items) {
      const match = isScalar(pair.key) ? pairOf(from, String(pair.key.value)) : undefined;
      if (!match) continue;
      copyOwn(match.key, pair.key);
      carryComments(match.value, pair.value);
    }
  } else if (isSeq(from) && isSeq(to)) {
    to.flow = from.flow;
    to.items.forEach((item, i) => carryComments(from.items[i], item));
  }
}

function copyOwn(from: unknown, to: unknown): void {
  if (!isNode(from) || !isNode(to)) return;
  if (from.commentBefore) to.commentBefore = from.commentBefore;
  if (from.comment) to.comment = from.comment;
  if (from.spaceBefore) to.spaceBefore = true;
}

function pairOf(map: YAMLMap, key: string): Pair<Node, Node> | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node> | undefined;
}

function commentBeforeOf(node: unknown): string | null | undefined {
  return isNode(node) ? node.commentBefore : undefined;
}

function joined(...comments: (string | null | undefined)[]): string | undefined {
  const present = comments.filter((c): c is string => typeof c === 'string' && c.length > 0);
  return present.length > 0 ? present.join('\n') : undefined;
}
