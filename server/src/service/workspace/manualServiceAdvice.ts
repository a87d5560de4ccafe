import type { RoutingPrediction } from '../routing';
import type { EndpointDiagnostic } from '../types';
import { advice, notFromServer } from './adviceText';
import { sameNamespace } from './types';
import type { ServiceInfo } from './types';
import type { WorkspaceView } from './workspaceView';

/**
 * service-without-endpoints: a Service without a selector has only the endpoints someone
 * writes, an Endpoints object the mirroring controller copies or EndpointSlices by hand. When
 * the workspace holds neither for it, it routes nowhere. Silent when the workspace holds no
 * Endpoints and no EndpointSlice at all: they are then kept somewhere else.
 */
export function manualServiceAdvice(
  service: ServiceInfo,
  prediction: RoutingPrediction,
  index: WorkspaceView,
): EndpointDiagnostic[] {
  if (prediction.mode !== 'manual' || !service.routing) return [];
  const endpoints = index.endpoints();
  const slices = index.slices();
  if (endpoints.length === 0 && slices.length === 0) return [];
  const named = endpoints.some(
    (e) => e.name === service.name && sameNamespace(e.namespace, service.namespace),
  );
  if (named || index.slicesOf(service).length > 0) return [];
  return [
    advice(
      'service-without-endpoints',
      service.routing.nameRange ?? service.range,
      'metadata.name',
      `Service "${service.name}" has no selector, and the workspace has neither an EndpointSlice labelled kubernetes.io/service-name: ${service.name} nor an Endpoints named "${service.name}"; it routes nowhere until one is written ${notFromServer}.`,
    ),
  ];
}
