/**
 * The routing engine's word on a live Service, for the picture: why each selected pod is not an
 * endpoint, and, when the selector matches no pod, the pods it nearly matches; with a cluster
 * domain, the Service's DNS name as the DNS module writes it. The engine reads
 * the same watched objects as the tree (the pods as the apiserver sent them, containers and
 * conditions included), so the picture and the engine never disagree about the inputs.
 */
import { predictRouting } from '../../../../../server/src/service/routing';
import type { RoutingPod, RoutingPrediction } from '../../../../../server/src/service/routing';
import { serviceDnsNameOf } from '../../model';
import type { NamespaceData } from '../../model';
import type { PictureSlots } from './buildPicture';
import type { PodReason } from './picture';

export function engineSlots(data: NamespaceData, name: string, clusterDomain?: string): PictureSlots {
  const service = data.services.get(name);
  const dns =
    service && clusterDomain ? { dnsNames: [serviceDnsNameOf(data.namespace, name, clusterDomain)] } : {};
  if (!service || !data.known('pods')) {
    return dns;
  }
  const prediction = predictRouting({
    service: service,
    pods: [...data.pods.values()] as RoutingPod[],
  });
  return { ...dns, reasons: reasons(prediction), notes: nearest(prediction) };
}

function reasons(prediction: RoutingPrediction): Map<string, PodReason> {
  const result = new Map<string, PodReason>();
  for (const pod of prediction.pods) {
    const first = pod.reasons[0];
    if (!pod.endpoint && first) {
      result.set(pod.name, { code: first.code, text: pod.reasons.map((reason) => reason.text).join(' ') });
    }
  }
  return result;
}

/** "Nothing is selected; closest: web-1 (app=web, has app=webb)". */
function nearest(prediction: RoutingPrediction): string[] {
  const [closest] = prediction.nearest;
  if (!closest) {
    return [];
  }
  const differences = closest.differences
    .map(
      (d) => `${d.key}=${d.wanted}, has ${d.actual === undefined ? 'no such label' : `${d.key}=${d.actual}`}`,
    )
    .join('; ');
  return [`The selector matches no pod; the closest is ${closest.name} (${differences}).`];
}
