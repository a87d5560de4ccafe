// The near misses named for a Service that selects nothing: the closest few pods, found in one
// pass. Compared with the plain definition (every candidate sorted by differing keys, spelling
// distance, then name) on random workspaces, ties and repeated names included.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { editDistance, labelDifferences, nearestPods } from '../../server/src/service/routing/selector';
import type { NearPod, RoutingPod } from '../../server/src/service/routing';

function byDefinition(selector: Record<string, string>, pods: readonly RoutingPod[]): NearPod[] {
  const keys = Object.keys(selector).length;
  const distance = (near: NearPod): number =>
    near.differences.reduce((sum, d) => sum + editDistance(d.actual ?? '', d.wanted), 0);
  return pods
    .map((pod) => ({
      name: pod.metadata?.name ?? '',
      differences: labelDifferences(selector, pod.metadata?.labels ?? {}),
    }))
    .filter((near) => near.name !== '' && near.differences.length > 0)
    .filter((near) => near.differences.length < keys || near.differences.some((d) => d.actual !== undefined))
    .sort(
      (a, b) =>
        a.differences.length - b.differences.length ||
        distance(a) - distance(b) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, 3);
}

/** A small deterministic generator: few names and values, so ties are common. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('nearest pods', () => {
  it('names the same pods in the same order as sorting every candidate', () => {
    const next = random(19);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const values = ['api', 'api-svc', 'api-service', 'web', 'Web', 'db', ''];
    const names = ['a', 'b', 'B', 'pod-1', 'pod-10', 'pod-2', 'Deployment/api', ''];
    for (let round = 0; round < 500; round++) {
      const selector: Record<string, string> = { app: pick(values) };
      if (next() < 0.5) selector.tier = pick(values);
      const pods: RoutingPod[] = Array.from({ length: Math.floor(next() * 12) }, () => {
        const labels: Record<string, string> = {};
        if (next() < 0.8) labels.app = pick(values);
        if (next() < 0.5) labels.tier = pick(values);
        if (next() < 0.3) labels.other = pick(values);
        return { metadata: { name: pick(names), labels } };
      });
      assert.deepEqual(nearestPods(selector, pods), byDefinition(selector, pods), `round ${round}`);
    }
  });

  it('finds the same few among many pods with many ties', () => {
    const pods: RoutingPod[] = Array.from({ length: 20_000 }, (_, i) => ({
      metadata: { name: `pod-${i}`, labels: { app: `service-${i % 500}`, tier: 'backend' } },
    }));
    const selector = { app: 'service-7x', tier: 'backend' };
    const near = nearestPods(selector, pods);
    // service-7 and service-70..79 are one edit away: the first three of those by name.
    assert.deepEqual(near, byDefinition(selector, pods));
    assert.deepEqual(
      near.map((p) => p.name),
      ['pod-10007', 'pod-1007', 'pod-10070'],
    );
  });
});
