/**
 * The topology-mode annotation's allocation: whether the controller will hint at all, and
 * whether it hints every ready endpoint for its own zone. Upstream: k8s.io/endpointslice
 * topologycache/topologycache.go (SetNodes, getAllocations, AddHints) and utils.go
 * (getGivingAndReceivingZones, isNodeReady, hasExcludedLabels); the refusals are worded as the
 * controller's events (topologycache/event.go).
 */
import { labels, overloadThreshold } from './facts';
import type { PredictedEndpoint, RoutingNode } from './types';

const excludedNodeLabels: readonly string[] = [labels.controlPlane, 'node-role.kubernetes.io/master'];

export type Allocation = { refused: string } | { balanced: boolean };

export function topologyAllocation(
  nodes: readonly RoutingNode[] | undefined,
  readyEndpoints: readonly PredictedEndpoint[],
): Allocation {
  if (!nodes) {
    return { refused: 'the nodes are not known, so the zones’ CPU shares cannot be computed' };
  }
  const ratios = cpuRatiosByZone(nodes);
  if (!ratios) {
    return {
      refused: 'Insufficient Node information: allocatable CPU or zone not specified on one or more nodes',
    };
  }
  const zones = ratios.size;
  const total = readyEndpoints.length;
  if (zones > total) {
    return { refused: `Insufficient number of endpoints (${total} endpoints, ${zones} zones)` };
  }
  const desired = new Map<string, number>();
  let remaining = total;
  for (const [zone, ratio] of ratios) {
    const want = ratio * total;
    const minimum = Math.ceil(want * (1 / (1 + overloadThreshold)));
    remaining -= minimum;
    if (remaining < 0) {
      return {
        refused: `Unable to allocate minimum required endpoints to each zone without exceeding overload threshold (${total} endpoints, ${zones} zones)`,
      };
    }
    desired.set(zone, Math.max(want, minimum));
  }
  if (readyEndpoints.some((endpoint) => (endpoint.zone ?? '') === '')) {
    return { refused: 'One or more endpoints do not have a zone specified' };
  }
  return { balanced: !needsRedistribution(desired, readyEndpoints) };
}

/** SetNodes: ready, not control-plane nodes; every one needs a zone and CPU; at least two zones. */
function cpuRatiosByZone(nodes: readonly RoutingNode[]): Map<string, number> | undefined {
  const byZone = new Map<string, number>();
  let total = 0;
  for (const node of nodes) {
    const nodeLabels = node.metadata?.labels ?? {};
    if (excludedNodeLabels.some((label) => label in nodeLabels) || !nodeReady(node)) {
      continue;
    }
    const zone = nodeLabels[labels.zone] ?? '';
    const cpu = milliCPU(node.status?.allocatable?.['cpu']);
    if (zone === '' || cpu === 0) {
      return undefined;
    }
    total += cpu;
    byZone.set(zone, (byZone.get(zone) ?? 0) + cpu);
  }
  if (total === 0 || byZone.size < 2) {
    return undefined;
  }
  return new Map([...byZone].map(([zone, cpu]) => [zone, cpu / total]));
}

function nodeReady(node: RoutingNode): boolean {
  return (node.status?.conditions ?? []).find((c) => c.type === 'Ready')?.status === 'True';
}

/** A CPU quantity in millicores: "16", "3500m", "1.5"; anything else counts as zero. */
export function milliCPU(quantity: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity ?? '');
  if (!match) {
    return 0;
  }
  const value = Number(match[1]);
  return Math.ceil(match[2] === 'm' ? value : value * 1000);
}

/** getGivingAndReceivingZones' first step: does any zone give and another receive? */
function needsRedistribution(
  desired: ReadonlyMap<string, number>,
  ready: readonly PredictedEndpoint[],
): boolean {
  const allocated = new Map<string, number>();
  for (const endpoint of ready) {
    allocated.set(endpoint.zone ?? '', (allocated.get(endpoint.zone ?? '') ?? 0) + 1);
  }
  let give = 0;
  let receive = 0;
  for (const [zone, target] of desired) {
    const have = allocated.get(zone) ?? 0;
    give = Math.max(give, have - target);
    receive = Math.max(receive, target - have);
  }
  return !((give < 1 && receive < 1) || give < 0.5 || receive < 0.5);
}
