/**
 * How each node looks: label, description, tooltip (Markdown), codicon and colour, contextValue
 * (what package.json's menus key on) and whether it expands. Plain data, so the mapping is unit
 * tested without VS Code; clusterTreeProvider.ts only turns it into a TreeItem.
 */
import type { ClusterModel } from './clusterModel';
import { endpointState, podAddresses, podReady } from './kubeTypes';
import type { EndpointSlice, Pod, Service, SliceEndpoint } from './kubeTypes';
import type { NamespaceData } from './namespaceData';
import type { ClusterNode, MessageNode, NodeAction, PageNode } from './nodes';
import { longListOf, maxListed, pageOwner } from './paging';
import {
  mergedCounts,
  mergedView,
  serviceFindings,
  serviceHealth,
  sliceCounts,
  sliceEndpoint,
} from './serviceView';
import type { EndpointCounts, ServiceHealth } from './serviceView';
import { legacyAddresses } from './legacyView';
import { routingTooltip, routingVerdict } from './routingView';
import { endpointTooltip, podTooltip, serviceTooltip, sliceTooltip } from './tooltips';
import { dnsTooltip, serviceDns } from './dnsView';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface NodePresentation {
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id and an optional theme colour id. */
  icon: { id: string; color?: string };
  contextValue: string;
  collapsible: Collapsible;
  command?: NodeAction;
  /**
   * The rest of the tooltip, computed only when the item is hovered (the tree adapter resolves it
   * then): a Service's whole tooltip (its routing and DNS lines read all its endpoints), which
   * would otherwise cost every render of every Service.
   */
  tooltipOnHover?: () => string;
}

