/**
 * A bounded least-recently-used cache keyed by a string (a document's text, a section's text).
 * Map iteration order is insertion order, so deleting and re-inserting on a hit keeps the least recently used entry first, ready to be evicted.
 */
export class LruCache<T> {
  private readonly entries = new Map<string, T>();
  /** Hits and misses since creation, so tests and benchmarks can see what was recomputed. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly capacity: number) {}

  getOrCompute(key: string, compute: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.stats.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    this.stats.misses++;
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  /** The entry, if cached (counted as a hit; a miss is not counted: nothing was computed). */
  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.stats.hits++;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** Adds or replaces an entry, evicting the least recently used beyond the capacity. */
  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  values(): IterableIterator<T> {
    return this.entries.values();
  }

  get size(): number {
    return this.entries.size;
  }
}
