import type { EndpointDiagnostic } from '../types';
import { manualServiceAdvice } from './manualServiceAdvice';
import { selectorAdvice } from './selectorAdvice';
import { predictServiceRouting } from './servicePrediction';
import { targetPortAdvice } from './targetPortAdvice';
import type { FileSummary, ServiceInfo } from './types';
import type { WorkspaceView } from './workspaceView';

/**
 * The routing doctor: each Service of a file judged by the routing engine against the pod
 * templates, Endpoints and EndpointSlices of the whole workspace. The engine decides what is
 * selected and which ports resolve; the rule files only turn its verdict into advice.
 */
export function routingAdvisories(summary: FileSummary, index: WorkspaceView): EndpointDiagnostic[] {
  if (summary.services.length === 0) return [];
  return summary.services.flatMap((service) => serviceAdvice(service, index));
}

function serviceAdvice(service: ServiceInfo, index: WorkspaceView): EndpointDiagnostic[] {
  const predicted = service.routing?.uncertain ? undefined : predictServiceRouting(service, index);
  if (!predicted) return [];
  const { prediction, templates: byName } = predicted;
  return [
    ...selectorAdvice(service, prediction, byName),
    ...targetPortAdvice(service, prediction, byName),
    ...manualServiceAdvice(service, prediction, index),
  ];
}
