import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  NamespaceData,
  countEndpoints,
  endpointFindings,
  endpointState,
  keyedEndpoints,
  mergedCounts,
  mergedEndpoints,
  mergedView,
  serviceFindings,
  sliceFindings,
} from '../../client/src/cluster/model';
import type { KubeObject, ResourceKind } from '../../client/src/cluster/model';
import { endpoint, pod, service, slice } from '../helpers/kubeObjects';

function namespaceWith(objects: Partial<Record<ResourceKind, KubeObject[]>>): NamespaceData {
  const data = new NamespaceData('ctx', 'ns');
  for (const [kind, items] of Object.entries(objects) as [ResourceKind, KubeObject[]][]) {
    data.resources[kind].items = new Map(items.map((item) => [item.metadata.name, item]));
    data.resources[kind].status = { state: 'synced' };
  }
  return data;
}

describe('endpoint conditions: the API nil semantics', () => {
  it('unset ready and serving mean true, unset terminating means false', () => {
    assert.deepEqual(endpointState(undefined), { ready: true, serving: true, terminating: false });
    assert.deepEqual(endpointState({ ready: null }), { ready: true, serving: true, terminating: false });
    assert.deepEqual(endpointState({ ready: false, serving: true, terminating: true }), {
      ready: false,
      serving: true,
      terminating: true,
    });
  });

  it('counts ready, serving and terminating with those semantics', () => {
    const s = slice('s', 'web', [
      endpoint('10.0.0.1', undefined, {}),
      endpoint('10.0.0.2', undefined, { ready: false }),
      endpoint('10.0.0.3', undefined, { ready: false, serving: true, terminating: true }),
      endpoint('10.0.0.4', undefined, { ready: false, serving: false, terminating: true }),
    ]);
    assert.deepEqual(countEndpoints(keyedEndpoints(namespaceWith({ endpointslices: [s] }), s)), {
      total: 4,
      ready: 1,
      serving: 3,
      terminating: 2,
    });
  });
});

describe('merged per-Service view', () => {
  it('de-duplicates an address found in several slices; a ready copy wins', () => {
    const a = slice('web-a', 'web', [
      endpoint('10.0.0.1', 'p1', { ready: false, serving: false }),
      endpoint('10.0.0.2', 'p2'),
    ]);
    const b = slice('web-b', 'web', [
      endpoint('10.0.0.1', 'p1', { ready: true }),
      endpoint('10.0.0.3', 'p3'),
    ]);
    const merged = mergedEndpoints([a, b]);
    assert.deepEqual(
      merged.map((m) => [m.key, m.slices]),
      [
        ['IPv4/10.0.0.1', ['web-a', 'web-b']],
        ['IPv4/10.0.0.2', ['web-a']],
        ['IPv4/10.0.0.3', ['web-b']],
      ],
    );
    assert.equal(merged[0].endpoint.conditions?.ready, true);
    assert.deepEqual(countEndpoints(merged), { total: 3, ready: 3, serving: 3, terminating: 0 });
  });

  it('keeps IPv4 and IPv6 endpoints apart and sorts addresses numerically', () => {
    const v4 = slice('v4', 'db', [endpoint('10.0.0.10', undefined), endpoint('10.0.0.9', undefined)]);
    const v6 = slice('v6', 'db', [endpoint('2001:db8::1', undefined)], undefined, 'IPv6');
    assert.deepEqual(
      mergedEndpoints([v4, v6]).map((m) => m.key),
      ['IPv4/10.0.0.9', 'IPv4/10.0.0.10', 'IPv6/2001:db8::1'],
    );
  });

  it("counts a Service's endpoints as the merged list does, without building it first", () => {
    const a = slice('web-a', 'web', [
      endpoint('10.0.0.1', 'p1', { ready: false, serving: false }),
      endpoint('10.0.0.1', 'p1', { ready: false, serving: true }),
      endpoint('10.0.0.2', 'p2', { ready: false, terminating: true }),
    ]);
    const b = slice('web-b', 'web', [endpoint('10.0.0.2', 'p2'), endpoint('10.0.0.3', 'p3')]);
    const v6 = slice('web-c', 'web', [endpoint('10.0.0.3', 'p3', { ready: false })], undefined, 'IPv6');
    const one = slice('db-a', 'db', [endpoint('10.0.1.1', undefined, { ready: false })]);
    const repeated = slice('api-a', 'api', [
      endpoint('10.0.2.1', undefined, { ready: false }),
      endpoint('10.0.2.2', undefined),
      endpoint('10.0.2.1', undefined),
    ]);
    const data = namespaceWith({
      services: [service('web', undefined)],
      endpointslices: [a, b, v6, one, repeated],
    });
    const expected = { total: 4, ready: 2, serving: 4, terminating: 0 };
    assert.deepEqual(countEndpoints(mergedEndpoints([a, b, v6])), expected);
    assert.deepEqual(mergedCounts(data, 'web'), expected);
    assert.deepEqual(mergedCounts(data, 'db'), { total: 1, ready: 0, serving: 1, terminating: 0 });
    assert.deepEqual(mergedCounts(data, 'api'), { total: 2, ready: 2, serving: 2, terminating: 0 });
    assert.deepEqual(mergedCounts(data, 'none'), { total: 0, ready: 0, serving: 0, terminating: 0 });
    // The same answers once the list has been built (an expanded "All endpoints" node).
    assert.equal(mergedView(data, 'web').list.length, 4);
    assert.deepEqual(mergedCounts(data, 'web'), expected);
  });

  it('counts Services whose slices share no address by summing the slices, and others by merging', () => {
    const ten = Array.from({ length: 10 }, (_, i) => endpoint(`10.0.3.${i}`, undefined));
    const a = slice('big-a', 'big', ten);
    const b = slice('big-b', 'big', [endpoint('10.0.3.20', undefined, { ready: false })]);
    const repeatLater = slice('dup-a', 'dup', [...ten, endpoint('10.0.3.1', undefined, { ready: false })]);
    const across = slice('dup-b', 'dup', [endpoint('10.0.3.0', undefined, { ready: false })]);
    const data = namespaceWith({ services: [], endpointslices: [a, b, repeatLater, across] });
    assert.deepEqual(mergedCounts(data, 'big'), { total: 11, ready: 10, serving: 11, terminating: 0 });
    assert.deepEqual(mergedCounts(data, 'big'), countEndpoints(mergedEndpoints([a, b])));
    assert.deepEqual(mergedCounts(data, 'dup'), { total: 10, ready: 10, serving: 10, terminating: 0 });
    assert.deepEqual(mergedCounts(data, 'dup'), countEndpoints(mergedEndpoints([repeatLater, across])));
  });

  it('gives repeated addresses within one slice distinct keys', () => {
    const s = slice('s', 'web', [
      endpoint('10.0.0.1', undefined),
      endpoint('10.0.0.1', undefined),
      { addresses: [] },
    ]);
    assert.deepEqual(
      keyedEndpoints(namespaceWith({ endpointslices: [s] }), s).map((e) => e.key),
      ['10.0.0.1', '10.0.0.1#2', '(no address)'],
    );
  });
});

