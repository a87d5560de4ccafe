import { predictRouting } from '../routing';
import type { RoutingPrediction } from '../routing';
import { LruCache } from '../store/lru';
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

/** What a prediction reads of the workspace: its pod templates and the memo of earlier predictions. */
export interface PredictionSource {
  templates(): PodTemplateInfo[];
  readonly predictions: RoutingPredictions;
}

export function predictServiceRouting(
  service: ServiceInfo,
  workspace: PredictionSource,
): ServicePrediction | undefined {
  if (!service.routing) return undefined;
  // The engine compares namespaces exactly: an omitted one is the same as another omitted one.
  const here = workspace.templates().filter((t) => (t.namespace ?? '') === (service.namespace ?? ''));
  return {
    prediction: workspace.predictions.predict(service, here),
    templates: new Map(here.map((t) => [t.name, t])),
  };
}

/**
 * Predictions remembered by what the engine reads (the Service as it takes it, and each
 * template's name, labels and containers), not by where they are written: a keystroke in one
 * document re-validates the file, and without this every Service of the file would be predicted
 * again, a selector that matches nothing paying for the label distances to every template. The
 * prediction holds no ranges, so moving text never makes a remembered one wrong. Owned by the
 * workspace it serves (one per index), never shared between service instances.
 */
export class RoutingPredictions {
  private readonly memo = new LruCache<RoutingPrediction>(2048);
  private readonly keys = new WeakMap<object, string>();
  /** Predictions computed (not remembered), for tests that count the work. */
  computed = 0;

  predict(service: ServiceInfo, templates: readonly PodTemplateInfo[]): RoutingPrediction {
    const routing = service.routing;
    if (!routing) throw new Error('predict: a Service without routing facts');
    const key = [this.keyOf(routing.service), ...templates.map((t) => this.keyOf(t, templateKey))].join('\n');
    return this.memo.getOrCompute(key, () => {
      this.computed++;
      return predictRouting({ service: routing.service, pods: templates.map(templateAsPod) });
    });
  }

  private keyOf<T extends object>(value: T, write: (value: T) => string = JSON.stringify): string {
    let key = this.keys.get(value);
    if (key === undefined) {
      key = write(value);
      this.keys.set(value, key);
    }
    return key;
  }
}

/** What the engine reads of a template (templateAsPod), without its places. */
function templateKey(template: PodTemplateInfo): string {
  const labels = template.labels.map((l) => [l.key, l.value]);
  return JSON.stringify([template.name, template.namespace, labels, template.containers, template.sidecars]);
}
