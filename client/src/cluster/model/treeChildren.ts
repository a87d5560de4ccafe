/**
 * The children of every node kind, computed from the model on demand. Status and findings come
 * first as message nodes, then the data, so a failure is the first thing a user reads.
 */
import type { EndpointAddress, SliceEndpoint } from './kubeTypes';
import type { ClusterModel } from './clusterModel';
import { podName, sliceService } from './namespaceData';
import type { NamespaceData } from './namespaceData';
import { chooseNamespacesAction, errorMessage, loadingMessage, message, untrustedMessage } from './messages';
import { childOf, ids } from './nodes';
import type { ClusterNode, ContextNode, NamespaceNode } from './nodes';
import {
  endpointFindings,
  keyedEndpoints,
  sliceEndpoint,
  mergedView,
  orphanFinding,
  serviceFindings,
  sliceFindings,
} from './serviceView';
import { legacyAddresses, writtenByEndpointsController } from './legacyView';
import { routingMessages, serviceRouting } from './routingView';
import { findingMessages, statusMessages } from './statusMessages';
import { mergedEndpointList, pageChildren, pagedNodes, sliceList } from './paging';

export function children(model: ClusterModel, node?: ClusterNode): ClusterNode[] {
  if (!node) {
    return rootChildren(model);
  }
  if (node.kind === 'context') {
    return contextChildren(model, node);
  }
  if (node.kind === 'message') {
    return [];
  }
  const data = model.namespace(node.context, node.namespace);
  if (node.kind === 'namespace') {
    return data ? namespaceChildren(data, node) : [loadingMessage(node, 'namespace')];
  }
  return data ? objectChildren(data, node) : [];
}

function rootChildren(model: ClusterModel): ClusterNode[] {
  if (!model.trusted) {
    return [untrustedMessage()];
  }
  const kubeconfig = model.kubeconfig;
  switch (kubeconfig.state) {
    case 'idle':
    case 'loading':
      return [loadingMessage(undefined, 'kubeconfig')];
    case 'failed':
      // No kubeconfig at all: the view's welcome content (package.json viewsWelcome) explains
      // it with buttons, shown only while the tree is empty.
      return noKubeconfig(model)
        ? []
        : [errorMessage(undefined, 'kubeconfig', kubeconfig.error, 'the kubeconfig')];
    case 'loaded':
      return kubeconfig.contexts.length > 0
        ? kubeconfig.contexts.map((c) => ({ kind: 'context', id: ids.context(c.name), context: c.name }))
        : [
            message(undefined, 'no-contexts', {
              severity: 'info',
              topic: 'kubeconfig',
              text: `No contexts in ${kubeconfig.files.join(', ')}`,
            }),
          ];
  }
}

/** Whether there is no kubeconfig to read: the view shows its welcome content instead of a tree. */
export function noKubeconfig(model: ClusterModel): boolean {
  return (
    model.trusted && model.kubeconfig.state === 'failed' && model.kubeconfig.error.kind === 'no-kubeconfig'
  );
}

/** The node of one namespace under its context, as the tree shows it. */
export function namespaceNode(parent: ContextNode, namespace: string): NamespaceNode {
  return {
    kind: 'namespace',
    id: ids.namespace(parent.context, namespace),
    parent,
    context: parent.context,
    namespace,
  };
}

function contextChildren(model: ClusterModel, node: ContextNode): ClusterNode[] {
  const chosen = model.filter(node.context);
  if (chosen) {
    return chosen.map((ns) => namespaceNode(node, ns));
  }
  const list = model.namespaceList(node.context);
  const info = model.contextInfo(node.context);
  switch (list.state) {
    case 'idle':
    case 'loading':
      return [loadingMessage(node, 'namespaces')];
    case 'listed':
      return list.names.length > 0
        ? list.names.map((ns) => namespaceNode(node, ns))
        : [message(node, 'empty', { severity: 'info', topic: 'empty', text: 'No namespaces' })];
    case 'failed':
      if (list.error.kind !== 'forbidden') {
        return [errorMessage(node, 'namespaces', list.error, info?.server ?? node.context)];
      }
      // Users who may not list namespaces still see the one their context names (or default).
      return [
        message(node, 'namespaces', {
          severity: 'warning',
          topic: 'forbidden',
          text: 'You may not list namespaces (403)',
          detail: `Showing "${info?.namespace ?? 'default'}" from the context. Use Choose Namespaces to type the names you may read.`,
          action: chooseNamespacesAction(node.context),
        }),
        namespaceNode(node, info?.namespace ?? 'default'),
      ];
  }
}

