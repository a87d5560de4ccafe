/**
 * Whether a pod is ready, as the controller decides it, and the evidence a person needs to see
 * why not. Upstream: k8s.io/endpointslice util/controller_utils.go IsPodReady (the first
 * condition of type Ready has status True; a pod without one is not ready).
 */
import type { RoutingCondition, RoutingPod } from './types';

type RoutingPodStatusLike = NonNullable<RoutingPod['status']>;

export function readyCondition(pod: RoutingPod): RoutingCondition | undefined {
  return (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
}

export function isPodReady(pod: RoutingPod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** Sentences naming what keeps the pod from being ready: the condition, containers, gates. */
export function notReadyEvidence(pod: RoutingPod): string[] {
  const condition = readyCondition(pod);
  const evidence: string[] = [];
  if (!condition) {
    evidence.push('the pod reports no Ready condition yet');
  } else {
    evidence.push(conditionText(condition));
  }
  evidence.push(...containerEvidence(pod.status));
  evidence.push(...gateEvidence(pod));
  return evidence;
}

function conditionText(condition: RoutingCondition): string {
  const why = [condition.reason, condition.message].filter((part) => part).join(': ');
  return `condition Ready is ${condition.status ?? 'unset'}${why ? ` (${why})` : ''}`;
}

function containerEvidence(status: RoutingPodStatusLike | null | undefined): string[] {
  return (status?.containerStatuses ?? [])
    .filter((c) => c.ready !== true)
    .map((c) => {
      const state = c.state;
      const detail = state?.waiting
        ? `waiting${state.waiting.reason ? `: ${state.waiting.reason}` : ''}`
        : state?.terminated
          ? `terminated${state.terminated.reason ? `: ${state.terminated.reason}` : ''}`
          : 'running, readiness probe not passing';
      const restarts = c.restartCount ? `, ${c.restartCount} restarts` : '';
      return `container ${c.name ?? '?'} not ready (${detail}${restarts})`;
    });
}

function gateEvidence(pod: RoutingPod): string[] {
  const conditions = pod.status?.conditions ?? [];
  return (pod.spec?.readinessGates ?? [])
    .map((gate) => gate.conditionType ?? '')
    .filter((type) => type !== '' && conditions.find((c) => c.type === type)?.status !== 'True')
    .map((type) => `readiness gate ${type} is not True`);
}
