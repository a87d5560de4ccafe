import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { children, present } from '../../client/src/cluster/model';
import { serviceRouting } from '../../client/src/cluster/model/routingView';
import type { ClusterModel, ClusterNode, KubeObject, ResourceKind } from '../../client/src/cluster/model';
import { endpoint, modelWithNamespace, pod, service, slice } from '../helpers/kubeObjects';

const ctx = 'ctx';
const ns = 'ns';

/** Every node of the tree with what it shows, depth first: what a user would see expanding all. */
function shown(model: ClusterModel, node?: ClusterNode): string[] {
  return children(model, node).flatMap((child) => {
    const p = present(model, child);
    return [`${child.id} ${p?.label ?? ''} ${p?.description ?? ''}`, ...shown(model, child)];
  });
}

type Event = [ResourceKind, KubeObject[]];

function modelOf(events: Event[]): ClusterModel {
  const model = modelWithNamespace(ctx, ns);
  for (const [kind, items] of events) model.apply(ctx, ns, kind, { type: 'replace', items });
  return model;
}

describe('two cluster models in one process', () => {
  it('each shows its own objects when their changes interleave, as a fresh model would', () => {
    const webSlice = slice('web-1', 'web', [endpoint('10.0.0.1', 'p1'), endpoint('10.0.0.2', 'p2')]);
    const a: Event[] = [
      ['services', [service('web', { app: 'web' })]],
      ['endpointslices', [webSlice]],
      ['endpoints', []],
      ['pods', [pod('p1', '10.0.0.1', { app: 'web' }), pod('p2', '10.0.0.2', { app: 'web' }, false)]],
    ];
    // The same slice object, then a different readiness of the same pods: memos keyed by the
    // object or the Service name would answer one model with the other's verdicts.
    const b: Event[] = [
      ['services', [service('web', { app: 'web' })]],
      ['endpointslices', [webSlice]],
      ['endpoints', []],
      ['pods', [pod('p1', '10.0.0.1', { app: 'web' }, false), pod('p2', '10.0.0.2', { app: 'web' })]],
    ];
    const first = modelWithNamespace(ctx, ns);
    const second = modelWithNamespace(ctx, ns);
    for (let i = 0; i < a.length; i++) {
      first.apply(ctx, ns, a[i][0], { type: 'replace', items: a[i][1] });
      shown(first);
      second.apply(ctx, ns, b[i][0], { type: 'replace', items: b[i][1] });
      shown(second);
    }
    assert.deepEqual(shown(first), shown(modelOf(a)));
    assert.deepEqual(shown(second), shown(modelOf(b)));
    const verdicts = (model: ClusterModel): unknown => {
      const data = model.namespace(ctx, ns)!;
      return serviceRouting(data, data.services.get('web')!).pods.map((v) => [v.name, v.ready]);
    };
    assert.notDeepEqual(verdicts(first), verdicts(second));
  });

  it('keep what their views derived each in their own namespace data', () => {
    const one = modelOf([['endpointslices', [slice('s', 'web', [endpoint('10.0.0.1', undefined)])]]]);
    const two = modelOf([['endpointslices', [slice('s', 'web', [endpoint('10.0.0.1', undefined)])]]]);
    shown(one);
    const [memosOne, memosTwo] = [one, two].map((m) => m.namespace(ctx, ns)!.memos);
    assert.notEqual(memosOne, memosTwo);
    assert.equal(memosTwo.merged.size, 0, 'what the first model computed is not in the second');
  });
});
