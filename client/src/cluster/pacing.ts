/**
 * Request pacing: a token bucket so no burst of list and watch requests (many namespaces opened
 * at once, every watch reconnecting after an outage) exceeds a steady rate, and an exponential
 * backoff with jitter between failed attempts, so an unreachable cluster is retried less and
 * less often and many watches do not retry in lock-step.
 */
import { setTimeout as delay } from 'node:timers/promises';

export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  /** `qps` tokens per second refill a bucket of `burst`; client-go defaults to 5 and 10. */
  constructor(
    private readonly qps: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Resolves when a token is available; callers are served in order. Rejects when `signal` aborts. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      await delay(((1 - this.tokens) / this.qps) * 1000, undefined, { signal });
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }
}

export class Backoff {
  attempt = 0;
  private exhausted = false;

  constructor(
    private readonly initialMs = 500,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The wait before the next attempt: doubling from `initialMs` up to `maxMs`, ±20 %. */
  next(): number {
    this.attempt++;
    const base = this.exhausted ? this.maxMs : Math.min(this.maxMs, this.initialMs * 2 ** (this.attempt - 1));
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }

  /** The waits are the longest until the next reset: for a failure that retrying soon cannot fix. */
  exhaust(): void {
    this.exhausted = true;
  }

  reset(): void {
    this.attempt = 0;
    this.exhausted = false;
  }
}
