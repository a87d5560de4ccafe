import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkObject, children, namespaceNames, objectShapes, present } from '../../client/src/cluster/model';
import { fitToShape, repair } from '../../client/src/cluster/model/shapeCheck';
import type { ClusterNode, KubeObject, ResourceKind } from '../../client/src/cluster/model';
import { endpoint, legacyEndpoints, modelWithNamespace, pod, service, slice } from '../helpers/kubeObjects';
import { random } from '../helpers/random';

const ctx = 'demo';
const ns = 'ns';

describe('objects from the apiserver are checked before the model takes them', () => {
  it('skips what has no name, removes fields of the wrong type, and says what it did', () => {
    assert.deepEqual(checkObject('pods', null), { problem: 'an item that is null, not an object (skipped)' });
    assert.deepEqual(checkObject('pods', { kind: 'Pod' }), {
      problem: 'an object without metadata.name (skipped)',
    });
    const bad = {
      metadata: { name: 'web-y', labels: { a: 'b', c: 5 } },
      endpoints: 5,
      ports: [null, { port: 'x' }],
    };
    const checked = checkObject('endpointslices', bad);
    assert.equal(checked.problem, 'metadata.labels.c is a number (shown without it)');
    assert.deepEqual(checked.object, { metadata: { name: 'web-y', labels: { a: 'b' } }, ports: [{}] });
    const good = slice('web-a', 'web', [endpoint('10.0.0.1', 'web-1')]);
    assert.deepEqual(checkObject('endpointslices', structuredClone(good)), { object: good });
  });

  it('drops list elements without the fields the view reads unguarded', () => {
    const endpoints = legacyEndpoints('web', [{ ip: '10.0.0.1' }]);
    (endpoints.subsets![0].addresses as unknown[]).push({ hostname: 'no-ip' }, 7);
    const checked = checkObject('endpoints', endpoints);
    assert.equal(checked.object?.metadata.name, 'web');
    assert.equal((checked.object as typeof endpoints).subsets![0].addresses!.length, 1);
    assert.match(checked.problem ?? '', /subsets\[0\]\.addresses\[1\] is an object of the wrong shape/);
  });

  it('namespace names: only items with a name', () => {
    assert.deepEqual(namespaceNames([{}, null, 5, { metadata: { name: 'a' } }, { metadata: { name: 3 } }]), {
      names: ['a'],
      skipped: 4,
    });
    assert.deepEqual(namespaceNames('not a list'), { names: [], skipped: 0 });
  });
});

/** Hostile values a broken server or proxy might put anywhere. */
const hostileValues: unknown[] = [
  null,
  5,
  -1,
  1e308,
  'x',
  '',
  true,
  [],
  [null],
  {},
  { a: 1 },
  [[5]],
  ['10.0.0.1', 3],
];

/** Replaces one random node of `value`'s tree (not the root) with a hostile value. */
function mutate(value: unknown, next: () => number): void {
  let node = value as Record<string, unknown>;
  for (let depth = 0; depth < 8; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) {
      return;
    }
    const key = keys[Math.floor(next() * keys.length)];
    const child = node[key];
    if (next() < 0.35 || typeof child !== 'object' || child === null) {
      node[key] = structuredClone(hostileValues[Math.floor(next() * hostileValues.length)]);
      return;
    }
    node = child as Record<string, unknown>;
  }
}

function healthyObjects(): Record<ResourceKind, KubeObject[]> {
  return {
    services: [service('web', { app: 'web' }), service('api', { app: 'api' })],
    endpointslices: [
      slice('web-a', 'web', [endpoint('10.0.0.1', 'web-1'), endpoint('10.0.0.2', 'web-2', { ready: false })]),
      slice('orphan-a', undefined, [endpoint('10.0.0.9', undefined)]),
    ],
    endpoints: [
      legacyEndpoints('web', [{ ip: '10.0.0.1', pod: 'web-1' }], [{ ip: '10.0.0.2', pod: 'web-2' }]),
    ],
    pods: [pod('web-1', '10.0.0.1', { app: 'web' }), pod('web-2', '10.0.0.2', { app: 'web' }, false)],
  };
}

/** Mutates one object of `objects`, of a random kind, and says which. */
function mutateOne(
  objects: Record<ResourceKind, KubeObject[]>,
  next: () => number,
): { kind: ResourceKind; value: Record<string, unknown> } {
  const kinds = Object.keys(objects) as ResourceKind[];
  const kind = kinds[Math.floor(next() * kinds.length)];
  const list = objects[kind];
  const value = list[Math.floor(next() * list.length)] as unknown as Record<string, unknown>;
  mutate(value, next);
  return { kind, value };
}

/** Builds a model from `objects` (checked or not) and renders every node of the tree. */
function render(objects: Record<ResourceKind, unknown[]>, check: boolean): number {
  const m = modelWithNamespace(ctx, ns);
  for (const kind of Object.keys(objects) as ResourceKind[]) {
    const checked = objects[kind].map((value) =>
      check ? checkObject(kind, value) : { object: value as KubeObject },
    );
    const items = checked.flatMap((c) => (c.object ? [c.object] : []));
    m.apply(ctx, ns, kind, { type: 'replace', items });
  }
  let nodes = 0;
  const walk = (node?: ClusterNode, depth = 0): void => {
    for (const child of children(m, node)) {
      const p = present(m, child);
      nodes++;
      if (p && p.collapsible !== 'none' && depth < 8) {
        walk(child, depth + 1);
      }
    }
  };
  walk();
  return nodes;
}

describe('a seeded fuzz of malformed objects: the tree always renders', () => {
  it('no throw from the model, children() or present() once objects are checked', () => {
    let uncheckedFailures = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const objects = healthyObjects();
      for (let i = 0; i < 3; i++) {
        mutateOne(objects, next);
      }
      try {
        render(structuredClone(objects), false);
      } catch {
        uncheckedFailures++; // what the view did before objects were checked
      }
      assert.doesNotThrow(() => render(objects, true), `seed ${seed}`);
    }
    // The generator is strong enough to matter: unchecked, the same objects break the tree.
    assert.ok(uncheckedFailures > 20, `only ${uncheckedFailures} unchecked failures`);
  });
});

describe('the reading walk agrees with the repairing walk', () => {
  it('on a seeded fuzz of malformed objects, the same repairs and the same first fault', () => {
    let faulty = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const { kind, value } = mutateOne(healthyObjects(), next);
      const [fast, slow] = [structuredClone(value), structuredClone(value)];
      const problem = repair(slow, objectShapes[kind]);
      assert.equal(fitToShape(fast, objectShapes[kind]), problem, `seed ${seed}`);
      assert.deepEqual(fast, slow, `seed ${seed}`);
      faulty += problem === undefined ? 0 : 1;
    }
    // Most mutations hit a field the view reads: a reading walk that let one through would differ.
    assert.ok(faulty > 150, `only ${faulty} objects with a fault`);
  });
});
