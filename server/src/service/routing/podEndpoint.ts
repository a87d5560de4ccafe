/**
 * One pod as the EndpointSlice controller sees it: whether it may be an endpoint at all, its
 * endpoint for one address type, and its ports. Upstream: k8s.io/endpointslice
 * util/controller_utils.go ShouldPodBeInEndpoints (includeTerminating true) and ShouldSetHostname,
 * utils.go podToEndpoint and getEndpointPorts, reconciler.go reconcileByAddressType (the node
 * look-up).
 */
import { hasAnyIP, podAddressesOf } from './addressFamilies';
import { defaultProtocol, labels, terminalPhases } from './facts';
import { findPort } from './findPort';
import { isPodReady } from './podReadiness';
import type {
  AddressType,
  PodPort,
  PredictedEndpoint,
  PredictedPort,
  RoutingNode,
  RoutingPod,
  RoutingService,
} from './types';

/** Why ShouldPodBeInEndpoints says no, or undefined when the pod may be an endpoint. */
export function exclusion(pod: RoutingPod): 'terminal' | 'unscheduled' | 'no-ip' | undefined {
  if (terminalPhases.includes(pod.status?.phase ?? '')) {
    return 'terminal';
  }
  if (!hasAnyIP(pod)) {
    return (pod.spec?.nodeName ?? '') === '' ? 'unscheduled' : 'no-ip';
  }
  return undefined;
}

/** The Service ports the pod serves, in the Service's order, and the ones it cannot. */
export function podPorts(
  service: RoutingService,
  pod: RoutingPod,
): { ports: PredictedPort[]; perPort: PodPort[] } {
  const servicePorts = service.spec?.ports ?? [];
  const ports: PredictedPort[] = [];
  const perPort: PodPort[] = [];
  for (const servicePort of servicePorts) {
    const name = servicePort.name ?? '';
    const found = findPort(pod, servicePort);
    if ('missing' in found) {
      perPort.push({ servicePort: name, missing: found.missing });
      continue;
    }
    perPort.push({ servicePort: name, port: found.port });
    ports.push({
      name,
      port: found.port,
      protocol: servicePort.protocol ?? defaultProtocol,
      ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
    });
  }
  return { ports, perPort };
}

/** How the node look-up went: found, not found, or nodes not known to the caller. */
export type NodeLookup = { state: 'found'; node: RoutingNode } | { state: 'missing' } | { state: 'unknown' };

export function lookUpNode(nodes: ReadonlyMap<string, RoutingNode> | undefined, pod: RoutingPod): NodeLookup {
  if (!nodes) {
    return { state: 'unknown' };
  }
  const node = nodes.get(pod.spec?.nodeName ?? '');
  return node ? { state: 'found', node } : { state: 'missing' };
}

/** podToEndpoint: conditions from readiness and deletion, node, zone, hostname, targetRef. */
export function podToEndpoint(
  pod: RoutingPod,
  node: NodeLookup,
  service: RoutingService,
  addressType: AddressType,
): PredictedEndpoint {
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata?.deletionTimestamp);
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const nodeName = pod.spec?.nodeName ?? '';
  const zone = node.state === 'found' ? (node.node.metadata?.labels?.[labels.zone] ?? '') : '';
  const endpoint: PredictedEndpoint = {
    addresses: podAddressesOf(pod, addressType),
    conditions: { ready, serving, terminating },
    zoneKnown: node.state !== 'unknown',
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      uid: pod.metadata?.uid ?? '',
    },
  };
  if (nodeName !== '') {
    endpoint.nodeName = nodeName;
  }
  if (zone !== '') {
    endpoint.zone = zone;
  }
  if (shouldSetHostname(pod, service)) {
    endpoint.hostname = pod.spec?.hostname ?? '';
  }
  return endpoint;
}

/** A pod's hostname is published when its subdomain names this Service in the same namespace. */
export function shouldSetHostname(pod: RoutingPod, service: RoutingService): boolean {
  const hostname = pod.spec?.hostname ?? '';
  return (
    hostname !== '' &&
    pod.spec?.subdomain === service.metadata?.name &&
    (pod.metadata?.namespace ?? '') === (service.metadata?.namespace ?? '')
  );
}
