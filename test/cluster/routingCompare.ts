/**
 * Compares the routing engine's prediction with the EndpointSlices kube-controller-manager
 * wrote, as sets: each endpoint becomes one canonical line (address type, the ports of its
 * slice, addresses, conditions, hostname, node, zone, target pod, hints). How the controller
 * splits endpoints into slices is not compared (it depends on history, not on the objects).
 */
import type { PredictedEndpoint, RoutingPrediction } from '../../server/src/service/routing';

interface SlicePort {
  name?: string | null;
  port?: number | null;
  protocol?: string | null;
  appProtocol?: string | null;
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
  hostname?: string;
  nodeName?: string;
  zone?: string;
  targetRef?: { kind?: string; name?: string } | null;
  hints?: { forZones?: { name: string }[] | null; forNodes?: { name: string }[] | null } | null;
}

export interface ActualSlice {
  addressType?: string;
  ports?: SlicePort[] | null;
  endpoints?: SliceEndpoint[] | null;
}

export interface SetDifference {
  missing: string[];
  unexpected: string[];
  compared: number;
}

function portsLine(ports: readonly SlicePort[] | null | undefined): string {
  return (ports ?? [])
    .map(
      (p) =>
        `${p.name ?? ''}:${p.port ?? ''}/${p.protocol ?? ''}${p.appProtocol ? `(${p.appProtocol})` : ''}`,
    )
    .sort()
    .join(',');
}

function line(
  addressType: string,
  ports: string,
  endpoint: {
    addresses: readonly string[];
    ready?: boolean | null;
    serving?: boolean | null;
    terminating?: boolean | null;
    hostname?: string;
    nodeName?: string;
    zone?: string;
    pod?: string;
    forZones?: readonly string[];
    forNodes?: readonly string[];
  },
): string {
  const flag = (value: boolean | null | undefined): string =>
    value === undefined || value === null ? '-' : String(value);
  return [
    addressType,
    `ports=[${ports}]`,
    `addr=${endpoint.addresses.join(',')}`,
    `ready=${flag(endpoint.ready)} serving=${flag(endpoint.serving)} terminating=${flag(endpoint.terminating)}`,
    `host=${endpoint.hostname ?? ''}`,
    `node=${endpoint.nodeName ?? ''}`,
    `zone=${endpoint.zone ?? ''}`,
    `pod=${endpoint.pod ?? ''}`,
    `hints=${(endpoint.forZones ?? []).join(',')}|${(endpoint.forNodes ?? []).join(',')}`,
  ].join(' ');
}

export function actualLines(slices: readonly ActualSlice[]): string[] {
  return slices.flatMap((slice) =>
    (slice.endpoints ?? []).map((e) =>
      line(slice.addressType ?? '', portsLine(slice.ports), {
        addresses: e.addresses ?? [],
        ready: e.conditions?.ready,
        serving: e.conditions?.serving,
        terminating: e.conditions?.terminating,
        hostname: e.hostname,
        nodeName: e.nodeName,
        zone: e.zone,
        pod: e.targetRef?.kind === 'Pod' ? e.targetRef.name : undefined,
        forZones: (e.hints?.forZones ?? []).map((z) => z.name),
        forNodes: (e.hints?.forNodes ?? []).map((n) => n.name),
      }),
    ),
  );
}

export function predictedLines(prediction: RoutingPrediction): string[] {
  return prediction.groups.flatMap((group) =>
    group.endpoints.map((e: PredictedEndpoint) =>
      line(group.addressType, portsLine(group.ports), {
        addresses: e.addresses,
        ready: e.conditions.ready,
        serving: e.conditions.serving,
        terminating: e.conditions.terminating,
        hostname: e.hostname,
        nodeName: e.nodeName,
        zone: e.zone,
        pod: e.targetRef?.kind === 'Pod' ? e.targetRef.name : undefined,
        forZones: e.hints?.forZones,
        forNodes: e.hints?.forNodes,
      }),
    ),
  );
}

/** Multiset difference: what the prediction has that the cluster lacks, and the reverse. */
export function setDifference(predicted: readonly string[], actual: readonly string[]): SetDifference {
  const counts = new Map<string, number>();
  actual.forEach((entry) => counts.set(entry, (counts.get(entry) ?? 0) + 1));
  const missing: string[] = [];
  for (const entry of predicted) {
    const left = counts.get(entry) ?? 0;
    if (left > 0) {
      counts.set(entry, left - 1);
    } else {
      missing.push(entry);
    }
  }
  const unexpected = [...counts].flatMap(([entry, left]) => Array<string>(left).fill(entry));
  return { missing, unexpected, compared: Math.max(predicted.length, actual.length) };
}
