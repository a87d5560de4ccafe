import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  children,
  ids,
  mergedCounts,
  mergedEndpoints,
  mergedView,
  present,
} from '../../client/src/cluster/model';
import type { ClusterModel, ClusterNode, ServiceNode } from '../../client/src/cluster/model';
import { maxListed, rangeSize } from '../../client/src/cluster/model/paging';
import { endpoint, modelWithNamespace, modified, service, slice } from '../helpers/kubeObjects';

const ctx = 'ctx';
const ns = 'ns';

/** `slices` slices of `perSlice` endpoints each, all for Service `big`. */
function bigService(slices: number, perSlice: number): { model: ClusterModel; node: ServiceNode } {
  const model = modelWithNamespace(ctx, ns);
  const items = Array.from({ length: slices }, (_, s) =>
    slice(
      `big-${s.toString().padStart(4, '0')}`,
      'big',
      Array.from({ length: perSlice }, (_, e) =>
        endpoint(`10.${100 + (s % 100)}.${Math.floor(s / 100)}.${e + 1}`, undefined),
      ),
    ),
  );
  model.apply(ctx, ns, 'services', { type: 'replace', items: [service('big', undefined)] });
  model.apply(ctx, ns, 'endpointslices', { type: 'replace', items });
  model.apply(ctx, ns, 'endpoints', { type: 'replace', items: [] });
  model.apply(ctx, ns, 'pods', { type: 'replace', items: [] });
  const parent = children(model, children(model, children(model)[0])[0]).find((n) => n.kind === 'service');
  assert.ok(parent?.kind === 'service');
  return { model, node: parent };
}

/** Every leaf below `node` reached through ranges, in order; asserts no list is longer than maxListed. */
function leaves(model: ClusterModel, node: ClusterNode): ClusterNode[] {
  const kids = children(model, node);
  assert.ok(kids.length <= maxListed, `${node.id} has ${kids.length} children`);
  return kids.flatMap((kid) => (kid.kind === 'page' ? leaves(model, kid) : [kid]));
}

describe('cluster view: long lists in ranges', () => {
  it('cuts lists into at most 100 ranges of a power of ten, from 100 up', () => {
    assert.equal(rangeSize(1_001), 100);
    assert.equal(rangeSize(10_000), 100);
    assert.equal(rangeSize(10_001), 1_000);
    assert.equal(rangeSize(100_000), 1_000);
    assert.equal(rangeSize(100_001), 10_000);
  });

  it('shows the 100,000 merged endpoints of one Service as 100 ranges of 1,000, in order, none lost', () => {
    const { model, node } = bigService(1_000, 100);
    const merged = children(model, node).find((n) => n.kind === 'merged');
    assert.ok(merged);
    const pages = children(model, merged);
    assert.equal(pages.length, 100);
    assert.ok(pages.every((p) => p.kind === 'page'));
    const first = present(model, pages[0]);
    const view = mergedView(model.namespace(ctx, ns)!, 'big').list;
    assert.equal(first?.label, `${view[0].endpoint.addresses?.[0]} … ${view[999].endpoint.addresses?.[0]}`);
    assert.equal(first?.description, '1–1,000 of 100,000 endpoints');
    assert.equal(first?.contextValue, 'page');
    assert.equal(present(model, pages[99])?.description, '99,001–100,000 of 100,000 endpoints');
    const all = leaves(model, merged);
    assert.deepEqual(
      all.map((n) => (n.kind === 'mergedEndpoint' ? n.key : n.kind)),
      view.map((m) => m.key),
    );
    assert.equal(present(model, all[1_500])?.label, view[1_500].endpoint.addresses?.[0]);
    assert.equal(new Set(all.map((n) => n.id)).size, all.length, 'ids are unique');
  });

  it('pages a Service with more slices than maxListed, and nests ranges past 100 × 1,000', () => {
    const { model, node } = bigService(1_500, 1);
    const sliceChildren = children(model, node).filter((n) => n.kind !== 'merged' && n.kind !== 'message');
    assert.equal(sliceChildren.length, 15);
    assert.equal(present(model, sliceChildren[0])?.label, 'big-0000 … big-0099');
    assert.equal(leaves(model, node).filter((n) => n.kind === 'slice').length, 1_500);

    const huge = bigService(1_001, 100);
    const merged = children(huge.model, huge.node).find((n) => n.kind === 'merged')!;
    const outer = children(huge.model, merged);
    assert.equal(outer.length, 11, '100,100 endpoints: ranges of 10,000');
    assert.equal(children(huge.model, outer[0]).length, 100, 'each cut again into ranges of 100');
    assert.equal(leaves(huge.model, merged).length, 100_100);
  });

  it('keeps a range whose items went away from showing stale ones', () => {
    const { model, node } = bigService(20, 100);
    const merged = children(model, node).find((n) => n.kind === 'merged')!;
    const last = children(model, merged).at(-1)!;
    assert.equal(last.kind, 'page');
    model.apply(ctx, ns, 'endpointslices', { type: 'replace', items: [] });
    assert.deepEqual(children(model, last), []);
    assert.equal(present(model, last), undefined);
    assert.ok(last.id.startsWith(ids.service(ctx, ns, 'big')));
  });
});

