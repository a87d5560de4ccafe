/**
 * What the views remember about one namespace's objects, owned by that namespace's data (and so by
 * one ClusterModel): two models in one process share none of it, and it goes when the namespace
 * does. Stored objects are replaced, never mutated, on every change, so an object is its own key.
 */
import type { RoutingPrediction } from '../../../../server/src/service/routing';
import type { EndpointSlice, LegacyEndpoints, Service, SliceEndpoint } from './kubeTypes';
import type { EndpointCounts, MergedIndex } from './mergedIndex';

export interface KeyedEndpoint {
  key: string;
  endpoint: SliceEndpoint;
}

/** A slice's endpoints by key. Without it, a tree item per endpoint looking itself up costs O(n²). */
export interface KeyedIndex {
  list: KeyedEndpoint[];
  byKey: Map<string, KeyedEndpoint>;
  counts?: EndpointCounts;
}

/** What is derived from a Service's slices, each part computed when first asked for. */
export interface MergedEntry {
  slices: readonly EndpointSlice[];
  counts?: EndpointCounts;
  index?: MergedIndex;
  /** The index of the slices before the last change, updated into `index` when asked for. */
  previous?: MergedIndex;
}

/** A routing verdict and the inputs it was made from. */
export interface CachedPrediction {
  service: Service;
  podsVersion: number;
  endpoints: LegacyEndpoints | undefined;
  prediction: RoutingPrediction;
}

export class ViewMemos {
  /** Per slice object, its keyed endpoints. */
  readonly keyed = new WeakMap<EndpointSlice, KeyedIndex>();
  /**
   * Per Service, the slice objects its merged view was computed from: an event replaces one slice
   * object, so only the view of the Service that slice belongs to is computed again.
   */
  readonly merged = new Map<string, MergedEntry>();
  /**
   * Per Service, its routing verdict, valid while the Service object, its Endpoints object and
   * the namespace's pods are the ones it was made from.
   */
  readonly routing = new Map<string, CachedPrediction>();
}
