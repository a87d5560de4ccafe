/**
 * Long child lists, shown as ranges a reader can scan: a Service with 100,000 endpoints gets 100
 * range items of 1,000 endpoints ("10.0.0.1 … 10.0.3.232"), not one item list of 100,000 that
 * the tree would have to build, send and lay out at every refresh. Lists up to `maxListed` long
 * (a namespace's Services, a slice's endpoints at the API's limit of 1,000) are shown whole.
 */
import { mergedView } from './serviceView';
import type { NamespaceData } from './namespaceData';
import { childOf } from './nodes';
import type { ClusterNode, PageNode, PagedList } from './nodes';

export const maxListed = 1000;

/** The smallest power of ten from 100 up that cuts `total` items into at most 100 ranges. */
export function rangeSize(total: number): number {
  let size = 100;
  while (total > size * 100) size *= 10;
  return size;
}

type ScopedNode = ClusterNode & { context: string; namespace: string };

/** A list that may be long: its length, each item's label, and its nodes under `parent`. */
export interface LongList {
  total: number;
  label(index: number): string;
  nodes(parent: ScopedNode, from: number, to: number): ClusterNode[];
}

/** The nodes of `list` from `from` to `to` under `parent`: whole when short, else as ranges. */
export function pagedNodes(
  parent: ScopedNode,
  kind: PagedList,
  list: LongList,
  from = 0,
  to = list.total,
): ClusterNode[] {
  if (to - from <= maxListed) return list.nodes(parent, from, to);
  const size = rangeSize(to - from);
  const pages: ClusterNode[] = [];
  for (let start = from; start < to; start += size) {
    const end = Math.min(to, start + size);
    pages.push(
      childOf(parent, 'r', `${start}-${end}`, {
        kind: 'page' as const,
        context: parent.context,
        namespace: parent.namespace,
        list: kind,
        from: start,
        to: end,
        total: list.total,
      }),
    );
  }
  return pages;
}

/** The node whose list a range belongs to: its nearest ancestor that is not a range. */
export function pageOwner(node: PageNode): ClusterNode | undefined {
  let owner = node.parent;
  while (owner?.kind === 'page') owner = owner.parent;
  return owner;
}

/** The long list a range of `owner` shows part of, as the owner's children list it. */
export function longListOf(
  data: NamespaceData,
  owner: ClusterNode | undefined,
  kind: PagedList,
): LongList | undefined {
  if (kind === 'endpoints') {
    return owner?.kind === 'merged' ? mergedEndpointList(data, owner.service) : undefined;
  }
  if (owner?.kind === 'service') return sliceList(data, owner.name);
  return owner?.kind === 'orphans' ? sliceList(data, owner.service) : undefined;
}

/** The children of a range: its part of the owner's list, in ranges again if still long. */
export function pageChildren(data: NamespaceData, node: PageNode): ClusterNode[] {
  const list = longListOf(data, pageOwner(node), node.list);
  if (!list || node.from >= list.total) return [];
  return pagedNodes(node, node.list, list, node.from, Math.min(node.to, list.total));
}

/** The slices labelled for `service` as a long list. */
export function sliceList(data: NamespaceData, service: string | undefined): LongList {
  const slices = data.slicesOf(service);
  return {
    total: slices.length,
    label: (index) => slices[index]?.metadata.name ?? '',
    nodes: (parent, from, to) =>
      slices.slice(from, to).map((slice) =>
        childOf(parent, 'l', slice.metadata.name, {
          kind: 'slice' as const,
          context: parent.context,
          namespace: parent.namespace,
          name: slice.metadata.name,
        }),
      ),
  };
}

/** The endpoints of a merged view as a long list. */
export function mergedEndpointList(data: NamespaceData, service: string): LongList {
  const list = mergedView(data, service).list;
  return {
    total: list.length,
    label: (index) => list[index]?.endpoint.addresses?.[0] ?? '(no address)',
    nodes: (parent, from, to) =>
      list.slice(from, to).map((m) =>
        childOf(parent, 'e', m.key, {
          kind: 'mergedEndpoint' as const,
          context: parent.context,
          namespace: parent.namespace,
          service,
          key: m.key,
        }),
      ),
  };
}
