import type { Position, Range } from '../types';
import type {
  ServiceManifestParams,
  ServiceManifestResult,
  WorkspaceRouting,
  WorkspaceRoutingResult,
  WorkspaceRoutingService,
  WorkspaceRoutingTemplate,
} from '../protocol';
import type { PodTemplateInfo } from './podTemplates';
import { predictServiceRouting } from './servicePrediction';
import { sameNamespace } from './types';
import type { FileSummary, ServiceInfo } from './types';
import type { WorkspaceView } from './workspaceView';

/**
 * Where the workspace defines a live Service: the line of its name (of its document without
 * one), in the same namespace or else without a namespace; null when no file defines it.
 */
export function serviceManifestIn(
  index: Pick<WorkspaceView, 'findService'>,
  { name, namespace }: ServiceManifestParams,
): ServiceManifestResult {
  const service = index.findService(name, namespace);
  return service ? placeOf(service.uri, service.routing?.nameRange ?? service.range) : null;
}

/**
 * The routing picture's workspace facts for the Service named `name` in a file, else the one at
 * a position (else the file's first): the routing
 * engine's prediction (servicePrediction.ts, the same one the routing advice reads) with the
 * places of what it read, as plain data for the client to draw.
 */
export function workspaceRoutingAt(
  summary: FileSummary,
  where: { position: Position; name?: string },
  index: WorkspaceView,
): WorkspaceRoutingResult {
  const service =
    (where.name === undefined ? undefined : summary.services.find((s) => s.name === where.name)) ??
    summary.services.find((s) => contains(s.range, where.position)) ??
    summary.services[0];
  const predicted = service && predictServiceRouting(service, index);
  if (!service?.routing || !predicted) {
    return { found: false, message: 'No Service manifest in this file.' };
  }
  const { prediction, templates } = predicted;
  const selected = prediction.pods.flatMap((pod): WorkspaceRoutingTemplate[] => {
    const template = templates.get(pod.name);
    return template ? [routingTemplate(template, pod.ports)] : [];
  });
  const nearest = prediction.nearest.flatMap((near) => {
    const template = templates.get(near.name);
    return template ? [{ ...placeOf(template.uri, template.anchor), ...near }] : [];
  });
  const slices = index.slicesOf(service).map((slice) => ({
    ...placeOf(slice.uri, slice.anchor),
    ...(slice.name === undefined ? {} : { name: slice.name }),
    ...(slice.addressType === undefined ? {} : { addressType: slice.addressType }),
    ports: slice.ports.map((port) => port.name),
    endpoints: slice.endpoints,
    ready: slice.ready,
  }));
  const endpoints = index
    .endpoints()
    .filter((e) => e.name === service.name && sameNamespace(e.namespace, service.namespace))
    .map((e) => ({
      ...placeOf(e.uri, e.anchor),
      ...(e.name === undefined ? {} : { name: e.name }),
      addresses: e.addresses,
      notReady: e.notReady,
    }));
  const result: WorkspaceRouting = {
    found: true,
    service: routingService(service),
    mode: prediction.mode,
    summary: prediction.summary.text,
    uncertain: service.routing.uncertain === true,
    templates: selected,
    nearest,
    templatesInNamespace: templates.size,
    slices,
    endpoints,
    files: [],
  };
  result.files = [
    ...new Set([
      service.uri,
      ...selected.map((t) => t.uri),
      ...slices.map((s) => s.uri),
      ...endpoints.map((e) => e.uri),
    ]),
  ];
  return result;
}

function routingTemplate(
  template: PodTemplateInfo,
  ports: WorkspaceRoutingTemplate['ports'],
): WorkspaceRoutingTemplate {
  return {
    ...placeOf(template.uri, template.anchor),
    name: template.name,
    ...(template.replicas === undefined ? {} : { replicas: template.replicas }),
    ports: ports.map((port) => ({ ...port })),
    uncertain: template.uncertain === true,
  };
}

function routingService(service: ServiceInfo): WorkspaceRoutingService {
  const spec = service.routing?.service.spec ?? {};
  return {
    ...placeOf(service.uri, service.routing?.nameRange ?? service.range),
    name: service.name,
    ...(service.namespace === undefined ? {} : { namespace: service.namespace }),
    type: service.type ?? 'ClusterIP',
    ...(typeof spec.clusterIP === 'string' ? { clusterIP: spec.clusterIP } : {}),
    families: [...service.families],
    selector: { ...spec.selector },
    ports: service.ports.map((port) => ({
      name: port.name,
      protocol: port.protocol,
      ...(port.port === undefined ? {} : { port: port.port }),
      ...(port.targetPort === undefined ? {} : { targetPort: port.targetPort }),
    })),
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
  };
}

function placeOf(uri: string, range: Range): { uri: string; line: number } {
  return { uri, line: range.start.line };
}

function contains(range: Range, position: Position): boolean {
  const after = (a: Position, b: Position): boolean =>
    a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}
