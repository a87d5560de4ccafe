/**
 * What a Service port's targetPort resolves to on one pod. Upstream: k8s.io/endpointslice
 * utils.go FindPort (and pkg/api/v1/pod FindPort): a number is taken as is, whatever the pod
 * declares; a name must equal a container port's name AND its protocol must equal the Service
 * port's; regular containers are searched first, then sidecars (init containers with
 * restartPolicy Always). Nothing else is searched.
 */
import { defaultProtocol } from './facts';
import type { RoutingContainer, RoutingPod, RoutingServicePort } from './types';

export type FoundPort = { port: number } | { missing: string };

export function findPort(pod: RoutingPod, servicePort: RoutingServicePort): FoundPort {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') {
    return { port: target };
  }
  if (typeof target !== 'string' || target === '') {
    return { missing: 'the Service port has no targetPort' };
  }
  const protocol = servicePort.protocol ?? defaultProtocol;
  const found = searchContainers(podContainers(pod), target, protocol);
  if (found !== undefined) {
    return { port: found };
  }
  return { missing: missingText(pod, target, protocol) };
}

/** Containers, then sidecars, in the order FindPort searches them. */
function podContainers(pod: RoutingPod): RoutingContainer[] {
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return [...(pod.spec?.containers ?? []), ...sidecars];
}

function searchContainers(
  containers: readonly RoutingContainer[],
  name: string,
  protocol: string,
): number | undefined {
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === name && (port.protocol ?? defaultProtocol) === protocol) {
        return port.containerPort ?? 0;
      }
    }
  }
  return undefined;
}

/** Names the ports the pod does declare, and a same-named port of another protocol. */
function missingText(pod: RoutingPod, name: string, protocol: string): string {
  const declared = podContainers(pod).flatMap((c) =>
    (c.ports ?? []).map((p) => ({
      container: c.name ?? '',
      name: p.name ?? '',
      protocol: p.protocol ?? defaultProtocol,
    })),
  );
  const otherProtocol = declared.find((p) => p.name === name);
  if (otherProtocol) {
    return `container ${otherProtocol.container} names port "${name}" with protocol ${otherProtocol.protocol}, not ${protocol}`;
  }
  const names = declared.filter((p) => p.name !== '').map((p) => `"${p.name}"`);
  return names.length > 0
    ? `no container names a port "${name}" (the containers name ${[...new Set(names)].join(', ')})`
    : `no container names a port "${name}" (the containers name no ports)`;
}
