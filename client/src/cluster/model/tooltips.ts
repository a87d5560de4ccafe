/** Markdown tooltips: every field a user asks about when an endpoint does not get traffic. */
import { endpointState, podAddresses } from './kubeTypes';
import type { EndpointSlice, Pod, Service, SliceEndpoint, SlicePort } from './kubeTypes';
import type { EndpointCounts } from './serviceView';

const code = (value: unknown): string => `\`${String(value)}\``;

/** A condition as stored (`unset` for nil) and as the API says to read it. */
function condition(name: string, stored: boolean | null | undefined, effective: boolean): string {
  return `${name}: ${stored === undefined || stored === null ? `unset (means ${effective})` : String(stored)}`;
}

function portList(ports: readonly SlicePort[]): string {
  return (
    ports
      .map(
        (p) =>
          `${p.name ? `${p.name} ` : ''}${p.port ?? '(all ports)'}/${p.protocol ?? 'TCP'}${p.appProtocol ? ` (${p.appProtocol})` : ''}`,
      )
      .join(', ') || '(none)'
  );
}

export function serviceTooltip(service: Service, counts: EndpointCounts, routing: string[] = []): string {
  const spec = service.spec ?? {};
  const selector = Object.entries(spec.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const ports = (spec.ports ?? [])
    .map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol ?? 'TCP'} → ${p.targetPort ?? p.port}`)
    .join(', ');
  return [
    `**Service** ${code(service.metadata.name)} · ${spec.type ?? 'ClusterIP'}${spec.clusterIP ? ` · ${spec.clusterIP}` : ''}`,
    `selector: ${selector ? code(selector) : 'none (endpoints are managed by hand)'}`,
    `ports: ${ports || '(none)'}`,
    `endpoints: ${counts.total} (${counts.ready} ready, ${counts.serving} serving, ${counts.terminating} terminating)`,
    ...routing,
  ].join('\n\n');
}

export function sliceTooltip(slice: EndpointSlice, counts: EndpointCounts): string {
  const labels = slice.metadata.labels ?? {};
  return [
    `**EndpointSlice** ${code(slice.metadata.name)} · ${slice.addressType ?? '?'}`,
    `managed by: ${labels['endpointslice.kubernetes.io/managed-by'] ?? '(no managed-by label)'}`,
    `ports: ${portList(slice.ports ?? [])}`,
    `endpoints: ${counts.total} (${counts.ready} ready, ${counts.serving} serving, ${counts.terminating} terminating)`,
  ].join('\n\n');
}

export function endpointTooltip(
  endpoint: SliceEndpoint,
  addressType: string | undefined,
  ports: readonly SlicePort[],
  slices: string[],
): string {
  const state = endpointState(endpoint.conditions);
  const stored = endpoint.conditions ?? {};
  const hints = [
    ...(endpoint.hints?.forZones ?? []).map((z) => `zone ${z.name}`),
    ...(endpoint.hints?.forNodes ?? []).map((n) => `node ${n.name}`),
  ];
  const ref = endpoint.targetRef;
  return [
    `**Endpoint** ${(endpoint.addresses ?? []).map(code).join(', ')} (${addressType ?? '?'})`,
    [
      condition('ready', stored.ready, state.ready),
      condition('serving', stored.serving, state.serving),
      condition('terminating', stored.terminating, state.terminating),
    ].join(' · '),
    `node: ${endpoint.nodeName ?? '(unset)'} · zone: ${endpoint.zone ?? '(unset)'}${endpoint.hostname ? ` · hostname: ${endpoint.hostname}` : ''}`,
    `hints: ${hints.length > 0 ? hints.join(', ') : '(none)'}`,
    `ports: ${portList(ports)}`,
    `target: ${ref ? `${ref.kind ?? '?'} ${ref.name ?? '?'}` : '(none)'}`,
    `${slices.length > 1 ? 'slices' : 'slice'}: ${slices.join(', ')}`,
  ].join('\n\n');
}

export function podTooltip(pod: Pod): string {
  const conditions = (pod.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(', ');
  return [
    `**Pod** ${code(pod.metadata.name)} · ${pod.status?.phase ?? 'Unknown'}`,
    `IPs: ${podAddresses(pod).join(', ') || '(none)'} · node: ${pod.spec?.nodeName ?? '(unscheduled)'}`,
    `conditions: ${conditions || '(none)'}`,
    ...(pod.metadata.deletionTimestamp ? [`terminating since ${pod.metadata.deletionTimestamp}`] : []),
  ].join('\n\n');
}
