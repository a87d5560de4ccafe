/**
 * The merged endpoints of a Service, kept up to date slice by slice. A Service with 100,000
 * endpoints in 1,000 slices changes one slice at a time; merging and sorting everything again
 * took most of a second, so an update that keeps the set of addresses (a readiness change, the
 * common case) only merges the addresses of the slices that changed, in place.
 */
import { endpointState } from './kubeTypes';
import type { EndpointSlice, SliceEndpoint } from './kubeTypes';

/** One endpoint of the merged view (key: address type and first address) and its slices. */
export interface MergedEndpoint {
  key: string;
  endpoint: SliceEndpoint;
  addressType: string;
  slices: string[];
}

export interface MergedView {
  list: MergedEndpoint[];
  byKey: { get(key: string): MergedEndpoint | undefined };
}

/** Endpoints counted with the API's nil semantics. */
export interface EndpointCounts {
  total: number;
  ready: number;
  serving: number;
  terminating: number;
}

/** Adds `sign` × the endpoint's states to `counts`. */
function count(counts: EndpointCounts, endpoint: SliceEndpoint, sign: 1 | -1): void {
  const state = endpointState(endpoint.conditions);
  counts.total += sign;
  counts.ready += state.ready ? sign : 0;
  counts.serving += state.serving ? sign : 0;
  counts.terminating += state.terminating ? sign : 0;
}

/** A view over `list` whose lookups go through `position` (shared by every update of an index). */
function viewOf(list: MergedEndpoint[], position: Map<string, number>): MergedView {
  return {
    list,
    byKey: {
      get: (key) => {
        const at = position.get(key);
        return at === undefined ? undefined : list[at];
      },
    },
  };
}

/** An endpoint as one slice lists it; `order` is its place in that slice. */
interface Contribution {
  slice: EndpointSlice;
  order: number;
  endpoint: SliceEndpoint;
}

// One collator for all comparisons: localeCompare with options builds one per call, which made
// sorting the addresses the most expensive step of rendering a large namespace.
const numeric = new Intl.Collator('en', { numeric: true });

/** A ready copy wins over a serving one, which wins over the rest. */
export function rank(endpoint: SliceEndpoint): number {
  const state = endpointState(endpoint.conditions);
  return (state.ready ? 4 : 0) + (state.serving ? 2 : 0) + (state.terminating ? 0 : 1);
}

const keyOf = (slice: EndpointSlice, endpoint: SliceEndpoint): string =>
  `${slice.addressType ?? ''}/${endpoint.addresses?.[0] ?? '(no address)'}`;

/** Adds a slice's endpoints to `contributions`, noting each key in `touched`. */
function add(contributions: Map<string, Contribution[]>, slice: EndpointSlice, touched?: Set<string>): void {
  (slice.endpoints ?? []).forEach((endpoint, order) => {
    const key = keyOf(slice, endpoint);
    const list = contributions.get(key);
    if (list) list.push({ slice, order, endpoint });
    else contributions.set(key, [{ slice, order, endpoint }]);
    touched?.add(key);
  });
}

/** The merged endpoint of one key from its copies in slice order: the first of the best rank wins. */
function merge(key: string, copies: readonly Contribution[]): MergedEndpoint {
  let best = copies[0];
  for (const copy of copies) {
    if (rank(copy.endpoint) > rank(best.endpoint)) best = copy;
  }
  return {
    key,
    endpoint: best.endpoint,
    addressType: best.slice.addressType ?? '',
    slices: copies.map((copy) => copy.slice.metadata.name),
  };
}

export class MergedIndex {
  private constructor(
    private readonly slices: readonly EndpointSlice[],
    private readonly contributions: Map<string, Contribution[]>,
    private readonly position: Map<string, number>,
    readonly view: MergedView,
    readonly counts: Readonly<EndpointCounts>,
  ) {}

  /** Merges `slices` (in the Service's slice order) from scratch. */
  static build(slices: readonly EndpointSlice[]): MergedIndex {
    const contributions = new Map<string, Contribution[]>();
    for (const slice of slices) add(contributions, slice);
    const list: MergedEndpoint[] = [];
    for (const [key, copies] of contributions) list.push(merge(key, copies));
    list.sort((a, b) => numeric.compare(a.key, b.key));
    const position = new Map(list.map((merged, i) => [merged.key, i]));
    const counts = { total: 0, ready: 0, serving: 0, terminating: 0 };
    for (const merged of list) count(counts, merged.endpoint, 1);
    return new MergedIndex(slices, contributions, position, viewOf(list, position), counts);
  }

  /**
   * The index of `slices`, from this one: the slices that were replaced, added or removed are
   * merged again key by key when the set of keys stays the same; anything else is a rebuild.
   * This index must not be used afterwards (its copies are moved to the new one).
   */
  update(slices: readonly EndpointSlice[]): MergedIndex {
    const now = new Set(slices);
    const before = new Set(this.slices);
    const removed = this.slices.filter((slice) => !now.has(slice));
    const added = slices.filter((slice) => !before.has(slice));
    if (removed.length + added.length > Math.max(8, slices.length / 4)) return MergedIndex.build(slices);
    const touched = new Set<string>();
    for (const slice of removed) {
      for (const endpoint of slice.endpoints ?? []) {
        const key = keyOf(slice, endpoint);
        touched.add(key);
        const kept = (this.contributions.get(key) ?? []).filter((copy) => copy.slice !== slice);
        if (kept.length > 0) this.contributions.set(key, kept);
        else this.contributions.delete(key);
      }
    }
    for (const slice of added) add(this.contributions, slice, touched);
    if ([...touched].some((key) => !this.position.has(key) || !this.contributions.has(key))) {
      return MergedIndex.build(slices); // an address came or went: the order changes
    }
    const order = new Map(slices.map((slice, i) => [slice, i]));
    // A copy of the list (pointers only): a view handed out before stays as it was.
    const list = [...this.view.list];
    const counts = { ...this.counts };
    for (const key of touched) {
      const copies = this.contributions.get(key) ?? [];
      copies.sort((a, b) => (order.get(a.slice) ?? 0) - (order.get(b.slice) ?? 0) || a.order - b.order);
      const at = this.position.get(key) ?? 0;
      count(counts, list[at].endpoint, -1);
      list[at] = merge(key, copies);
      count(counts, list[at].endpoint, 1);
    }
    return new MergedIndex(slices, this.contributions, this.position, viewOf(list, this.position), counts);
  }
}
