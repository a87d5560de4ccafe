import { predictRouting } from '../routing';
import type { RoutingPrediction } from '../routing';
import { templateAsPod } from './podTemplates';
import type { PodTemplateInfo } from './podTemplates';
import type { ServiceInfo } from './types';

/**
 * What the routing engine predicts for a workspace Service from the pod templates of its
 * namespace. The one place the workspace asks the engine: the routing advice, its quick fixes
 * and the routing picture's request all read this, so they never disagree on what is selected.
 */
export interface ServicePrediction {
  prediction: RoutingPrediction;
  /** The templates of the Service's namespace, by name (`Deployment/api`). */
  templates: ReadonlyMap<string, PodTemplateInfo>;
}

export function predictServiceRouting(
  service: ServiceInfo,
  all: readonly PodTemplateInfo[],
): ServicePrediction | undefined {
  const routing = service.routing;
  if (!routing) return undefined;
  // The engine compares namespaces exactly: an omitted one is the same as another omitted one.
  const here = all.filter((t) => (t.namespace ?? '') === (service.namespace ?? ''));
  return {
    prediction: predictRouting({ service: routing.service, pods: here.map(templateAsPod) }),
    templates: new Map(here.map((t) => [t.name, t])),
  };
}
