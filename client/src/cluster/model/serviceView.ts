/**
 * What the tree shows for a Service, computed from the namespace's objects: its slices (joined by
 * the `kubernetes.io/service-name` label), the merged endpoint list, counts with the API's nil
 * semantics, and the places where reality disagrees with itself.
 */
import { unpairedPortNames } from '../../../../server/src/service/routing';
import { podName, sliceService } from './namespaceData';
import type { NamespaceData } from './namespaceData';
import { endpointState, podAddresses } from './kubeTypes';
import { serviceRouting } from './routingView';
import type { EndpointSlice, Pod, Service, SliceEndpoint } from './kubeTypes';
import { MergedIndex, rank } from './mergedIndex';
import { distinctAddresses, firstAddress } from './distinctAddresses';
import type { EndpointCounts, MergedEndpoint, MergedView } from './mergedIndex';
import type { KeyedEndpoint, KeyedIndex, MergedEntry } from './viewMemos';

export type { EndpointCounts, MergedEndpoint, MergedView } from './mergedIndex';

export type { KeyedEndpoint } from './viewMemos';

/** A disagreement worth a warning node; `code` is stable, `text` says what and where. */
export interface Finding {
  code:
    | 'pod-not-in-slice'
    | 'port-name-unmatched'
    | 'address-not-pod-ip'
    | 'pod-missing'
    | 'service-missing'
    | 'no-service-label'
    | 'slice-without-ports';
  text: string;
  detail: string;
}

/** A slice's endpoints keyed by first address; repeats within the slice get `#2`, `#3`. */
export function keyedEndpoints(data: NamespaceData, slice: EndpointSlice): KeyedEndpoint[] {
  return keyedIndex(data, slice).list;
}

/** One endpoint of a slice by its key. */
export function sliceEndpoint(
  data: NamespaceData,
  slice: EndpointSlice,
  key: string,
): KeyedEndpoint | undefined {
  return keyedIndex(data, slice).byKey.get(key);
}

/** A slice's endpoint counts, computed once per slice object: a Service's refresh shows all its slices. */
export function sliceCounts(data: NamespaceData, slice: EndpointSlice): EndpointCounts {
  const index = keyedIndex(data, slice);
  index.counts ??= countEndpoints(index.list);
  return index.counts;
}

function keyedIndex(data: NamespaceData, slice: EndpointSlice): KeyedIndex {
  let cached = data.memos.keyed.get(slice);
  if (!cached) {
    const seen = new Map<string, number>();
    const list = (slice.endpoints ?? []).map((endpoint) => {
      const first = endpoint.addresses?.[0] ?? '(no address)';
      const count = (seen.get(first) ?? 0) + 1;
      seen.set(first, count);
      return { key: count === 1 ? first : `${first}#${count}`, endpoint };
    });
    cached = { list, byKey: new Map(list.map((entry) => [entry.key, entry])) };
    data.memos.keyed.set(slice, cached);
  }
  return cached;
}

function mergedEntry(data: NamespaceData, service: string): MergedEntry {
  const byService = data.memos.merged;
  const slices = data.slicesOf(service);
  const cached = byService.get(service);
  // slicesOf answers the same array until a slice changes: a thousand items of one Service
  // each asking for its view then cost a lookup, not a comparison of a thousand slices.
  if (
    cached &&
    (cached.slices === slices ||
      (cached.slices.length === slices.length && cached.slices.every((slice, i) => slice === slices[i])))
  ) {
    cached.slices = slices;
    return cached;
  }
  const entry: MergedEntry = { slices, previous: cached?.index ?? cached?.previous };
  byService.set(service, entry);
  return entry;
}

/** The merged endpoints of a Service, computed again only when one of its slices changed. */
export function mergedView(data: NamespaceData, service: string): MergedView {
  const entry = mergedEntry(data, service);
  entry.index ??= entry.previous ? entry.previous.update(entry.slices) : MergedIndex.build(entry.slices);
  entry.previous = undefined;
  return entry.index.view;
}

/**
 * The counts of a Service's merged endpoints, which its tree item shows. A namespace's first
 * render asks this of every Service, so it de-duplicates without building or sorting the list
 * that only an expanded "All endpoints" node needs.
 */
export function mergedCounts(data: NamespaceData, service: string): EndpointCounts {
  const entry = mergedEntry(data, service);
  // Once a Service's merged list was shown, it is kept up to date slice by slice, and counted.
  if (!entry.counts && (entry.index || entry.previous)) {
    mergedView(data, service); // brings entry.index up to date
    if (entry.index) entry.counts = { ...entry.index.counts };
  }
  entry.counts ??= distinctAddresses(entry.slices)
    ? sumCounts(entry.slices)
    : countStates(bestEndpoints(entry.slices));
  return entry.counts;
}

