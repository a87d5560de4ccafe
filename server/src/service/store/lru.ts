/**
 * A bounded least-recently-used cache keyed by a string (a document's text, a section's text).
 * Map iteration order is insertion order, so deleting and re-inserting on a hit keeps the least
 * recently used entry first, ready to be evicted.
 *
 * Each value sits in a box that is emptied when its entry leaves. Measured on V8 (Node 20): a
 * value deleted from a Map stayed reachable to the young-generation collector for many more
 * documents, so each collection copied evicted parses again; a Map of the last four parses made
 * parsing 2,000 small files spend 5× more time in those collections than an array of them, and
 * emptying the box on eviction brings it back to the array's cost.
 */
interface Box<T> {
  value: T | undefined;
}

export class LruCache<T> {
  private readonly entries = new Map<string, Box<T>>();
  /** Hits and misses since creation, so tests and benchmarks can see what was recomputed. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(private readonly capacity: number) {}

  getOrCompute(key: string, compute: () => T): T {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    this.stats.misses++;
    const value = compute();
    this.add(key, value);
    return value;
  }

  /** The entry, if cached (counted as a hit; a miss is not counted: nothing was computed). */
  get(key: string): T | undefined {
    const box = this.entries.get(key);
    if (box === undefined) return undefined;
    this.stats.hits++;
    this.entries.delete(key);
    this.entries.set(key, box);
    return box.value;
  }

  /** Adds or replaces an entry, evicting the least recently used beyond the capacity. */
  set(key: string, value: T): void {
    const replaced = this.entries.get(key);
    if (replaced !== undefined) {
      replaced.value = undefined;
      this.entries.delete(key);
    }
    this.add(key, value);
  }

  /** Drops every entry (the stats stay). */
  clear(): void {
    for (const box of this.entries.values()) box.value = undefined;
    this.entries.clear();
  }

  values(): T[] {
    return [...this.entries.values()].map((box) => box.value as T);
  }

  get size(): number {
    return this.entries.size;
  }

  private add(key: string, value: T): void {
    this.entries.set(key, { value });
    if (this.entries.size <= this.capacity) return;
    const oldest = this.entries.entries().next().value;
    if (oldest === undefined) return;
    oldest[1].value = undefined;
    this.entries.delete(oldest[0]);
  }
}
