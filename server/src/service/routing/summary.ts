/**
 * The one-line routing verdict of a Service: how many of the pods it selects receive traffic.
 * A pod receives traffic when it is a ready endpoint and serves at least one of the Service's
 * ports (or the Service has none: a headless Service used for DNS only).
 */
import type { PodVerdict, RoutingPrediction, RoutingSummary } from './types';

export function routes(pod: PodVerdict): boolean {
  return pod.ready && (pod.ports.length === 0 || pod.ports.some((port) => port.missing === undefined));
}

export function summarize(
  prediction: Omit<RoutingPrediction, 'summary'>,
  podsKnown: boolean,
): RoutingSummary {
  switch (prediction.mode) {
    case 'external-name':
      return {
        selected: 0,
        endpoints: 0,
        ready: 0,
        state: 'external',
        text: 'an alias: DNS answers with another name',
      };
    case 'mirrored':
    case 'manual':
      return addressSummary(prediction);
    default:
      return selectorSummary(prediction.pods, podsKnown);
  }
}

function selectorSummary(pods: readonly PodVerdict[], podsKnown: boolean): RoutingSummary {
  const selected = pods.length;
  const endpoints = pods.filter((pod) => pod.endpoint).length;
  const ready = pods.filter(routes).length;
  const counts = { selected, endpoints, ready };
  if (!podsKnown) {
    return { ...counts, state: 'unknown', text: 'pods not known' };
  }
  if (pods.length > 0 && pods.every((pod) => pod.reasons.some((r) => r.code === 'template'))) {
    return { ...counts, state: 'unknown', text: `selects ${plural(selected, 'pod template')}` };
  }
  if (selected === 0) {
    return { ...counts, state: 'nowhere', text: 'routes nowhere: selects no pod' };
  }
  if (ready === 0) {
    // Ready endpoints that route nowhere have no port: a named targetPort no container declares.
    const why = pods.some((pod) => pod.ready)
      ? "no selected pod serves the Service's ports"
      : `none of ${plural(selected, 'selected pod')} is ready`;
    return { ...counts, state: 'nowhere', text: `routes nowhere: ${why}` };
  }
  const text = `routes to ${ready} of ${plural(selected, 'selected pod')}`;
  return { ...counts, state: ready < selected ? 'partial' : 'routes', text };
}

function addressSummary(prediction: Omit<RoutingPrediction, 'summary'>): RoutingSummary {
  const all = prediction.groups.flatMap((group) => group.endpoints);
  const ready = all.filter((endpoint) => endpoint.conditions.ready).length;
  const counts = { selected: 0, endpoints: all.length, ready };
  if (prediction.mode === 'manual') {
    return { ...counts, state: 'unknown', text: 'no selector: routes to the EndpointSlices written for it' };
  }
  if (ready === 0) {
    return { ...counts, state: 'nowhere', text: 'routes nowhere: its Endpoints lists no ready address' };
  }
  const text = `routes to ${ready} of ${plural(all.length, 'address', 'addresses')} (mirrored from its Endpoints)`;
  return { ...counts, state: ready < all.length ? 'partial' : 'routes', text };
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
