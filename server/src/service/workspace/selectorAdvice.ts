import type { LabelDifference, NearPod, RoutingPrediction } from '../routing';
import type { EndpointDiagnostic, RelatedPlace } from '../types';
import { advice, notFromServer } from './adviceText';
import type { PodTemplateInfo } from './podTemplates';
import type { ServiceInfo } from './types';

/**
 * selector-matches-no-template: a Service whose selector selects none of the pod templates in
 * its namespace. The routing engine finds the closest template; the diagnostic sits on the
 * selector value that differs and links to the template's label. Silent when the namespace has
 * no template at all: the workloads may live in another repository.
 */
export function selectorAdvice(
  service: ServiceInfo,
  prediction: RoutingPrediction,
  templates: ReadonlyMap<string, PodTemplateInfo>,
): EndpointDiagnostic[] {
  const routing = service.routing;
  if (!routing || prediction.mode !== 'selector' || prediction.pods.length > 0 || templates.size === 0) {
    return [];
  }
  // A Helm template whose labels a tag writes might be the one selected.
  if ([...templates.values()].some((t) => t.uncertain)) return [];
  const near = prediction.nearest[0];
  const template = near && templates.get(near.name);
  const selectorText = routing.selector.map((e) => `${e.key}: ${e.value}`).join(', ');
  if (!near || !template) {
    const names = [...templates.keys()].slice(0, 3).join(', ');
    return [
      advice(
        'selector-matches-no-template',
        routing.selectorRange ?? service.range,
        'spec.selector',
        `Selector {${selectorText}} matches no pod template in the workspace (${names} here share none of its labels); this Service routes nowhere ${notFromServer}.`,
      ),
    ];
  }
  const first = near.differences[0];
  const entry = routing.selector.find((e) => e.key === first?.key);
  return [
    advice(
      'selector-matches-no-template',
      entry?.valueRange ?? routing.selectorRange ?? service.range,
      entry ? `spec.selector[${entry.key}]` : 'spec.selector',
      `Selector matches no pod template in the workspace; the closest is ${near.name}: ${differenceText(near)}; this Service routes nowhere ${notFromServer}.`,
      relatedLabels(near, template),
    ),
  ];
}

/** `app: api-svc vs app: api-service`, `tier: web (the template has no "tier" label)`. */
export function differenceText(near: NearPod): string {
  return near.differences.map(oneDifference).join('; ');
}

function oneDifference(d: LabelDifference): string {
  return d.actual === undefined
    ? `${d.key}: ${d.wanted} (the template has no "${d.key}" label)`
    : `${d.key}: ${d.wanted} vs ${d.key}: ${d.actual}`;
}

function relatedLabels(near: NearPod, template: PodTemplateInfo): RelatedPlace[] {
  return near.differences.map((d) => {
    const label = template.labels.find((l) => l.key === d.key);
    return {
      uri: template.uri,
      range: label?.valueRange ?? template.labelsRange ?? template.anchor,
      message: label
        ? `${template.name} labels its pods ${d.key}: ${label.value}`
        : `${template.name} has no "${d.key}" label`,
    };
  });
}