function namespaceChildren(data: NamespaceData, node: NamespaceNode): ClusterNode[] {
  const status = statusMessages(data, node);
  if (data.loading && status.length === 0) {
    return [loadingMessage(node, `${node.namespace}`)];
  }
  const groups = new Set<string | undefined>([...data.slices.values()].map(sliceService));
  for (const [name, endpoints] of data.legacyEndpoints) {
    if (!writtenByEndpointsController(endpoints)) {
      groups.add(name);
    }
  }
  const services = [...data.services.keys()].sort();
  const orphans = [...groups]
    .filter((g) => g === undefined || !data.services.has(g))
    .sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const content: ClusterNode[] = [
    ...services.map((name) => ({
      kind: 'service' as const,
      id: ids.service(node.context, node.namespace, name),
      parent: node,
      context: node.context,
      namespace: node.namespace,
      name,
    })),
    ...orphans.map((service) => ({
      kind: 'orphans' as const,
      id: ids.orphans(node.context, node.namespace, service),
      parent: node,
      context: node.context,
      namespace: node.namespace,
      service,
    })),
  ];
  if (content.length === 0 && status.length === 0) {
    return [
      message(node, 'empty', { severity: 'info', topic: 'empty', text: `No Services in ${node.namespace}` }),
    ];
  }
  return [...status, ...content];
}

function objectChildren(
  data: NamespaceData,
  node: Exclude<ClusterNode, { kind: 'message' | 'context' | 'namespace' }>,
): ClusterNode[] {
  const scope = { context: node.context, namespace: node.namespace };
  switch (node.kind) {
    case 'service':
      return serviceChildren(data, node);
    case 'orphans':
      return [
        ...(data.known('services') ? findingMessages(node, [orphanFinding(node.service)]) : []),
        ...groupObjects(data, node, node.service),
      ];
    case 'merged': {
      const merged = mergedEndpointList(data, node.service);
      return merged.total > 0
        ? pagedNodes(node, 'endpoints', merged)
        : [message(node, 'empty', { severity: 'info', topic: 'empty', text: 'No endpoints' })];
    }
    case 'page':
      return pageChildren(data, node);
    case 'slice': {
      const slice = data.slices.get(node.name);
      if (!slice) {
        return [];
      }
      const endpoints = keyedEndpoints(slice).map(({ key }) =>
        childOf(node, 'e', key, { kind: 'endpoint' as const, ...scope, slice: node.name, key }),
      );
      return [
        ...findingMessages(node, sliceFindings(data, slice)),
        ...(endpoints.length > 0
          ? endpoints
          : [message(node, 'empty', { severity: 'info', topic: 'empty', text: 'No endpoints' })]),
      ];
    }
    case 'endpoint':
    case 'mergedEndpoint':
      return endpointChildren(data, node, findEndpoint(data, node));
    case 'legacyEndpoints':
      return legacyChildren(data, node);
    case 'legacyAddress':
      return endpointChildren(
        data,
        node,
        legacyAddresses(data.legacyEndpoints.get(node.endpoints)).find((a) => a.key === node.key)?.address,
      );
    case 'pod':
      return [];
  }
}

