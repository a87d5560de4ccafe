import type { RoutingPrediction } from '../routing';
import type { EndpointDiagnostic } from '../types';
import { advice, notFromServer } from './adviceText';
import type { PodTemplateInfo } from './podTemplates';
import type { ServiceInfo } from './types';

/**
 * target-port-not-in-template: a named targetPort that a selected pod template's containers do
 * not declare with that name and protocol. The controller leaves such a pod out of that port's
 * endpoints (the routing engine's findPort says why); numeric targetPorts are taken as they are.
 */
export function targetPortAdvice(
  service: ServiceInfo,
  prediction: RoutingPrediction,
  templates: ReadonlyMap<string, PodTemplateInfo>,
): EndpointDiagnostic[] {
  const routing = service.routing;
  if (!routing || prediction.mode !== 'selector') return [];
  const ports = routing.service.spec?.ports ?? [];
  return ports.flatMap((port, i) => {
    if (typeof port.targetPort !== 'string') return [];
    const missing = prediction.pods.flatMap((pod) => {
      const why = pod.ports[i]?.missing;
      const template = templates.get(pod.name);
      return why !== undefined && template && !template.uncertain ? [{ template, why }] : [];
    });
    if (missing.length === 0) return [];
    const where = missing.map((m) => `${m.template.name}: ${m.why}`).join('; ');
    return [
      advice(
        'target-port-not-in-template',
        routing.portRanges[i] ?? service.range,
        `spec.ports[${i}].targetPort`,
        `targetPort "${port.targetPort}" (${port.protocol ?? 'TCP'}) is found in no container of ${missing.length === 1 ? 'the selected pod template' : `${missing.length} selected pod templates`} (${where}); those pods get no endpoint for this port ${notFromServer}.`,
        missing.map((m) => ({
          uri: m.template.uri,
          range: m.template.anchor,
          message: `${m.template.name}: ${m.why}`,
        })),
      ),
    ];
  });
}