/** The endpoint that wins per address type and first address, as mergedEndpoints picks it. */
function bestEndpoints(slices: readonly EndpointSlice[]): SliceEndpoint[] {
  const byType = new Map<string, Map<string, SliceEndpoint>>();
  for (const slice of slices) {
    const addressType = slice.addressType ?? '';
    let best = byType.get(addressType);
    if (!best) {
      best = new Map();
      byType.set(addressType, best);
    }
    for (const endpoint of slice.endpoints ?? []) {
      const address = firstAddress(endpoint);
      const existing = best.get(address);
      if (!existing || rank(endpoint) > rank(existing)) {
        best.set(address, endpoint);
      }
    }
  }
  const result: SliceEndpoint[] = [];
  for (const best of byType.values()) {
    for (const endpoint of best.values()) {
      result.push(endpoint);
    }
  }
  return result;
}

/**
 * The endpoints of all of a Service's slices, de-duplicated as the API tells clients to: the same
 * address may appear in several slices while the controller moves it. Like kube-proxy, the first
 * address identifies an endpoint, and a ready copy wins over a serving one, which wins over the rest.
 */
export function mergedEndpoints(slices: readonly EndpointSlice[]): MergedEndpoint[] {
  return MergedIndex.build(slices).view.list;
}

function sumCounts(slices: readonly EndpointSlice[]): EndpointCounts {
  const counts: EndpointCounts = { total: 0, ready: 0, serving: 0, terminating: 0 };
  for (const slice of slices) {
    addStates(counts, slice.endpoints ?? []);
  }
  return counts;
}

export function countEndpoints(endpoints: readonly { endpoint: SliceEndpoint }[]): EndpointCounts {
  return countStates(endpoints.map((entry) => entry.endpoint));
}

function countStates(endpoints: readonly SliceEndpoint[]): EndpointCounts {
  const counts: EndpointCounts = { total: 0, ready: 0, serving: 0, terminating: 0 };
  addStates(counts, endpoints);
  return counts;
}

function addStates(counts: EndpointCounts, endpoints: readonly SliceEndpoint[]): void {
  for (const endpoint of endpoints) {
    const state = endpointState(endpoint.conditions);
    counts.total++;
    counts.ready += state.ready ? 1 : 0;
    counts.serving += state.serving ? 1 : 0;
    counts.terminating += state.terminating ? 1 : 0;
  }
}

/**
 * Pods the routing engine says the controller makes endpoints of (selected, an IP, not finished,
 * on a known node) that appear in none of the Service's slices.
 */
export function podsMissingFromSlices(data: NamespaceData, service: Service): Pod[] {
  if (!data.known('pods') || !data.known('endpointslices')) {
    return [];
  }
  const expected = serviceRouting(data, service).pods.filter((verdict) => verdict.endpoint);
  if (expected.length === 0) {
    return [];
  }
  const inSlices = new Set(
    data
      .slicesOf(service.metadata.name)
      .flatMap((slice) => (slice.endpoints ?? []).map((e) => podName(e.targetRef))),
  );
  return expected
    .filter((verdict) => !inSlices.has(verdict.name))
    .map((verdict) => data.pods.get(verdict.name))
    .filter((pod): pod is Pod => pod !== undefined);
}

/**
 * The slices of a Service that list endpoints but no port, when the Service has ports. The
 * controller writes such a slice when no container port matches a target port (a named
 * targetPort no container declares): proxies pair each Service port with the slice port of the
 * same name, so none of these endpoints receives traffic, however ready they are.
 */
export function portlessSlices(data: NamespaceData, service: Service): EndpointSlice[] {
  if ((service.spec?.ports ?? []).length === 0) {
    return [];
  }
  return data
    .slicesOf(service.metadata.name)
    .filter((slice) => (slice.endpoints ?? []).length > 0 && (slice.ports ?? []).length === 0);
}

/** How a Service's item looks: an outage (nothing can receive traffic) must look like one. */
export type ServiceHealth = 'external' | 'unknown' | 'outage' | 'degraded' | 'healthy';

export function serviceHealth(data: NamespaceData, service: Service, findings: number): ServiceHealth {
  if (service.spec?.type === 'ExternalName') {
    return 'external';
  }
  if (!data.known('endpointslices')) {
    return 'unknown';
  }
  const counts = mergedCounts(data, service.metadata.name);
  const withEndpoints = data.slicesOf(service.metadata.name).filter((s) => (s.endpoints ?? []).length > 0);
  const portless = portlessSlices(data, service).length;
  if (counts.ready === 0 || (withEndpoints.length > 0 && portless === withEndpoints.length)) {
    return 'outage';
  }
  // Selected pods that get no traffic (not yet endpoints, or without a port) degrade a Service
  // whose slices look fine: its slices are not the whole story.
  const partial = serviceRouting(data, service).summary.state === 'partial';
  return counts.ready < counts.total || findings > 0 || partial ? 'degraded' : 'healthy';
}

