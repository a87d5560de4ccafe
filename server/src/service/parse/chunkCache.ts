/**
 * A bounded cache keyed by document text. Map iteration order is insertion order, so deleting
 * and re-inserting on a hit keeps the least recently used entry first, ready to be evicted.
 */
export class ChunkCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  getOrCompute(key: string, compute: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
