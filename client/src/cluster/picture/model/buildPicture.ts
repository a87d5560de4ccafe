/**
 * Builds the routing picture of a Service from what the cluster view already knows about its
 * namespace: the merged endpoints (the cluster model's de-duplication, as kube-proxy reads
 * slices), the pods behind them, and the selected pods that are not endpoints. What the
 * cluster model does not know (the routing engine's reasons, the DNS names) comes in through
 * `PictureSlots`, so the picture shows them once those modules supply them.
 */
import {
  endpointState,
  mergedView,
  podAddresses,
  podName,
  podReady,
  podsMissingFromSlices,
  portlessSlices,
  selects,
} from '../../model';
import type { EndpointSlice, MergedEndpoint, NamespaceData, Pod, Service, SliceEndpoint } from '../../model';
import { endpointTooltip, podTooltip } from '../../model/tooltips';
import { plainText } from './text';
import type {
  EndpointStateName,
  Outsider,
  Picture,
  PictureEndpoint,
  PicturePod,
  PictureService,
  PictureSlice,
  PodReason,
  PortMappingRow,
  Verdict,
} from './picture';

/** What other modules add to the picture; each is optional and shown when given. */
export interface PictureSlots {
  /** Why each selected pod is (not) an endpoint, by pod name: the routing engine's verdict. */
  reasons?: ReadonlyMap<string, PodReason>;
  /** The names a client in the cluster resolves for the Service. */
  dnsNames?: readonly string[];
  /** Sentences about the whole Service (e.g. the pods a selector nearly matches). */
  notes?: readonly string[];
}

/** The picture of Service `name` in `data`, or undefined when the namespace has no such Service. */
export function buildPicture(
  data: NamespaceData,
  name: string,
  slots: PictureSlots = {},
): Picture | undefined {
  const service = data.services.get(name);
  if (!service) {
    return undefined;
  }
  const slices = data.slicesOf(name);
  const merged = mergedView(data, name).list;
  const endpoints = merged.map((entry) => pictureEndpoint(entry, slices));
  const pods = new Map<string, PicturePod>();
  for (const endpoint of endpoints) {
    const pod = endpoint.pod === undefined ? undefined : data.pods.get(endpoint.pod);
    if (pod && !pods.has(pod.metadata.name)) {
      pods.set(pod.metadata.name, picturePod(pod));
    }
    // Slices written by hand may leave nodeName out; the pod says where it runs.
    endpoint.node ??= pod?.spec?.nodeName || undefined;
  }
  fillZonesFromNodes(endpoints);
  const counts = stateCounts(endpoints);
  return {
    service: pictureService(data, service, slots),
    slices: slices.map((slice) => pictureSlice(slice, merged)),
    endpoints,
    pods,
    outsiders: outsiders(data, service, endpoints, slots.reasons),
    portMapping: portMapping(service, slices),
    verdict: verdict(data, service, counts),
    hinted: endpoints.some((e) => e.hintZones.length > 0 || e.hintNodes.length > 0),
    notes: [...notes(data), ...(slots.notes ?? [])],
  };
}

/** ready / serving-but-not-ready / not ready, with the API's nil semantics. */
export function stateName(endpoint: SliceEndpoint): EndpointStateName {
  const state = endpointState(endpoint.conditions);
  return state.ready ? 'ready' : state.serving ? 'serving' : 'notReady';
}

export function stateCounts(
  endpoints: readonly { state: EndpointStateName }[],
): Record<EndpointStateName, number> {
  const counts = { ready: 0, serving: 0, notReady: 0 };
  for (const endpoint of endpoints) {
    counts[endpoint.state]++;
  }
  return counts;
}