describe('cluster view: the merged endpoints of a large Service, kept up to date slice by slice', () => {
  it('equals a merge from scratch after every kind of slice change', () => {
    const { model } = bigService(30, 20);
    const data = (): NonNullable<ReturnType<ClusterModel['namespace']>> => model.namespace(ctx, ns)!;
    const fresh = (): unknown => {
      const list = mergedEndpoints(data().slicesOf('big'));
      return list.map((m) => ({ ...m }));
    };
    const shown = (): unknown => mergedView(data(), 'big').list.map((m) => ({ ...m }));
    assert.deepEqual(shown(), fresh());
    const sliceNamed = (name: string) => data().slices.get(name)!;
    const changes: (() => void)[] = [
      // A readiness change: the same addresses, one endpoint's state.
      () =>
        model.apply(ctx, ns, 'endpointslices', {
          type: 'upsert',
          object: modified(sliceNamed('big-0003'), (s) => {
            s.endpoints![4].conditions = { ready: false, serving: true, terminating: true };
          }),
        }),
      // The same address in a second slice, not ready there: the ready copy keeps winning.
      () =>
        model.apply(ctx, ns, 'endpointslices', {
          type: 'upsert',
          object: modified(sliceNamed('big-0005'), (s) => {
            s.endpoints![0] = {
              ...s.endpoints![0],
              addresses: sliceNamed('big-0001').endpoints![2].addresses,
            };
            s.endpoints![0].conditions = { ready: false };
          }),
        }),
      // An address that was nowhere before, and one that goes away.
      () =>
        model.apply(ctx, ns, 'endpointslices', {
          type: 'upsert',
          object: modified(sliceNamed('big-0007'), (s) => {
            s.endpoints![1] = endpoint('10.250.0.1', undefined);
            s.endpoints!.pop();
          }),
        }),
      () => model.apply(ctx, ns, 'endpointslices', { type: 'delete', object: sliceNamed('big-0010') }),
      () =>
        model.apply(ctx, ns, 'endpointslices', {
          type: 'upsert',
          object: slice('big-0000a', 'big', [
            endpoint('10.100.0.1', undefined, { ready: true, serving: true }),
          ]),
        }),
    ];
    for (const change of changes) {
      mergedView(data(), 'big'); // the view exists, so the next one is an update of it
      change();
      assert.deepEqual(shown(), fresh());
      const counts = mergedCounts(data(), 'big');
      const list = mergedEndpoints(data().slicesOf('big'));
      assert.equal(counts.total, list.length);
      assert.equal(counts.ready, list.filter((m) => m.endpoint.conditions?.ready !== false).length);
    }
  });
});
