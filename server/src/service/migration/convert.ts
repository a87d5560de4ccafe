import { migrationManagedBy } from '../k8s/labelFacts';
import type { CorePort, EndpointAddress, Endpoints } from '../k8s/objects';
import { labelEndpointsManagedBy, labelManagedBy, labelServiceName, labelSkipMirror } from '../k8s/wellKnown';
import { ipString, isIPv4, parseIPSloppy } from '../validation/ip';

/**
 * Endpoints to EndpointSlices, as the EndpointSlice mirroring controller does it: one slice per
 * address family and set of ports, `notReadyAddresses` as `conditions.ready: false`, addresses
 * in canonical form, and at most `maxEndpointsPerSlice` endpoints per slice. The slices carry
 * `kubernetes.io/service-name` and a `managed-by` value of our own, so no controller claims them.
 */
export interface MigrationOptions {
  maxEndpointsPerSlice: number;
  /** Keep the Endpoints object, labelled so the mirroring controller leaves it alone. */
  skipMirror: boolean;
  managedBy?: string;
}

export type Manifest = Record<string, unknown>;

export interface Conversion {
  slices: Manifest[];
  /** Where each slice's parts come from in the Endpoints object, in the order of `slices`. */
  origins: SliceOrigin[];
  /** What could not be carried over, for the user. */
  notes: string[];
}

/** An endpoint's address in the Endpoints object: `subsets[subset][list][index]`. */
export interface EndpointOrigin {
  subset: number;
  list: 'addresses' | 'notReadyAddresses';
  index: number;
}

/** A slice's ports are `subsets[portsFrom].ports`; its endpoints come from `endpoints`. */
export interface SliceOrigin {
  portsFrom: number;
  endpoints: EndpointOrigin[];
}

/** Annotations that describe the old object, not the new ones. */
const droppedAnnotations = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'endpoints.kubernetes.io/last-change-trigger-time',
]);
const droppedLabels = new Set([labelSkipMirror, labelEndpointsManagedBy]);
/** Service names are DNS-1035 labels: at most 63 characters, like the label value they become. */
const maxServiceName = 63;

interface Group {
  family: 'IPv4' | 'IPv6';
  ports: Manifest[];
  portsFrom: number;
  endpoints: Manifest[];
  origins: EndpointOrigin[];
  seen: Set<string>;
}

export function convertEndpoints(endpoints: Endpoints, options: MigrationOptions): Conversion {
  const name = endpoints.metadata?.name;
  if (!name) {
    return {
      slices: [],
      origins: [],
      notes: ['an Endpoints object without metadata.name belongs to no Service'],
    };
  }
  if (name.length > maxServiceName) {
    // The name becomes a label value; and no Service can have it, so nothing would use the slices.
    return {
      slices: [],
      origins: [],
      notes: [`the name is longer than ${maxServiceName} characters, so no Service has it`],
    };
  }
  const notes: string[] = [];
  const groups = new Map<string, Group>();
  (endpoints.subsets ?? []).forEach((subset, subsetIndex) => {
    const ports = (subset.ports ?? []).map(slicePort);
    const add = (address: EndpointAddress, origin: EndpointOrigin): void => {
      const ip = parseIPSloppy(address.ip ?? '');
      if (!ip) {
        notes.push(`left out "${address.ip ?? ''}": not an IP address`);
        return;
      }
      const family = isIPv4(ip) ? 'IPv4' : 'IPv6';
      const key = `${family}|${JSON.stringify(ports)}`;
      const group = groups.get(key) ?? newGroup(family, ports, subsetIndex);
      groups.set(key, group);
      const canonical = ipString(ip);
      if (group.seen.has(canonical)) return;
      group.seen.add(canonical);
      group.endpoints.push(sliceEndpoint(address, canonical, origin.list === 'addresses'));
      group.origins.push(origin);
    };
    for (const list of ['addresses', 'notReadyAddresses'] as const) {
      (subset[list] ?? []).forEach((a, index) => add(a, { subset: subsetIndex, list, index }));
    }
  });
  const chunks = [...groups.values()].flatMap((group) => chunk(group, options.maxEndpointsPerSlice));
  return {
    slices: nameSlices(chunks, endpoints, name, options),
    origins: chunks.map((group) => ({ portsFrom: group.portsFrom, endpoints: group.origins })),
    notes,
  };
}

function newGroup(family: Group['family'], ports: Manifest[], portsFrom: number): Group {
  return { family, ports, portsFrom, endpoints: [], origins: [], seen: new Set<string>() };
}

function slicePort(port: CorePort): Manifest {
  const out: Manifest = {};
  if (port.name) out['name'] = port.name;
  if (port.port !== undefined) out['port'] = port.port;
  out['protocol'] = port.protocol || 'TCP';
  if (port.appProtocol !== undefined) out['appProtocol'] = port.appProtocol;
  return out;
}

function sliceEndpoint(address: EndpointAddress, ip: string, ready: boolean): Manifest {
  const out: Manifest = { addresses: [ip], conditions: { ready } };
  if (address.hostname) out['hostname'] = address.hostname;
  if (address.nodeName) out['nodeName'] = address.nodeName;
  if (address.targetRef && Object.keys(address.targetRef).length > 0) {
    out['targetRef'] = { ...address.targetRef };
  }
  return out;
}

function chunk(group: Group, size: number): Group[] {
  const out: Group[] = [];
  for (let i = 0; i < group.endpoints.length; i += size) {
    const endpoints = group.endpoints.slice(i, i + size);
    out.push({ ...group, endpoints, origins: group.origins.slice(i, i + size) });
  }
  return out;
}

function nameSlices(
  groups: Group[],
  endpoints: Endpoints,
  name: string,
  options: MigrationOptions,
): Manifest[] {
  const counts = new Map<string, number>();
  return groups.map((group) => {
    const suffix = group.family.toLowerCase();
    const n = (counts.get(suffix) ?? 0) + 1;
    counts.set(suffix, n);
    const metadata: Manifest = { name: `${name}-${n === 1 ? suffix : `${suffix}-${n}`}` };
    if (endpoints.metadata?.namespace) metadata['namespace'] = endpoints.metadata.namespace;
    metadata['labels'] = {
      ...copy(endpoints.metadata?.labels, droppedLabels),
      [labelServiceName]: name,
      [labelManagedBy]: options.managedBy ?? migrationManagedBy,
    };
    const annotations = copy(endpoints.metadata?.annotations, droppedAnnotations);
    if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata,
      addressType: group.family,
      endpoints: group.endpoints,
      ports: group.ports,
    };
  });
}

function copy(map: Record<string, string> | undefined, drop: Set<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).filter(([key]) => !drop.has(key)));
}
