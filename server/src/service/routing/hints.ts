/**
 * Topology hints: which ready endpoints the controller marks for which zones or nodes.
 * Upstream: k8s.io/endpointslice reconciler.go (validTrafficDistribution, hintsEnabled: the
 * annotation wins over the field), trafficdist/trafficdist.go (PreferClose / PreferSameZone: a
 * ready endpoint with a zone gets a hint for its own zone; PreferSameNode adds its node), and
 * topologycache/topologycache.go (the topology-mode annotation: hints in proportion to the
 * zones' allocatable CPU, or none at all).
 */
import { annotations, topologyModeOn, trafficDistributions } from './facts';
import { topologyAllocation } from './topologyCache';
import type {
  ControllerOptions,
  HintsVerdict,
  PredictedEndpoint,
  RoutingNode,
  RoutingService,
} from './types';

export function hintsEnabled(service: RoutingService): boolean {
  const values = service.metadata?.annotations ?? {};
  const value = values[annotations.topologyAwareHints] ?? values[annotations.topologyMode];
  return value !== undefined && topologyModeOn.includes(value);
}

export function validTrafficDistribution(service: RoutingService, options: ControllerOptions): boolean {
  const value = service.spec?.trafficDistribution ?? undefined;
  if (value === trafficDistributions.preferClose) {
    return true;
  }
  return (
    options.preferSameTrafficDistribution &&
    (value === trafficDistributions.preferSameZone || value === trafficDistributions.preferSameNode)
  );
}

/**
 * Sets `hints` on the endpoints of one address type (in place: they were built for this
 * prediction) and says what was applied and why.
 */
export function applyHints(
  service: RoutingService,
  endpoints: readonly PredictedEndpoint[],
  nodes: readonly RoutingNode[] | undefined,
  options: ControllerOptions,
): HintsVerdict {
  if (hintsEnabled(service)) {
    return topologyModeHints(endpoints, nodes);
  }
  if (validTrafficDistribution(service, options)) {
    return distributionHints(service, endpoints);
  }
  const asked = service.spec?.trafficDistribution;
  return {
    source: 'none',
    applied: 'none',
    why: asked ? `trafficDistribution ${asked} is not one this controller acts on` : 'no hints asked for',
  };
}

function distributionHints(service: RoutingService, endpoints: readonly PredictedEndpoint[]): HintsVerdict {
  const perNode = service.spec?.trafficDistribution === trafficDistributions.preferSameNode;
  for (const endpoint of endpoints) {
    if (!endpoint.conditions.ready) {
      continue;
    }
    const forZones = endpoint.zone !== undefined ? [endpoint.zone] : undefined;
    const forNodes = perNode && endpoint.nodeName !== undefined ? [endpoint.nodeName] : undefined;
    if (forZones || forNodes) {
      endpoint.hints = { ...(forZones ? { forZones } : {}), ...(forNodes ? { forNodes } : {}) };
    }
  }
  return {
    source: 'trafficDistribution',
    applied: perNode ? 'zone-and-node' : 'zone',
    why: `trafficDistribution ${service.spec?.trafficDistribution ?? ''}: each ready endpoint is hinted for its own ${perNode ? 'zone and node' : 'zone'}`,
  };
}

function topologyModeHints(
  endpoints: readonly PredictedEndpoint[],
  nodes: readonly RoutingNode[] | undefined,
): HintsVerdict {
  const ready = endpoints.filter((endpoint) => endpoint.conditions.ready);
  const allocation = topologyAllocation(nodes, ready);
  if ('refused' in allocation) {
    return { source: 'topology-mode', applied: 'none', why: allocation.refused };
  }
  for (const endpoint of ready) {
    endpoint.hints = { forZones: [endpoint.zone ?? ''] };
  }
  return {
    source: 'topology-mode',
    applied: 'zone',
    why: allocation.balanced
      ? 'topology-mode Auto: each ready endpoint is hinted for its own zone'
      : 'topology-mode Auto: zones are out of proportion to their CPU, so the controller moves some hints to other zones',
  };
}
