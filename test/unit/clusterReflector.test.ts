import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ClusterError } from '../../client/src/cluster/clusterErrors';
import { Backoff, TokenBucket } from '../../client/src/cluster/pacing';
import { Reflector } from '../../client/src/cluster/reflector';
import type { ReflectorOptions } from '../../client/src/cluster/reflector';
import type { Query, Transport, WatchStream } from '../../client/src/cluster/transport';
import type { KubeObject, ResourceEvent, ResourceStatus } from '../../client/src/cluster/model';

const object = (name: string, resourceVersion: string): KubeObject => ({
  metadata: { name, resourceVersion },
});

interface OpenStream extends WatchStream {
  query: Query;
  send(type: string, value: object): void;
  end(): void;
  fail(error: Error): void;
}

/** A transport the test scripts: list pages are queued answers; watches are streams it drives. */
class FakeTransport implements Transport {
  readonly lists: Query[] = [];
  readonly streams: OpenStream[] = [];
  private readonly answers: (object | Error)[] = [];
  private waiters: (() => void)[] = [];

  answer(...answers: (object | Error)[]): void {
    this.answers.push(...answers);
  }

  getJson(_path: string, query: Query): Promise<unknown> {
    this.lists.push(query);
    this.wake();
    const next = this.answers.shift();
    return next instanceof Error
      ? Promise.reject(next)
      : Promise.resolve(next ?? { items: [], metadata: { resourceVersion: '1' } });
  }

  stream(_path: string, query: Query, onLine: (line: string) => void): Promise<WatchStream> {
    let settle!: { resolve: () => void; reject: (error: Error) => void };
    const closed = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const stream: OpenStream = {
      query,
      closed,
      close: () => settle.resolve(),
      send: (type, value) => {
        try {
          onLine(JSON.stringify({ type, object: value }));
        } catch (error) {
          settle.reject(error as Error);
        }
      },
      end: () => settle.resolve(),
      fail: (error) => settle.reject(error),
    };
    this.streams.push(stream);
    this.wake();
    return Promise.resolve(stream);
  }

  /** Resolves once `count` watch streams have been opened. */
  async streamsOpened(count: number): Promise<OpenStream> {
    while (this.streams.length < count) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
    return this.streams[count - 1];
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}

function start(transport: FakeTransport, options: ReflectorOptions = {}) {
  const events: ResourceEvent[] = [];
  const statuses: ResourceStatus[] = [];
  const reflector = new Reflector(
    transport,
    '/api/v1/namespaces/ns/pods',
    'pods',
    new TokenBucket(1000, 1000),
    { onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) },
    { pageSize: 2, backoff: () => new Backoff(1, 4, () => 0.5), random: () => 0.5, ...options },
  );
  reflector.start();
  return { reflector, events, statuses };
}

