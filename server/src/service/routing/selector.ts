/**
 * Which pods a Service selects, and for a selector that selects nothing, which pods come closest.
 * Upstream: pkg/controller/endpointslice syncService lists pods with
 * `labels.Set(service.Spec.Selector).AsSelectorPreValidated()` (every key equal).
 */
import type { LabelDifference, NearPod, RoutingPod, RoutingService } from './types';

/**
 * The selector the controller acts on, or undefined for a selectorless Service. An empty map
 * counts as none: the apiserver stores Services as protobuf, where an empty map and a missing
 * one are the same, so `selector: {}` comes back absent and the controller skips the Service.
 */
export function serviceSelector(service: RoutingService): Record<string, string> | undefined {
  const selector = service.spec?.selector;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}

export function podLabels(pod: RoutingPod): Record<string, string> {
  return pod.metadata?.labels ?? {};
}

/** Every selector key present with the same value. */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export function labelDifferences(
  selector: Record<string, string>,
  labels: Record<string, string>,
): LabelDifference[] {
  return Object.entries(selector)
    .filter(([key, value]) => labels[key] !== value)
    .map(([key, wanted]) => (key in labels ? { key, wanted, actual: labels[key] } : { key, wanted }));
}

/** At most this many near pods are named: the closest ones are the useful ones. */
const nearestShown = 3;

/**
 * The pods whose labels differ from the selector in the fewest keys, closest first. A pod that
 * shares no selector key-value pair is not "near" unless it has a selector key with another
 * value (the renamed-label case: `app: api-svc` vs `app: api-service`).
 */
export function nearestPods(selector: Record<string, string>, pods: readonly RoutingPod[]): NearPod[] {
  const keys = Object.keys(selector).length;
  const candidates = pods
    .map((pod) => ({
      name: pod.metadata?.name ?? '',
      differences: labelDifferences(selector, podLabels(pod)),
    }))
    .filter((near) => near.name !== '' && near.differences.length > 0)
    .filter((near) => near.differences.length < keys || near.differences.some((d) => d.actual !== undefined));
  candidates.sort((a, b) => a.differences.length - b.differences.length || a.name.localeCompare(b.name));
  return candidates.slice(0, nearestShown);
}
