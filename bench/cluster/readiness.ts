import { performance } from 'node:perf_hooks';
import type { ApiServer, WatchEvent } from './api';
import { bigNamespace, liveService } from './seed';
import { sleep } from '../util/stats';

/** fakelet's switch: a pod with this annotation "false" reports Ready=False (cluster/README.md). */
const readyAnnotation = 'fakelet.endpointslices.dev/ready';

/** Sets a live pod's readiness through fakelet's annotation; returns when the PATCH was sent. */
export async function setPodReady(api: ApiServer, pod: string, ready: boolean): Promise<number> {
  const sentAt = performance.now();
  const { status, text } = await api.send('PATCH', `/api/v1/namespaces/${bigNamespace}/pods/${pod}`, {
    metadata: { annotations: { [readyAnnotation]: String(ready) } },
  });
  if (status !== 200) throw new Error(`PATCH pod ${pod}: HTTP ${status} ${text.slice(0, 200)}`);
  return sentAt;
}

/**
 * Flips readiness `flips` times (pod i to not ready, then back, then the next pod), and times each
 * flip from the PATCH to `observed(pod, ready)` resolving (`sentAt` lets a second observer of the
 * same flips compute its own times). The chain in between is fakelet (the
 * kubelet's stand-in) writing the pod status, the EndpointSlice controller rewriting the slice,
 * and the watch delivering it; the floor and the tree both pay it.
 */
export async function timeFlips(
  api: ApiServer,
  pods: readonly string[],
  flips: number,
  observed: (pod: string, ready: boolean) => Promise<number>,
): Promise<{ times: number[]; sentAt: number[] }> {
  const times: number[] = [];
  const sentAt: number[] = [];
  for (let k = 0; k < flips; k++) {
    const pod = pods[Math.floor(k / 2) % pods.length];
    const ready = k % 2 === 1;
    const seen = observed(pod, ready);
    const sent = await setPodReady(api, pod, ready);
    sentAt.push(sent);
    times.push((await seen) - sent);
    // The controller batches nothing by default, but give it a breath between flips, as
    // readiness changes are spaced in real clusters too.
    await sleep(200);
  }
  return { times, sentAt };
}

/** Whether a slice event shows `pod`'s endpoint with the given readiness (nil ready means ready). */
export function sliceShows(event: WatchEvent, pod: string, ready: boolean): boolean {
  if (event.type !== 'MODIFIED' && event.type !== 'ADDED') return false;
  if (event.object.metadata.labels?.['kubernetes.io/service-name'] !== liveService) return false;
  const endpoint = event.object.endpoints?.find((e) => e.targetRef?.name === pod);
  return endpoint !== undefined && (endpoint.conditions?.ready ?? true) === ready;
}

/** Resolves with the arrival time of the first event matching `predicate`, failing after a minute. */
export function waitForEvent(
  subscribe: (listener: (event: WatchEvent) => void) => () => void,
  predicate: (event: WatchEvent) => boolean,
  what: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no watch event for ${what} within 60 s`));
    }, 60_000);
    const unsubscribe = subscribe((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(performance.now());
    });
  });
}