describe('reflector: list, then watch from the list', () => {
  it('lists in pages, then watches from the snapshot with bookmarks', async () => {
    const transport = new FakeTransport();
    transport.answer(
      { items: [object('a', '5')], metadata: { resourceVersion: '10', continue: 'next' } },
      { items: [object('b', '7')], metadata: { resourceVersion: '10' } },
    );
    const { reflector, events, statuses } = start(transport);
    const stream = await transport.streamsOpened(1);
    assert.deepEqual(transport.lists, [
      { limit: 2, continue: undefined },
      { limit: 2, continue: 'next' },
    ]);
    assert.deepEqual(events, [{ type: 'replace', items: [object('a', '5'), object('b', '7')] }]);
    assert.deepEqual(statuses, [{ state: 'listing' }]);
    assert.equal(stream.query['resourceVersion'], '10');
    assert.equal(stream.query['allowWatchBookmarks'], true);
    assert.equal(stream.query['watch'], true);
    assert.equal(stream.query['timeoutSeconds'], 450);
    reflector.stop();
  });

  it('applies events, follows bookmarks, and resumes a closed watch without re-listing', async () => {
    const transport = new FakeTransport();
    const { reflector, events } = start(transport);
    const first = await transport.streamsOpened(1);
    first.send('ADDED', object('c', '11'));
    first.send('MODIFIED', object('c', '12'));
    first.send('DELETED', object('c', '13'));
    first.send('BOOKMARK', object('', '20'));
    first.end(); // the server's timeoutSeconds
    const second = await transport.streamsOpened(2);
    assert.equal(second.query['resourceVersion'], '20');
    assert.equal(transport.lists.length, 1);
    assert.deepEqual(
      events.slice(1).map((e) => e.type),
      ['upsert', 'upsert', 'delete'],
    );
    reflector.stop();
  });

  it('re-lists on 410 Gone and hands the model a replacement', async () => {
    const transport = new FakeTransport();
    transport.answer(
      { items: [object('a', '1')], metadata: { resourceVersion: '3' } },
      { items: [object('b', '9')], metadata: { resourceVersion: '9' } },
    );
    const { reflector, events } = start(transport);
    const first = await transport.streamsOpened(1);
    first.send('ERROR', {
      kind: 'Status',
      code: 410,
      reason: 'Expired',
      message: 'too old resource version',
    });
    const second = await transport.streamsOpened(2);
    assert.equal(transport.lists.length, 2);
    assert.equal(second.query['resourceVersion'], '9');
    assert.deepEqual(events.at(-1), { type: 'replace', items: [object('b', '9')] });
    reflector.stop();
  });

  it('a dropped watch is reported, retried with backoff from the same version, and recovers', async () => {
    const transport = new FakeTransport();
    transport.answer({ items: [], metadata: { resourceVersion: '4' } });
    const { reflector, statuses } = start(transport);
    const first = await transport.streamsOpened(1);
    first.fail(new ClusterError({ kind: 'unreachable', message: 'ECONNRESET' }));
    const second = await transport.streamsOpened(2);
    assert.equal(second.query['resourceVersion'], '4');
    assert.equal(transport.lists.length, 1);
    const error = statuses.find((s) => s.state === 'error');
    assert.ok(error?.state === 'error');
    assert.equal(error.error.kind, 'unreachable');
    assert.equal(error.hasData, true);
    assert.equal(error.attempt, 1);
    assert.equal(statuses.at(-1)?.state, 'error', 'a reconnect alone (a 200) is no recovery');
    second.send('BOOKMARK', object('', '5'));
    assert.deepEqual(statuses.at(-1), { state: 'synced' }, 'data flows again');
    reflector.stop();
  });

  it('a forbidden list is reported as such and retried', async () => {
    const transport = new FakeTransport();
    transport.answer(new ClusterError({ kind: 'forbidden', status: 403, message: 'pods is forbidden' }));
    const { reflector, statuses } = start(transport);
    await transport.streamsOpened(1);
    const error = statuses.find((s) => s.state === 'error');
    assert.ok(error?.state === 'error');
    assert.equal(error.error.kind, 'forbidden');
    assert.equal(error.hasData, false);
    reflector.stop();
  });

  it('a list without end is abandoned after maxPages and retried at the longest backoff', async () => {
    const transport = new FakeTransport();
    const endless = { items: [object('a', '1')], metadata: { resourceVersion: '1', continue: 'more' } };
    transport.answer(endless, endless, endless, endless);
    const { reflector, statuses } = start(transport, { maxPages: 3 });
    await transport.streamsOpened(1);
    assert.equal(transport.lists.length, 5, 'three pages, abandoned; after the wait, a list of two pages');
    const error = statuses.find((s) => s.state === 'error');
    assert.ok(error?.state === 'error');
    assert.match(error.error.message, /did not end after 3 pages/);
    assert.equal(error.attempt, 1);
    assert.equal(error.retryInMs, 4, 'the longest wait at once: retrying soon would fail the same way');
    reflector.stop();
  });

  it('stops: no request after stop()', async () => {
    const transport = new FakeTransport();
    const { reflector } = start(transport);
    const stream = await transport.streamsOpened(1);
    reflector.stop();
    stream.end();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(transport.streams.length, 1);
    assert.equal(transport.lists.length, 1);
  });
});

describe('pacing', () => {
  it('backoff doubles up to its cap, with jitter, and resets', () => {
    const backoff = new Backoff(100, 1000, () => 0.5);
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map(() => backoff.next()),
      [100, 200, 400, 800, 1000, 1000],
    );
    backoff.reset();
    assert.equal(backoff.next(), 100);
    backoff.exhaust();
    assert.deepEqual([backoff.next(), backoff.attempt], [1000, 2]);
    backoff.reset();
    assert.equal(backoff.next(), 100);
    assert.equal(new Backoff(100, 1000, () => 0).next(), 80);
    assert.equal(new Backoff(100, 1000, () => 1).next(), 120);
  });

  it('the token bucket allows a burst, then the steady rate', async () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    for (let i = 0; i < 3; i++) {
      await bucket.take();
    }
    const started = Date.now();
    await bucket.take(); // empty: waits ~100 ms of real time for one token at 10/s
    assert.ok(Date.now() - started >= 80, `waited ${Date.now() - started} ms`);
    now = 10_000; // long idle refills only up to the burst
    for (let i = 0; i < 3; i++) {
      await bucket.take();
    }
  });
});