describe('warnings where reality disagrees', () => {
  it('a pod the Service selects that is in no slice (only pods with an IP that are not finished)', () => {
    const web = service('web', { app: 'web' });
    const listed = pod('web-1', '10.0.0.1', { app: 'web' });
    const missing = pod('web-2', '10.0.0.2', { app: 'web' });
    const pending = pod('web-3', undefined, { app: 'web' });
    const done = pod('web-4', '10.0.0.4', { app: 'web' });
    done.status!.phase = 'Succeeded';
    const other = pod('db-1', '10.0.0.9', { app: 'db' });
    const data = namespaceWith({
      services: [web],
      endpointslices: [slice('web-x', 'web', [endpoint('10.0.0.1', 'web-1')])],
      pods: [listed, missing, pending, done, other],
    });
    assert.deepEqual(
      serviceFindings(data, web).map((f) => [f.code, f.text]),
      [['pod-not-in-slice', 'Pod web-2 is selected but in no EndpointSlice']],
    );
  });

  it('says nothing about selected pods while pods are not readable', () => {
    const web = service('web', { app: 'web' });
    const data = namespaceWith({ services: [web], endpointslices: [] });
    data.resources.pods.items.set('web-1', pod('web-1', '10.0.0.1', { app: 'web' }));
    assert.deepEqual(serviceFindings(data, web), []);
  });

  it('a slice port whose name matches no Service port', () => {
    const web = service('web', { app: 'web' }, [{ name: 'http', port: 80 }]);
    const good = slice('good', 'web', [], [{ name: 'http', port: 8080 }]);
    const bad = slice('bad', 'web', [], [{ name: 'metrics', port: 9090 }, { port: 8080 }]);
    const data = namespaceWith({ services: [web], endpointslices: [good, bad] });
    assert.deepEqual(sliceFindings(data, good), []);
    assert.deepEqual(
      sliceFindings(data, bad).map((f) => f.text),
      ['Port name "metrics" matches no port of Service web', 'Port name "" matches no port of Service web'],
    );
  });

  it('an unnamed slice port matches an unnamed Service port', () => {
    const api = service('api', { app: 'api' }, [{ port: 80 }]);
    const s = slice('api-x', 'api', [], [{ port: 8080 }]);
    assert.deepEqual(sliceFindings(namespaceWith({ services: [api], endpointslices: [s] }), s), []);
  });

  it("an address that is not its pod's IP, and a targetRef to a pod that does not exist", () => {
    const data = namespaceWith({ pods: [pod('web-1', '10.0.0.1', { app: 'web' })] });
    assert.deepEqual(endpointFindings(data, endpoint('10.0.0.1', 'web-1')), []);
    assert.deepEqual(
      endpointFindings(data, endpoint('10.0.0.7', 'web-1')).map((f) => f.text),
      ['Address 10.0.0.7 is not an IP of pod web-1'],
    );
    assert.deepEqual(
      endpointFindings(data, endpoint('10.0.0.8', 'web-9')).map((f) => f.code),
      ['pod-missing'],
    );
    assert.deepEqual(
      endpointFindings(data, { ip: '10.0.0.6', targetRef: { kind: 'Pod', name: 'web-1' } }).map(
        (f) => f.code,
      ),
      ['address-not-pod-ip'],
    );
  });
});
