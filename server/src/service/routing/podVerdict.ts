/**
 * Why one selected pod is or is not a (ready) endpoint of a Service, in words and evidence. The
 * decisions are the controller's (podEndpoint.ts); this file only explains them.
 */
import { podIPs } from './addressFamilies';
import type { NodeLookup } from './podEndpoint';
import { notReadyEvidence, readyCondition } from './podReadiness';
import type {
  AddressType,
  PodPort,
  PodReason,
  PodVerdict,
  PredictedEndpoint,
  RoutingPod,
  RoutingService,
} from './types';

export interface PodFacts {
  pod: RoutingPod;
  service: RoutingService;
  exclusion: 'terminal' | 'unscheduled' | 'no-ip' | undefined;
  node: NodeLookup;
  /** The pod's endpoints, one per address type that got addresses. */
  endpoints: PredictedEndpoint[];
  addressTypes: AddressType[];
  perPort: PodPort[];
}

export function podVerdict(facts: PodFacts): PodVerdict {
  const { pod, endpoints } = facts;
  const ready = endpoints.some((endpoint) => endpoint.conditions.ready);
  const verdict: PodVerdict = {
    name: pod.metadata?.name ?? '',
    endpoint: endpoints.length > 0,
    ready,
    allPorts: facts.perPort.every((port) => port.missing === undefined),
    ports: facts.perPort,
    reasons: reasons(facts),
  };
  const located = endpoints[0];
  if (pod.spec?.nodeName) {
    verdict.nodeName = pod.spec.nodeName;
  }
  if (located?.zone !== undefined) {
    verdict.zone = located.zone;
  }
  return verdict;
}

function reasons(facts: PodFacts): PodReason[] {
  if (!facts.pod.status) {
    return [templateReason()];
  }
  const excluded = exclusionReason(facts);
  if (excluded) {
    return [excluded];
  }
  if (facts.node.state === 'missing' && facts.endpoints.length === 0 && !publishesNotReady(facts.service)) {
    const node = facts.pod.spec?.nodeName ?? '';
    return [
      { code: 'node-missing', text: `Its node ${node} does not exist`, evidence: [`spec.nodeName: ${node}`] },
    ];
  }
  if (facts.endpoints.length === 0) {
    return [familyReason(facts)];
  }
  return [...conditionReasons(facts), ...portReasons(facts.perPort)];
}

function templateReason(): PodReason {
  return {
    code: 'template',
    text: 'A pod template: only its labels and ports can be checked before it runs',
    evidence: [],
  };
}

function exclusionReason(facts: PodFacts): PodReason | undefined {
  const status = facts.pod.status;
  switch (facts.exclusion) {
    case 'terminal':
      return { code: 'terminal', text: `The pod has finished (phase ${status?.phase ?? ''})`, evidence: [] };
    case 'unscheduled': {
      const scheduled = (status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
      const why = [scheduled?.reason, scheduled?.message].filter((part) => part).join(': ');
      return {
        code: 'unscheduled',
        text: 'The pod is not scheduled to a node, so it has no IP',
        evidence: why ? [`PodScheduled: ${why}`] : [],
        ...(scheduled?.lastTransitionTime ? { since: scheduled.lastTransitionTime } : {}),
      };
    }
    case 'no-ip':
      return {
        code: 'no-ip',
        text: `The pod has no IP yet (phase ${status?.phase ?? 'unknown'} on node ${facts.pod.spec?.nodeName ?? ''})`,
        evidence: notReadyEvidence(facts.pod),
      };
    default:
      return undefined;
  }
}

function familyReason(facts: PodFacts): PodReason {
  return {
    code: 'family-mismatch',
    text: `None of the pod's IPs is of the Service's families (${facts.addressTypes.join(', ')})`,
    evidence: [`pod IPs: ${podIPs(facts.pod).join(', ') || '(none in podIPs)'}`],
  };
}

function conditionReasons(facts: PodFacts): PodReason[] {
  const condition = facts.endpoints[0].conditions;
  if (condition.ready) {
    return [];
  }
  const since = readyCondition(facts.pod)?.lastTransitionTime;
  if (condition.terminating) {
    return [
      {
        code: 'terminating',
        text: condition.serving
          ? 'The pod is terminating (still serving, but no longer ready)'
          : 'The pod is terminating',
        evidence: [`deletionTimestamp: ${facts.pod.metadata?.deletionTimestamp ?? ''}`],
      },
    ];
  }
  return [
    {
      code: 'not-ready',
      text: 'The pod is not ready',
      evidence: notReadyEvidence(facts.pod),
      ...(since ? { since } : {}),
    },
  ];
}

function portReasons(perPort: readonly PodPort[]): PodReason[] {
  return perPort
    .filter((port) => port.missing !== undefined)
    .map((port) => ({
      code: 'port-missing' as const,
      text: `Service port ${port.servicePort ? `"${port.servicePort}"` : '(unnamed)'} finds no port on this pod`,
      evidence: [port.missing ?? ''],
    }));
}

function publishesNotReady(service: RoutingService): boolean {
  return service.spec?.publishNotReadyAddresses === true;
}
