/**
 * Binary searches over ascending keys (line starts, document starts, diagnostic lines), which
 * the parsers and the features each needed; `keyAt(i)` reads the i-th key of `count`.
 */

/** The index of the last key not greater than `value` (0 when there is none). */
export function lastAtMost(count: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keyAt(mid) <= value) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The index of the first key not less than `value` (`count` when there is none). */
export function firstAtLeast(count: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `lastAtMost` over an array of numbers. */
export function lastAtMostIn(sorted: readonly number[], value: number): number {
  return lastAtMost(sorted.length, (i) => sorted[i] ?? 0, value);
}
