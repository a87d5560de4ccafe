import { predictRouting } from '../routing';
import type { RoutingPod, RoutingPrediction } from '../routing';
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
 *
 * A template enters the memo's key as a number given to its content, not as its content: a
 * namespace with hundreds of templates made every Service's key hundreds of kilobytes, built and
 * hashed once per Service. The numbers are handed out again from zero, and the memo emptied,
 * when more than `maxContents` contents have been seen (edits make new ones).
 */
export class RoutingPredictions {
  private readonly memo = new LruCache<RoutingPrediction>(2048);
  private readonly keys = new WeakMap<object, string>();
  private readonly pods = new WeakMap<PodTemplateInfo, RoutingPod>();
  private contents = new Map<string, number>();
  /** Predictions computed (not remembered), for tests that count the work. */
  computed = 0;

  predict(service: ServiceInfo, templates: readonly PodTemplateInfo[]): RoutingPrediction {
    const routing = service.routing;
    if (!routing) throw new Error('predict: a Service without routing facts');
    if (this.contents.size > maxContents) this.forget();
    const ids = templates.map((t) => this.contentId(this.keyOf(t, templateKey)));
    const key = `${this.keyOf(routing.service)}\n${ids.join(',')}`;
    return this.memo.getOrCompute(key, () => {
      this.computed++;
      return predictRouting({ service: routing.service, pods: templates.map((t) => this.podOf(t)) });
    });
  }

  private contentId(content: string): number {
    let id = this.contents.get(content);
    if (id === undefined) {
      id = this.contents.size;
      this.contents.set(content, id);
    }
    return id;
  }

  /** A template as the engine's pod, made once per template (summaries are never changed). */
  private podOf(template: PodTemplateInfo): RoutingPod {
    let pod = this.pods.get(template);
    if (pod === undefined) {
      pod = templateAsPod(template);
      this.pods.set(template, pod);
    }
    return pod;
  }

  private forget(): void {
    this.contents = new Map();
    this.memo.clear();
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

/** Template contents numbered before the numbering (and the memo) start again. */
const maxContents = 50_000;

/** What the engine reads of a template (templateAsPod), without its places. */
function templateKey(template: PodTemplateInfo): string {
  const labels = template.labels.map((l) => [l.key, l.value]);
  return JSON.stringify([template.name, template.namespace, labels, template.containers, template.sidecars]);
}