function serviceChildren(
  data: NamespaceData,
  node: Extract<ClusterNode, { kind: 'service' }>,
): ClusterNode[] {
  const service = data.services.get(node.name);
  if (!service) {
    return [];
  }
  const result: ClusterNode[] = [
    ...findingMessages(node, serviceFindings(data, service)),
    ...routingMessages(node, serviceRouting(data, service)),
  ];
  const slices = data.slicesOf(node.name);
  if (service.spec?.type === 'ExternalName') {
    result.push(
      message(node, 'external-name', {
        severity: 'info',
        topic: 'empty',
        text: `ExternalName: DNS answers ${service.spec.externalName ?? '(none)'}; no endpoints`,
      }),
    );
  } else if (slices.length === 0 && data.known('endpointslices')) {
    const selectorless = Object.keys(service.spec?.selector ?? {}).length === 0;
    result.push(
      message(node, 'no-slices', {
        severity: 'info',
        topic: 'empty',
        text: selectorless ? 'No EndpointSlices (no selector)' : 'No EndpointSlices yet',
        detail: selectorless
          ? `This Service has no selector: create EndpointSlices labelled kubernetes.io/service-name=${node.name}.`
          : 'No pod matches the selector, or the controller has not written a slice yet.',
      }),
    );
  }
  if (slices.length > 0) {
    result.push(
      childOf(node, 'm', '', {
        kind: 'merged' as const,
        context: node.context,
        namespace: node.namespace,
        service: node.name,
      }),
    );
  }
  return [...result, ...groupObjects(data, node, node.name)];
}

/** The slices labelled for `service` and the legacy Endpoints of the same name. */
function groupObjects(
  data: NamespaceData,
  parent: ClusterNode & { context: string; namespace: string },
  service: string | undefined,
): ClusterNode[] {
  const scope = { context: parent.context, namespace: parent.namespace };
  const slices = pagedNodes(parent, 'slices', sliceList(data, service));
  const endpoints = service === undefined ? undefined : data.legacyEndpoints.get(service);
  const legacy =
    service !== undefined && endpoints && !writtenByEndpointsController(endpoints)
      ? [childOf(parent, 'x', service, { kind: 'legacyEndpoints' as const, ...scope, name: service })]
      : [];
  return [...slices, ...legacy];
}

function findEndpoint(
  data: NamespaceData,
  node: Extract<ClusterNode, { kind: 'endpoint' | 'mergedEndpoint' }>,
): SliceEndpoint | undefined {
  if (node.kind === 'endpoint') {
    const slice = data.slices.get(node.slice);
    return slice ? sliceEndpoint(slice, node.key)?.endpoint : undefined;
  }
  return mergedView(data, node.service).byKey.get(node.key)?.endpoint;
}

function endpointChildren(
  data: NamespaceData,
  node: ClusterNode & { context: string; namespace: string },
  endpoint: SliceEndpoint | EndpointAddress | undefined,
): ClusterNode[] {
  if (!endpoint) {
    return [];
  }
  const findings = findingMessages(node, endpointFindings(data, endpoint));
  const pod = podName(endpoint.targetRef);
  const showPod = pod !== undefined && (!data.known('pods') || data.pods.has(pod));
  return [
    ...findings,
    ...(showPod
      ? [
          childOf(node, 'p', pod, {
            kind: 'pod' as const,
            context: node.context,
            namespace: node.namespace,
            name: pod,
          }),
        ]
      : []),
  ];
}

function legacyChildren(
  data: NamespaceData,
  node: Extract<ClusterNode, { kind: 'legacyEndpoints' }>,
): ClusterNode[] {
  const deprecation = message(node, 'deprecated', {
    severity: 'info',
    topic: 'deprecated',
    text: 'v1 Endpoints is deprecated since Kubernetes 1.33',
    detail:
      'Proxies read EndpointSlices; this object is kept for old clients (and mirrored into a slice when no controller owns it). Prefer discovery.k8s.io/v1 EndpointSlice.',
  });
  const addresses = legacyAddresses(data.legacyEndpoints.get(node.name)).map(({ key }) =>
    childOf(node, 'a', key, {
      kind: 'legacyAddress' as const,
      context: node.context,
      namespace: node.namespace,
      endpoints: node.name,
      key,
    }),
  );
  return [deprecation, ...addresses];
}
