// The bounded cache every store of the service keeps its memos in: least recently used first
// out, hits and misses counted, a replaced or evicted value no longer answered.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LruCache } from '../../server/src/service/store/lru';

describe('LruCache', () => {
  it('evicts the least recently used entry, a hit counting as a use', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1); // b is now the least recently used
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.deepEqual(cache.values(), [1, 3]);
    assert.equal(cache.size, 2);
  });

  it('computes on a miss only, and counts hits and misses', () => {
    const cache = new LruCache<string>(3);
    let computed = 0;
    const compute = (): string => `v${++computed}`;
    assert.equal(cache.getOrCompute('x', compute), 'v1');
    assert.equal(cache.getOrCompute('x', compute), 'v1');
    assert.equal(cache.getOrCompute('y', compute), 'v2');
    assert.deepEqual(cache.stats, { hits: 1, misses: 2 });
    assert.equal(cache.get('z'), undefined);
    assert.deepEqual(cache.stats, { hits: 1, misses: 2 }, 'a get that finds nothing is no miss');
  });

  it('replaces a value in place without growing, and makes it the most recent', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    assert.equal(cache.size, 2);
    cache.set('c', 3);
    assert.deepEqual(cache.values(), [10, 3]);
  });

  it('keeps working through many evictions (its boxes are emptied, not reused)', () => {
    const cache = new LruCache<number>(4);
    for (let i = 0; i < 1000; i++) cache.getOrCompute(`k${i}`, () => i);
    assert.deepEqual(cache.values(), [996, 997, 998, 999]);
    assert.equal(
      cache.getOrCompute('k0', () => -1),
      -1,
    );
  });

  it('clears every entry and keeps counting', () => {
    const cache = new LruCache<number>(4);
    cache.set('a', 1);
    cache.getOrCompute('a', () => 2);
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(
      cache.getOrCompute('a', () => 3),
      3,
    );
    assert.deepEqual(cache.stats, { hits: 1, misses: 1 });
  });
});
