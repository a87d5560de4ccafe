import type { OurKind } from '../types';

/** The group/versions that serve each of our kinds, and what happened to the others. */
export const servedApiVersion: Readonly<Record<OurKind, string>> = {
  EndpointSlice: 'discovery.k8s.io/v1',
  Endpoints: 'v1',
};

/** Versions users still write that the apiserver no longer serves, with what to say about them. */
export const removedApiVersions: Readonly<Record<string, string>> = {
  'discovery.k8s.io/v1beta1':
    'discovery.k8s.io/v1beta1 EndpointSlice is not served since Kubernetes 1.25; use discovery.k8s.io/v1',
  'discovery.k8s.io/v1alpha1':
    'discovery.k8s.io/v1alpha1 EndpointSlice is not served since Kubernetes 1.21; use discovery.k8s.io/v1',
};

export type KindMatch =
  | { kind: 'ours'; ourKind: OurKind }
  | { kind: 'unserved'; ourKind: OurKind; apiVersion: string }
  | { kind: 'other' };

/**
 * Decides whether a document is one of ours. A document whose kind is ours but whose
 * apiVersion is not served is still ours (to report); every other document is left alone.
 */
export function matchKind(apiVersion: unknown, kind: unknown): KindMatch {
  if (kind !== 'EndpointSlice' && kind !== 'Endpoints') return { kind: 'other' };
  if (typeof apiVersion !== 'string') return { kind: 'other' };
  if (apiVersion === servedApiVersion[kind]) return { kind: 'ours', ourKind: kind };
  // Only flag group/versions that plainly mean our kind; an unrelated CRD named Endpoints stays silent.
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const ourGroup = kind === 'EndpointSlice' ? 'discovery.k8s.io' : '';
  if (group === ourGroup) return { kind: 'unserved', ourKind: kind, apiVersion };
  return { kind: 'other' };
}

/**
 * Lists as kubectl unpacks them: `List` and the typed lists (`EndpointSliceList`,
 * `EndpointsList`, any `…List` with `items`). kubectl sends each item as its own create.
 */
export function isListKind(kind: unknown): boolean {
  return typeof kind === 'string' && kind.endsWith('List');
}

/** The kind kubectl gives an item that has neither kind nor apiVersion: the list's, minus `List`. */
export function itemKindOf(listKind: unknown): string {
  return typeof listKind === 'string' ? listKind.replace(/List$/, '') : '';
}