/** The whole tooltip: what `tooltip` says and what `tooltipOnHover` adds. */
export function fullTooltip(look: NodePresentation): string | undefined {
  const parts = [look.tooltip, look.tooltipOnHover?.()].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

export const colors = {
  ok: 'testing.iconPassed',
  bad: 'testing.iconFailed',
  partial: 'list.warningForeground',
  muted: 'disabledForeground',
} as const;

const messageIcons: Record<MessageNode['topic'], string> = {
  trust: 'workspace-untrusted',
  kubeconfig: 'file',
  unreachable: 'debug-disconnect',
  tls: 'shield',
  credentials: 'key',
  forbidden: 'lock',
  recovering: 'sync',
  loading: 'loading~spin',
  empty: 'info',
  deprecated: 'history',
  mismatch: 'warning',
  error: 'error',
};

/** undefined when the node's object is gone (the tree refresh that removes it is on its way). */
export function present(model: ClusterModel, node: ClusterNode): NodePresentation | undefined {
  switch (node.kind) {
    case 'message':
      return presentMessage(node);
    case 'context': {
      const info = model.contextInfo(node.context);
      return {
        label: node.context,
        description: [info?.server, info?.current ? 'current' : undefined].filter(Boolean).join(' · '),
        tooltip: info
          ? `**Context** ${info.name}\n\ncluster \`${info.cluster}\` · user \`${info.user}\`${info.namespace ? ` · namespace \`${info.namespace}\`` : ''}\n\n${info.server ?? ''}`
          : node.context,
        icon: { id: 'cloud' },
        contextValue: 'context',
        collapsible: info?.current ? 'expanded' : 'collapsed',
      };
    }
    case 'namespace': {
      const data = model.namespace(node.context, node.namespace);
      const count = data?.services.size ?? 0;
      const services = data?.known('services')
        ? `${count} ${count === 1 ? 'Service' : 'Services'}`
        : undefined;
      return {
        label: node.namespace,
        description: services,
        icon: { id: 'symbol-namespace' },
        contextValue: 'namespace',
        collapsible: 'collapsed',
      };
    }
  }
  const data = model.namespace(node.context, node.namespace);
  return data ? presentObject(data, node, model.dnsDomain) : undefined;
}

function presentMessage(node: MessageNode): NodePresentation {
  const color = { error: colors.bad, warning: colors.partial, info: undefined, loading: undefined }[
    node.severity
  ];
  return {
    label: node.text,
    tooltip: node.detail
      ? `${node.detail}${node.action ? `\n\n*Click: ${node.action.title}*` : ''}`
      : undefined,
    icon: { id: messageIcons[node.topic], color },
    contextValue: `message.${node.topic}`,
    collapsible: 'none',
    command: node.action,
  };
}

function presentObject(
  data: NamespaceData,
  node: Exclude<ClusterNode, { kind: 'message' | 'context' | 'namespace' }>,
  clusterDomain: string,
): NodePresentation | undefined {
  switch (node.kind) {
    case 'service': {
      const service = data.services.get(node.name);
      return service && presentService(data, service, clusterDomain);
    }
    case 'orphans':
      return {
        label: node.service ?? '(no service-name label)',
        description: data.known('services')
          ? node.service === undefined
            ? 'slices for no Service'
            : 'Service does not exist'
          : 'Service not readable',
        icon: { id: 'warning', color: data.known('services') ? colors.partial : colors.muted },
        contextValue: 'orphans',
        collapsible: 'collapsed',
      };
    case 'merged': {
      return {
        label: 'All endpoints (merged)',
        description: countsText(mergedCounts(data, node.service), true),
        tooltip: `The endpoints of all ${data.slicesOf(node.service).length} slices of ${node.service}, de-duplicated by address (a ready copy wins). Counts use the API's nil semantics: an unset ready or serving means true, an unset terminating means false.`,
        icon: { id: 'layers' },
        contextValue: 'merged',
        collapsible: 'collapsed',
      };
    }
    case 'slice': {
      const slice = data.slices.get(node.name);
      return slice && presentSlice(data, slice);
    }
    case 'endpoint': {
      const slice = data.slices.get(node.slice);
      const found = slice && sliceEndpoint(data, slice, node.key);
      return (
        found && presentEndpoint(found.endpoint, slice.addressType, slice.ports ?? [], [slice.metadata.name])
      );
    }
    case 'mergedEndpoint': {
      const found = mergedView(data, node.service).byKey.get(node.key);
      const ports = (found && data.slices.get(found.slices[0] ?? '')?.ports) ?? [];
      return found && presentEndpoint(found.endpoint, found.addressType, ports, found.slices);
    }
    case 'legacyEndpoints': {
      const addresses = legacyAddresses(data.legacyEndpoints.get(node.name));
      const ready = addresses.filter((a) => a.ready).length;
      return {
        label: node.name,
        description: `v1 Endpoints (deprecated) · ${ready} ready, ${addresses.length - ready} not ready`,
        tooltip:
          'core/v1 Endpoints, deprecated since Kubernetes 1.33. kube-proxy and other consumers read EndpointSlices.',
        icon: { id: 'history', color: colors.muted },
        contextValue: 'legacyEndpoints',
        collapsible: 'collapsed',
      };
    }
    case 'legacyAddress': {
      const found = legacyAddresses(data.legacyEndpoints.get(node.endpoints)).find((a) => a.key === node.key);
      if (!found) {
        return undefined;
      }
      const ports = (found.subset.ports ?? [])
        .map((p) => `${p.name ? `${p.name}:` : ''}${p.port}/${p.protocol ?? 'TCP'}`)
        .join(', ');
      return {
        label: found.address.ip,
        description: [found.ready ? 'ready' : 'not ready', found.address.nodeName]
          .filter(Boolean)
          .join(' · '),
        tooltip: `**${found.address.ip}** (${found.ready ? 'addresses' : 'notReadyAddresses'})\n\nports: ${ports || '(none)'}${found.address.hostname ? `\n\nhostname: ${found.address.hostname}` : ''}`,
        icon: { id: 'circle-filled', color: found.ready ? colors.ok : colors.bad },
        contextValue: found.address.targetRef?.kind === 'Pod' ? 'legacyAddress.pod' : 'legacyAddress',
        collapsible: found.address.targetRef ? 'collapsed' : 'none',
      };
    }
    case 'page':
      return presentPage(data, node);
    case 'pod':
      return presentPod(
        node.name,
        data.known('pods') ? data.pods.get(node.name) : undefined,
        data.listing('pods'),
      );
  }
}

/** A range of a long list: its first and last item, and where it sits in the list. */
function presentPage(data: NamespaceData, node: PageNode): NodePresentation | undefined {
  const list = longListOf(data, pageOwner(node), node.list);
  if (!list || node.from >= list.total) {
    return undefined;
  }
  const last = Math.min(node.to, list.total) - 1;
  const n = (value: number): string => value.toLocaleString('en-US');
  const what = node.list === 'endpoints' ? 'endpoints' : 'slices';
  return {
    label: `${list.label(node.from)} … ${list.label(last)}`,
    description: `${n(node.from + 1)}–${n(last + 1)} of ${n(list.total)} ${what}`,
    tooltip: `${what[0].toUpperCase()}${what.slice(1)} ${n(node.from + 1)} to ${n(last + 1)} of ${n(list.total)}, in the list's order. Lists longer than ${n(maxListed)} are shown in ranges.`,
    icon: { id: 'list-flat' },
    contextValue: 'page',
    collapsible: 'collapsed',
  };
}