export function serviceFindings(data: NamespaceData, service: Service): Finding[] {
  return [...portFindings(data, service), ...missingPodFindings(data, service)];
}

function portFindings(data: NamespaceData, service: Service): Finding[] {
  const targets = (service.spec?.ports ?? [])
    .map((port) => port.targetPort)
    .filter((target): target is string => typeof target === 'string');
  return portlessSlices(data, service).map((slice) => ({
    code: 'slice-without-ports',
    text: `Slice ${slice.metadata.name} has no ports: its ${slice.endpoints?.length ?? 0} endpoints get no traffic`,
    detail:
      `The controller found no container port for the Service's target ports${targets.length > 0 ? ` (${targets.map((t) => `"${t}"`).join(', ')}: a named targetPort must match a container port name)` : ''}, ` +
      'so it listed the pods without ports. Proxies pair each Service port with the slice port of the same name: nothing reaches these endpoints, ready or not.',
  }));
}

function missingPodFindings(data: NamespaceData, service: Service): Finding[] {
  return podsMissingFromSlices(data, service).map((pod) => ({
    code: 'pod-not-in-slice',
    text: `Pod ${pod.metadata.name} is selected but in no EndpointSlice`,
    detail:
      `The Service's selector matches pod ${pod.metadata.name} (${podAddresses(pod).join(', ')}), ` +
      'but none of its EndpointSlices lists it, so it receives no traffic through this Service. ' +
      'Right after a pod starts this lasts well under a second; if it stays, check the ' +
      "endpointslice controller and the slices' `endpointslice.kubernetes.io/managed-by` label.",
  }));
}

/** Slice ports whose name matches no port of the Service (the field doc says they must match). */
export function sliceFindings(data: NamespaceData, slice: EndpointSlice): Finding[] {
  const serviceName = sliceService(slice);
  const service = serviceName === undefined ? undefined : data.services.get(serviceName);
  if (!service) {
    return [];
  }
  const names = (service.spec?.ports ?? []).map((port) => port.name ?? '');
  const unpaired = new Set(
    unpairedPortNames(
      service.spec?.ports,
      (slice.ports ?? []).map((port) => port.name ?? ''),
    ),
  );
  return (slice.ports ?? [])
    .filter((port) => unpaired.has(port.name ?? ''))
    .map((port) => ({
      code: 'port-name-unmatched',
      text: `Port name "${port.name ?? ''}" matches no port of Service ${serviceName}`,
      detail:
        `Service ${serviceName} names its ports ${names.map((n) => `"${n}"`).join(', ')}; ` +
        'proxies pair a slice port with the Service port of the same name, so this port carries no traffic.',
    }));
}

/** The pod behind an endpoint missing, or an address that is none of the pod's IPs. */
export function endpointFindings(
  data: NamespaceData,
  endpoint: SliceEndpoint | { ip: string; targetRef?: SliceEndpoint['targetRef'] },
): Finding[] {
  const pod = podName(endpoint.targetRef);
  if (pod === undefined || !data.known('pods')) {
    return [];
  }
  const found = data.pods.get(pod);
  if (!found) {
    return [
      {
        code: 'pod-missing',
        text: `Pod ${pod} does not exist`,
        detail: `The endpoint's targetRef names pod ${pod}, which is not in the namespace (deleted, or not yet seen).`,
      },
    ];
  }
  const podIPs = podAddresses(found);
  const addresses = 'ip' in endpoint ? [endpoint.ip] : (endpoint.addresses ?? []);
  const stray = addresses.filter((address) => !podIPs.includes(address));
  if (podIPs.length === 0 || stray.length === 0) {
    return [];
  }
  return [
    {
      code: 'address-not-pod-ip',
      text: `Address ${stray.join(', ')} is not an IP of pod ${pod}`,
      detail: `Pod ${pod} has ${podIPs.join(', ')}; traffic to ${stray.join(', ')} does not reach it.`,
    },
  ];
}

export function orphanFinding(service: string | undefined): Finding {
  return service === undefined
    ? {
        code: 'no-service-label',
        text: 'No kubernetes.io/service-name label',
        detail: 'These EndpointSlices name no Service, so no Service uses them.',
      }
    : {
        code: 'service-missing',
        text: `Service ${service} does not exist`,
        detail: `These objects are labelled for Service ${service}, which is not in the namespace, so nothing routes to them.`,
      };
}
