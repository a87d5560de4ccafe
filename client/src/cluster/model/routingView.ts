/**
 * A Service's routing verdict in the cluster view: the routing engine
 * (server/src/service/routing) asked with the namespace's live objects. The engine says what the
 * EndpointSlice controller will write and why each selected pod is or is not a ready endpoint;
 * this file only picks the inputs and turns the answer into tree messages. The view does not
 * watch Nodes, so zones come from the slices, not from the prediction.
 */
import { predictRouting, routes, serviceSelector } from '../../../../server/src/service/routing';
import type {
  NearPod,
  PodReason,
  PodVerdict,
  RoutingPrediction,
} from '../../../../server/src/service/routing';
import type { Pod, Service } from './kubeTypes';
import { message } from './messages';
import type { NamespaceData } from './namespaceData';
import type { ClusterNode, MessageNode } from './nodes';

/** What the controllers make of the Service, computed again only when its inputs changed. */
export function serviceRouting(data: NamespaceData, service: Service): RoutingPrediction {
  const byService = data.memos.routing;
  const name = service.metadata.name;
  const endpoints = data.legacyEndpoints.get(name);
  const cached = byService.get(name);
  if (
    cached?.service === service &&
    cached.podsVersion === data.podsVersion &&
    cached.endpoints === endpoints
  ) {
    return cached.prediction;
  }
  const prediction = predictRouting({
    service,
    ...(data.known('pods') ? { pods: candidatePods(data, service) } : {}),
    ...(endpoints ? { endpoints } : {}),
  });
  byService.set(name, { service, podsVersion: data.podsVersion, endpoints, prediction });
  if (prediction.nearest.length > 0) data.selectingNothing.add(name);
  else data.selectingNothing.delete(name);
  return prediction;
}

/**
 * The pods the engine needs: those with the selector's first label pair (the selected ones are
 * among them), or every pod when none has it, so the engine can name the nearest ones.
 */
function candidatePods(data: NamespaceData, service: Service): readonly Pod[] {
  const selector = serviceSelector(service);
  if (!selector) {
    return [];
  }
  const [key, value] = Object.entries(selector)[0];
  const candidates = data.podsWithLabel(key, value);
  return candidates.length > 0 ? candidates : [...data.pods.values()];
}

/** At most this many pods are listed under a Service; the rest are counted in one message. */
const podsListed = 50;

/** The messages under a Service: pods that get no traffic and why, near misses, notes, hints. */
export function routingMessages(parent: ClusterNode, prediction: RoutingPrediction): MessageNode[] {
  const idle = prediction.pods.filter((pod) => !routes(pod) || !pod.allPorts);
  const listed = idle.slice(0, podsListed).map((pod) => podMessage(parent, pod));
  const more =
    idle.length > podsListed
      ? [
          message(parent, 'routing-more', {
            severity: 'info',
            topic: 'mismatch',
            text: `… and ${idle.length - podsListed} more selected pods that get no traffic`,
          }),
        ]
      : [];
  const near = prediction.nearest.length > 0 ? [nearestMessage(parent, prediction.nearest)] : [];
  const notes = prediction.notes.map((text, i) =>
    message(parent, `routing-note-${i}`, { severity: 'info', topic: 'mismatch', text }),
  );
  return [...near, ...listed, ...more, ...notes, ...hintsMessages(parent, prediction)];
}

function podMessage(parent: ClusterNode, pod: PodVerdict): MessageNode {
  const first = pod.reasons[0];
  const severity = routes(pod) ? 'info' : 'warning';
  return message(parent, `routing-pod-${pod.name}`, {
    severity,
    topic: 'mismatch',
    text: `Pod ${pod.name}: ${first ? lowerFirst(first.text) : 'gets no traffic'}${first?.since ? ` (since ${first.since})` : ''}`,
    detail: pod.reasons.map(reasonDetail).join('\n\n'),
  });
}

function reasonDetail(reason: PodReason): string {
  const since = reason.since ? ` Since ${reason.since}.` : '';
  const evidence = reason.evidence.map((line) => `- ${line}`).join('\n');
  return `**${reason.text}** (\`${reason.code}\`).${since}${evidence ? `\n\n${evidence}` : ''}`;
}

function nearestMessage(parent: ClusterNode, nearest: readonly NearPod[]): MessageNode {
  const describe = (near: NearPod): string =>
    `${near.name} (${near.differences
      .map((d) => `${d.key}: ${d.actual === undefined ? '(no such label)' : `"${d.actual}"`} ≠ "${d.wanted}"`)
      .join(', ')})`;
  return message(parent, 'routing-nearest', {
    severity: 'warning',
    topic: 'mismatch',
    text: `Selects no pod; nearest: ${describe(nearest[0])}`,
    detail: `The selector matches no pod in the namespace. Closest by label:\n\n${nearest.map((n) => `- ${describe(n)}`).join('\n')}\n\nChange the Service's selector or the pods' labels so that every selector key matches.`,
  });
}

function hintsMessages(parent: ClusterNode, prediction: RoutingPrediction): MessageNode[] {
  if (prediction.hints.source === 'none') {
    return [];
  }
  return [
    message(parent, 'routing-hints', {
      severity: 'info',
      topic: 'empty',
      text: `Hints: ${prediction.hints.applied === 'none' ? 'none' : `per ${prediction.hints.applied === 'zone' ? 'zone' : 'zone and node'}`}`,
      detail: prediction.hints.why,
    }),
  ];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The verdict in a Service's description, when it says more than the endpoint counts next to it
 * ("3/4 ready" already says "routes to 3 of 4" when every selected pod is an endpoint): a
 * selector that selects nothing, selected pods that are no endpoint, ready endpoints without a
 * port. Empty when the engine cannot say (pods not known yet, ExternalName, hand-written slices).
 */
export function routingVerdict(
  data: NamespaceData,
  service: Service,
  counts: { total: number; ready: number },
): string[] {
  const summary = serviceRouting(data, service).summary;
  if (summary.state === 'unknown' || summary.state === 'external') {
    return [];
  }
  const total = summary.selected > 0 ? summary.selected : summary.endpoints;
  const implied = total > 0 && total === counts.total && summary.ready === counts.ready;
  return implied ? [] : [summary.text];
}

/**
 * Tooltip lines: the verdict, the zones that have ready endpoints and the hints the slices
 * carry (read from the slices: the view does not watch Nodes, the controller does).
 */
export function routingTooltip(data: NamespaceData, service: Service): string[] {
  const prediction = serviceRouting(data, service);
  const zones = new Set<string>();
  let ready = 0;
  let hinted = 0;
  for (const slice of data.slicesOf(service.metadata.name)) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready === false) {
        continue;
      }
      ready++;
      if (endpoint.zone) {
        zones.add(endpoint.zone);
      }
      if ((endpoint.hints?.forZones ?? []).length > 0 || (endpoint.hints?.forNodes ?? []).length > 0) {
        hinted++;
      }
    }
  }
  const lines = [`routing: ${prediction.summary.text}`];
  if (ready > 0) {
    lines.push(`ready in zones: ${zones.size > 0 ? [...zones].sort().join(', ') : '(no zone set)'}`);
    lines.push(
      `hints: ${hinted > 0 ? `on ${hinted} of ${ready} ready endpoints` : 'none'} (${prediction.hints.why})`,
    );
  }
  return lines;
}
