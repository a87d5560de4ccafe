import { controllerManagedByValues } from '../k8s/wellKnown';
import { unpairedPortNames } from '../routing';
import type { EndpointDiagnostic, Range } from '../types';
import { routingAdvisories } from './routingAdvice';
import { sliceFamilyAdvice } from './sliceFamilyAdvice';
import type { EndpointsInfo, FileSummary, NamedRange, ServiceInfo, SliceInfo } from './types';
import type { WorkspaceView } from './workspaceView';

/**
 * Advice that needs the rest of the workspace: the Service a slice or an Endpoints belongs to.
 * Like the other advisories it is Information, origin `advisory`, and says it is not the
 * apiserver's: the apiserver checks one object at a time and accepts all of this.
 */
const notFromServer = '(advice; the apiserver accepts this)';

export function workspaceAdvisories(summary: FileSummary, index: WorkspaceView): EndpointDiagnostic[] {
  const knowsServices = index.services().length > 0;
  return [
    ...summary.slices.flatMap((slice) => sliceAdvice(slice, index, knowsServices)),
    ...summary.endpoints.flatMap((endpoints) => endpointsAdvice(endpoints, index, knowsServices)),
    ...routingAdvisories(summary, index),
  ];
}

function sliceAdvice(slice: SliceInfo, index: WorkspaceView, knowsServices: boolean): EndpointDiagnostic[] {
  if (slice.serviceName === undefined) return [];
  const service = index.findService(slice.serviceName, slice.namespace);
  const where = slice.serviceNameRange ?? slice.anchor;
  if (!service) {
    if (!knowsServices) return [];
    return [
      advice(
        'service-not-in-workspace',
        where,
        'metadata.labels',
        `No Service "${slice.serviceName}" in the workspace; this slice is used only if that Service exists ${notFromServer}.`,
      ),
    ];
  }
  const out = portAdvice(slice.ports, service);
  const controllerOwned = (controllerManagedByValues as readonly string[]).includes(slice.managedBy ?? '');
  if (service.hasSelector && !controllerOwned) {
    out.push(
      advice(
        'service-has-selector',
        where,
        'metadata.labels',
        `Service "${service.name}" has a selector, so the EndpointSlice controller already writes its slices; this hand-written one is used alongside them and nothing keeps it up to date ${notFromServer}.`,
      ),
    );
  }
  out.push(...familyAdvice(slice, service, index), ...sliceFamilyAdvice(slice, service));
  return out;
}

function endpointsAdvice(
  endpoints: EndpointsInfo,
  index: WorkspaceView,
  knowsServices: boolean,
): EndpointDiagnostic[] {
  if (endpoints.name === undefined) return [];
  const service = index.findService(endpoints.name, endpoints.namespace);
  if (!service) {
    if (!knowsServices) return [];
    return [
      advice(
        'service-not-in-workspace',
        endpoints.anchor,
        'metadata.name',
        `No Service named "${endpoints.name}" in the workspace; an Endpoints object is used only by the Service of the same name ${notFromServer}.`,
      ),
    ];
  }
  const out = portAdvice(endpoints.ports, service);
  if (service.hasSelector) {
    out.push(
      advice(
        'service-has-selector',
        endpoints.anchor,
        'metadata.name',
        `Service "${service.name}" has a selector, so the endpoints controller writes this Endpoints object itself and will overwrite what is written here ${notFromServer}.`,
      ),
    );
  }
  return out;
}

function portAdvice(ports: NamedRange[], service: ServiceInfo): EndpointDiagnostic[] {
  if (service.ports.length === 0) return [];
  const listed = service.ports.map((p) => `"${p.name}"`).join(', ');
  // The pairing is the routing engine's, the one the cluster view shows.
  const unpaired = new Set(
    unpairedPortNames(
      service.ports,
      ports.map((p) => p.name),
    ),
  );
  return ports.flatMap((port) => {
    if (!unpaired.has(port.name)) return [];
    const what = port.name === '' ? 'This unnamed port' : `Port name "${port.name}"`;
    return [
      advice(
        'port-name-not-in-service',
        port.range,
        port.field,
        `${what} matches no port of Service "${service.name}" (${listed}); Service ports are paired with endpoint ports by name, so this port receives no traffic ${notFromServer}.`,
      ),
    ];
  });
}

function familyAdvice(slice: SliceInfo, service: ServiceInfo, index: WorkspaceView): EndpointDiagnostic[] {
  if (service.families.length < 2 || service.hasSelector) return [];
  const present = new Set(index.slicesOf(service).map((s) => s.addressType));
  present.add(slice.addressType);
  const missing = service.families.filter((family) => !present.has(family));
  if (missing.length === 0) return [];
  const have = service.families.filter((family) => present.has(family)).join(', ');
  return [
    advice(
      'dual-stack-family-missing',
      slice.addressTypeRange ?? slice.anchor,
      'addressType',
      `Service "${service.name}" is dual-stack (${service.families.join(', ')}) but the workspace has EndpointSlices for it only in ${have}; clients of the ${missing.join(', ')} family get no endpoints ${notFromServer}.`,
    ),
  ];
}

function advice(code: string, range: Range, field: string, message: string): EndpointDiagnostic {
  return { range, severity: 'information', code, message, origin: 'advisory', reason: 'Advisory', field };
}
