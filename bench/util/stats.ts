import { performance } from 'node:perf_hooks';

/** Summary of repeated timings, in milliseconds. */
export interface Sample {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/**
 * Nearest-rank percentile: with few samples (the yaml-language-server runs take seconds each),
 * interpolation would invent values nobody measured.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(values: readonly number[]): Sample {
  const n = values.length;
  return {
    n,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    min: n === 0 ? Number.NaN : Math.min(...values),
    max: n === 0 ? Number.NaN : Math.max(...values),
    mean: n === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / n,
  };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured. */
export function timeSync(runs: number, warmup: number, fn: () => unknown): Sample {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return summarize(times);
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Milliseconds with a precision that suits their size: 0.42, 4.2, 42, 4200. */
export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 10) return `${value.toFixed(1)} ms`;
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

/** A ratio such as "0.83×" or "312×"; n/a when either side is missing. */
export function ratio(numerator: number | undefined, denominator: number | undefined): string {
  if (numerator === undefined || denominator === undefined) return 'n/a';
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return 'n/a';
  const r = numerator / denominator;
  return r >= 10 ? `${Math.round(r).toLocaleString('en-US')}×` : `${r.toFixed(2)}×`;
}

/** Memory, in binary megabytes. */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** File sizes, in decimal megabytes (as "a 9 MB file" is meant). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export const sleep = (msToWait: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, msToWait));

export const median = (values: readonly number[]): number => percentile(values, 50);