export function countsText(counts: EndpointCounts, full = false): string {
  const parts = [`${counts.ready}/${counts.total} ready`];
  if (full || counts.serving !== counts.ready) {
    parts.push(`${counts.serving} serving`);
  }
  if (full || counts.terminating > 0) {
    parts.push(`${counts.terminating} terminating`);
  }
  return parts.join(' · ');
}

/** A Service's icon by its health: an outage gets the error icon, not just a colour. */
const serviceIcons: Record<ServiceHealth, NodePresentation['icon']> = {
  external: { id: 'server-process', color: colors.muted },
  unknown: { id: 'server-process', color: colors.muted },
  outage: { id: 'error', color: colors.bad },
  degraded: { id: 'server-process', color: colors.partial },
  healthy: { id: 'server-process', color: colors.ok },
};

function presentService(data: NamespaceData, service: Service, clusterDomain: string): NodePresentation {
  const slices = data.slicesOf(service.metadata.name);
  const counts = mergedCounts(data, service.metadata.name);
  const findings = serviceFindings(data, service).length;
  const health = serviceHealth(data, service, findings);
  const parts =
    health === 'external'
      ? [`ExternalName → ${service.spec?.externalName ?? ''}`]
      : [
          ...routingVerdict(data, service, counts),
          countsText(counts),
          `${slices.length} ${slices.length === 1 ? 'slice' : 'slices'}`,
        ];
  if (health === 'outage' && counts.ready > 0) {
    parts.push('no ports'); // ready endpoints that nothing can reach
  }
  if (findings > 0) {
    parts.push(`${findings} ${findings === 1 ? 'warning' : 'warnings'}`);
  }
  return {
    label: service.metadata.name,
    description: parts.join(' · '),
    // All of it on hover: its routing lines read every endpoint of the Service, which a render of
    // every Service (and every update of a Service of 100,000 endpoints) would otherwise pay.
    tooltipOnHover: () =>
      [
        serviceTooltip(service, counts, routingTooltip(data, service)),
        dnsTooltip(serviceDns(data, service, clusterDomain)),
      ].join('\n\n'),
    icon: serviceIcons[health],
    contextValue: 'service',
    collapsible: 'collapsed',
  };
}

function presentSlice(data: NamespaceData, slice: EndpointSlice): NodePresentation {
  const counts = sliceCounts(data, slice);
  const ports = (slice.ports ?? [])
    .map((p) => `${p.name ? `${p.name}:` : ''}${p.port ?? '*'}/${p.protocol ?? 'TCP'}`)
    .join(', ');
  return {
    label: slice.metadata.name,
    description: [slice.addressType, countsText(counts), ports].filter(Boolean).join(' · '),
    tooltip: sliceTooltip(slice, counts),
    icon: { id: 'symbol-array' },
    contextValue: 'endpointSlice',
    collapsible: 'collapsed',
  };
}

function presentEndpoint(
  endpoint: SliceEndpoint,
  addressType: string | undefined,
  ports: EndpointSlice['ports'],
  slices: string[],
): NodePresentation {
  const state = endpointState(endpoint.conditions);
  const status = state.ready
    ? 'ready'
    : state.terminating
      ? state.serving
        ? 'terminating, serving'
        : 'terminating'
      : 'not ready';
  const color = state.ready ? colors.ok : state.serving ? colors.partial : colors.bad;
  const hasPod = endpoint.targetRef?.kind === 'Pod';
  const description = [
    status,
    endpoint.nodeName,
    endpoint.zone,
    slices.length > 1 ? `in ${slices.length} slices` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    label: (endpoint.addresses ?? []).join(', ') || '(no address)',
    description,
    tooltip: endpointTooltip(endpoint, addressType, ports ?? [], slices),
    icon: { id: 'circle-filled', color },
    contextValue: hasPod ? 'endpoint.pod' : 'endpoint',
    collapsible: endpoint.targetRef ? 'collapsed' : 'none',
  };
}

function presentPod(name: string, pod: Pod | undefined, loading: boolean): NodePresentation {
  if (!pod) {
    return {
      label: name,
      // Pods are listed after the Services and slices a namespace shows first.
      description: loading ? 'pod (loading…)' : 'pod (details not readable)',
      icon: { id: 'package', color: colors.muted },
      contextValue: 'pod',
      collapsible: 'none',
    };
  }
  const ready = podReady(pod);
  const phase = pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Unknown');
  const description = [phase, ready ? 'Ready' : 'not ready', podAddresses(pod).join(', ') || 'no IP'].join(
    ' · ',
  );
  return {
    label: name,
    description,
    tooltip: podTooltip(pod),
    icon: { id: 'package', color: ready ? colors.ok : colors.bad },
    contextValue: 'pod',
    collapsible: 'none',
  };
}
