/**
 * What the mirroring controller makes of a selectorless Service's Endpoints. Upstream:
 * pkg/controller/endpointslicemirroring (shouldMirror: the skip-mirror label and the
 * leader-election annotation; syncEndpoints: only for a Service without selector; reconcile:
 * RepackSubsets, then per repacked subset at most --mirroring-max-endpoints-per-subset (1000)
 * addresses, ready ones first; utils.go addressToEndpoint) and pkg/api/v1/endpoints RepackSubsets.
 */
import { ipString, isIPv4, parseIPSloppy } from '../validation/ip';
import { annotations, defaultProtocol, labels } from './facts';
import type {
  AddressType,
  ControllerOptions,
  PredictedEndpoint,
  PredictedPort,
  PredictedSliceGroup,
  RoutingEndpointAddress,
  RoutingEndpoints,
} from './types';

/** Why the Endpoints is not mirrored, or undefined when it is. */
export function mirrorRefusal(endpoints: RoutingEndpoints): string | undefined {
  if (endpoints.metadata?.labels?.[labels.skipMirror] === 'true') {
    return `its label ${labels.skipMirror}: "true" tells the mirroring controller to leave it alone`;
  }
  if (endpoints.metadata?.annotations?.[annotations.leaderElection] !== undefined) {
    return 'it carries a leader-election record, which is never mirrored';
  }
  return undefined;
}

export interface MirrorResult {
  groups: PredictedSliceGroup[];
  /** Addresses left out for exceeding the per-subset maximum. */
  truncated: number;
  /** Addresses that are not IPs (the controller skips them). */
  invalid: number;
}

interface RepackedAddress {
  address: RoutingEndpointAddress;
  ready: boolean;
}

export function mirrorEndpoints(endpoints: RoutingEndpoints, options: ControllerOptions): MirrorResult {
  const result: MirrorResult = { groups: [], truncated: 0, invalid: 0 };
  const byKey = new Map<string, PredictedSliceGroup>();
  for (const subset of repack(endpoints)) {
    const ordered = [...subset.addresses.filter((a) => a.ready), ...subset.addresses.filter((a) => !a.ready)];
    let added = 0;
    for (const { address, ready } of ordered) {
      if (added >= options.mirroringMaxEndpointsPerSubset) {
        result.truncated++;
        continue;
      }
      const converted = addressToEndpoint(address, ready);
      if (!converted) {
        result.invalid++;
        continue;
      }
      added++;
      groupFor(byKey, converted.addressType, subset.ports).endpoints.push(converted.endpoint);
    }
  }
  result.groups = [...byKey.values()];
  return result;
}

function groupFor(
  byKey: Map<string, PredictedSliceGroup>,
  addressType: AddressType,
  ports: PredictedPort[],
): PredictedSliceGroup {
  const key = `${addressType} ${JSON.stringify(ports)}`;
  let group = byKey.get(key);
  if (!group) {
    group = { addressType, ports, endpoints: [] };
    byKey.set(key, group);
  }
  return group;
}

function addressToEndpoint(
  address: RoutingEndpointAddress,
  ready: boolean,
): { endpoint: PredictedEndpoint; addressType: AddressType } | undefined {
  const ip = parseIPSloppy(address.ip ?? '');
  if (ip === null) {
    return undefined;
  }
  const endpoint: PredictedEndpoint = { addresses: [ipString(ip)], conditions: { ready }, zoneKnown: true };
  if (address.targetRef) {
    endpoint.targetRef = address.targetRef;
  }
  if (address.nodeName) {
    endpoint.nodeName = address.nodeName;
  }
  if (address.hostname) {
    endpoint.hostname = address.hostname;
  }
  return { endpoint, addressType: isIPv4(ip) ? 'IPv4' : 'IPv6' };
}

/**
 * RepackSubsets: per port, the set of addresses (one per IP and targetRef UID; an address seen
 * not ready for a port stays not ready), then ports with the same address set form one subset.
 * Addresses are sorted by IP text, as SortSubsets does, so the truncation cuts the same ones.
 */
function repack(endpoints: RoutingEndpoints): { ports: PredictedPort[]; addresses: RepackedAddress[] }[] {
  const byPort = new Map<
    string,
    { port: PredictedPort | undefined; addresses: Map<string, RepackedAddress> }
  >();
  for (const subset of endpoints.subsets ?? []) {
    const ports = (subset.ports ?? []).map(toPort);
    for (const port of ports.length > 0 ? ports : [undefined]) {
      const portKey = JSON.stringify(port ?? null);
      const entry = byPort.get(portKey) ?? { port, addresses: new Map<string, RepackedAddress>() };
      byPort.set(portKey, entry);
      const add = (address: RoutingEndpointAddress, ready: boolean): void => {
        const key = `${address.ip ?? ''} ${address.targetRef?.uid ?? ''}`;
        const existing = entry.addresses.get(key);
        entry.addresses.set(key, {
          address: existing?.address ?? address,
          ready: existing ? existing.ready && ready : ready,
        });
      };
      (subset.addresses ?? []).forEach((address) => add(address, true));
      (subset.notReadyAddresses ?? []).forEach((address) => add(address, false));
    }
  }
  const bySet = new Map<string, { ports: PredictedPort[]; addresses: RepackedAddress[] }>();
  for (const { port, addresses } of byPort.values()) {
    const sorted = [...addresses.values()].sort(compareAddresses);
    const setKey = JSON.stringify(sorted.map((a) => [a.address.ip, a.address.targetRef?.uid ?? '', a.ready]));
    const entry = bySet.get(setKey) ?? { ports: [], addresses: sorted };
    if (port) {
      entry.ports.push(port);
    }
    bySet.set(setKey, entry);
  }
  return [...bySet.values()];
}

function compareAddresses(a: RepackedAddress, b: RepackedAddress): number {
  const ipA = a.address.ip ?? '';
  const ipB = b.address.ip ?? '';
  if (ipA !== ipB) {
    return ipA < ipB ? -1 : 1;
  }
  const uidA = a.address.targetRef?.uid ?? '';
  const uidB = b.address.targetRef?.uid ?? '';
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
}

function toPort(port: {
  name?: string | null;
  port?: number | null;
  protocol?: string | null;
  appProtocol?: string | null;
}): PredictedPort {
  return {
    name: port.name ?? '',
    port: port.port ?? 0,
    protocol: port.protocol ?? defaultProtocol,
    ...(port.appProtocol ? { appProtocol: port.appProtocol } : {}),
  };
}
