/**
 * How proxies pair a Service's ports with the ports of its endpoints: by name (kube-proxy's
 * ServicePortName; the EndpointSlice field documentation says the names must match). A slice or
 * Endpoints port whose name no Service port has carries no traffic. A Service without ports
 * (headless, used for DNS only) pairs nothing and so finds nothing unpaired.
 */
import type { RoutingServicePort } from './types';

/** The names among `endpointPortNames` that no port of the Service has ('' is the unnamed port). */
export function unpairedPortNames(
  servicePorts: readonly RoutingServicePort[] | null | undefined,
  endpointPortNames: readonly string[],
): string[] {
  if (!servicePorts || servicePorts.length === 0) {
    return [];
  }
  const names = new Set(servicePorts.map((port) => port.name ?? ''));
  return endpointPortNames.filter((name) => !names.has(name));
}