function pictureService(data: NamespaceData, service: Service, slots: PictureSlots): PictureService {
  const spec = service.spec ?? {};
  const clusterIPs = (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).filter(
    (ip) => ip !== '' && ip !== 'None',
  );
  return {
    context: data.context,
    namespace: data.namespace,
    name: service.metadata.name,
    type: spec.type ?? 'ClusterIP',
    clusterIPs,
    dnsNames: [...(slots.dnsNames ?? [])],
    ports: (spec.ports ?? []).map((port) => ({
      name: port.name ?? '',
      port: port.port,
      protocol: port.protocol ?? 'TCP',
      targetPort: port.targetPort ?? port.port,
    })),
    selector: Object.entries(spec.selector ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join(', '),
    ...(spec.externalName ? { externalName: spec.externalName } : {}),
    ...(spec.trafficDistribution ? { trafficDistribution: spec.trafficDistribution } : {}),
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
  };
}

function pictureSlice(slice: EndpointSlice, merged: readonly MergedEndpoint[]): PictureSlice {
  return {
    name: slice.metadata.name,
    addressType: slice.addressType ?? '?',
    ports: (slice.ports ?? []).map((port) => ({
      name: port.name ?? '',
      ...(typeof port.port === 'number' ? { port: port.port } : {}),
      protocol: port.protocol ?? 'TCP',
    })),
    endpointIds: merged.filter((e) => e.slices.includes(slice.metadata.name)).map((e) => e.key),
  };
}

function pictureEndpoint(entry: MergedEndpoint, slices: readonly EndpointSlice[]): PictureEndpoint {
  const { endpoint } = entry;
  const first = slices.find((slice) => slice.metadata.name === entry.slices[0]);
  const pod = podName(endpoint.targetRef);
  return {
    id: entry.key,
    addresses: [...(endpoint.addresses ?? [])],
    addressType: entry.addressType,
    state: stateName(endpoint),
    terminating: endpointState(endpoint.conditions).terminating,
    slices: [...entry.slices],
    ...(pod !== undefined ? { pod } : {}),
    ...(endpoint.nodeName ? { node: endpoint.nodeName } : {}),
    ...(endpoint.zone ? { zone: endpoint.zone } : {}),
    ...(endpoint.hostname ? { hostname: endpoint.hostname } : {}),
    hintZones: (endpoint.hints?.forZones ?? []).map((zone) => zone.name),
    hintNodes: (endpoint.hints?.forNodes ?? []).map((node) => node.name),
    tooltip: () => plainText(endpointTooltip(endpoint, entry.addressType, first?.ports ?? [], entry.slices)),
  };
}

/** An endpoint without a zone on a node whose other endpoints name one is in that zone. */
function fillZonesFromNodes(endpoints: PictureEndpoint[]): void {
  const zoneOfNode = new Map<string, string>();
  for (const endpoint of endpoints) {
    if (endpoint.node !== undefined && endpoint.zone !== undefined) {
      zoneOfNode.set(endpoint.node, endpoint.zone);
    }
  }
  for (const endpoint of endpoints) {
    const zone = endpoint.node === undefined ? undefined : zoneOfNode.get(endpoint.node);
    if (endpoint.zone === undefined && zone !== undefined) {
      endpoint.zone = zone;
    }
  }
}

function picturePod(pod: Pod): PicturePod {
  return {
    name: pod.metadata.name,
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
    phase: pod.status?.phase ?? 'Unknown',
    ready: podReady(pod),
    ips: podAddresses(pod),
    tooltip: () => plainText(podTooltip(pod)),
  };
}

/**
 * Selected pods that no endpoint points at. The reason is the routing engine's when it gives
 * one; until then, what the cluster model knows: a pod with an IP that is not finished should be
 * in a slice (podsMissingFromSlices), one without an IP or finished is left out by the controller.
 */
function outsiders(
  data: NamespaceData,
  service: Service,
  endpoints: readonly PictureEndpoint[],
  reasons: ReadonlyMap<string, PodReason> | undefined,
): Outsider[] {
  if (!data.known('pods') || Object.keys(service.spec?.selector ?? {}).length === 0) {
    return [];
  }
  const inSlices = new Set(endpoints.map((e) => e.pod));
  const missing = new Set(podsMissingFromSlices(data, service).map((pod) => pod.metadata.name));
  return [...data.pods.values()]
    .filter((pod) => selects(service, pod) && !inSlices.has(pod.metadata.name))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map((pod) => ({
      pod: pod.metadata.name,
      ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
      reason: reasons?.get(pod.metadata.name) ?? knownReason(pod, missing.has(pod.metadata.name)),
    }));
}

function knownReason(pod: Pod, missing: boolean): PodReason {
  if (missing) {
    return { code: 'not-in-slice', text: 'Selected and has an IP, but no EndpointSlice lists it (yet).' };
  }
  const phase = pod.status?.phase ?? '';
  if (phase === 'Succeeded' || phase === 'Failed') {
    return { code: 'finished', text: `The pod has finished (${phase}); the controller drops finished pods.` };
  }
  return { code: 'no-ip', text: 'The pod has no IP yet, so the controller cannot list it.' };
}

/** Service port → targetPort → the port each slice's endpoints listen on (same name as the Service port). */
function portMapping(service: Service, slices: readonly EndpointSlice[]): PortMappingRow[] {
  return (service.spec?.ports ?? []).map((port) => {
    const name = port.name ?? '';
    return {
      servicePort: `${name ? `${name} ` : ''}${port.port}/${port.protocol ?? 'TCP'}`,
      targetPort: String(port.targetPort ?? port.port),
      endpointPorts: slices.map((slice) => {
        const match = (slice.ports ?? []).find((p) => (p.name ?? '') === name);
        return {
          slice: slice.metadata.name,
          port: match ? String(match.port ?? '(all ports)') : '(no port of this name: no traffic)',
          endpoints: (slice.endpoints ?? []).length,
        };
      }),
    };
  });
}

function verdict(data: NamespaceData, service: Service, counts: Record<EndpointStateName, number>): Verdict {
  if (service.spec?.type === 'ExternalName') {
    return {
      kind: 'external',
      text: `ExternalName: DNS answers with ${service.spec.externalName ?? '?'}; no endpoints`,
    };
  }
  const total = counts.ready + counts.serving + counts.notReady;
  const withEndpoints = data.slicesOf(service.metadata.name).filter((s) => (s.endpoints ?? []).length > 0);
  if (withEndpoints.length > 0 && portlessSlices(data, service).length === withEndpoints.length) {
    return {
      kind: 'nowhere',
      text: 'Traffic goes nowhere: the slices have no ports, so no endpoint can be reached',
    };
  }
  if (counts.ready > 0) {
    return counts.ready === total
      ? { kind: 'healthy', text: `Traffic goes to all ${total} endpoints` }
      : { kind: 'degraded', text: `Traffic goes to ${counts.ready} of ${total} endpoints` };
  }
  if (counts.serving > 0) {
    return {
      kind: 'degraded',
      text: `No endpoint is ready: proxies fall back to the ${counts.serving} serving (terminating) ones`,
    };
  }
  return {
    kind: 'nowhere',
    text:
      total === 0
        ? 'Traffic goes nowhere: the Service has no endpoints'
        : 'Traffic goes nowhere: no endpoint is ready',
  };
}

function notes(data: NamespaceData): string[] {
  const result: string[] = [];
  if (!data.known('endpointslices')) {
    result.push('The EndpointSlices are not listed yet.');
  }
  if (!data.known('pods')) {
    result.push('The pods are not listed yet: nodes and the pods left out follow.');
  }
  return result;
}
