import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createClusterClient } from '../../client/src/cluster/clusterClient';
import type { ClusterClientOptions } from '../../client/src/cluster/clusterClient';
import { ClusterSession } from '../../client/src/cluster/clusterSession';
import { Backoff } from '../../client/src/cluster/pacing';
import { children, fullTooltip, present } from '../../client/src/cluster/model';
import type { ClusterNode } from '../../client/src/cluster/model';
import { fakeToken, kubeconfigText, startFakeApiserver } from '../helpers/fakeApiserver';
import type { FakeApiserver, FakeApiserverOptions, FakeMode } from '../helpers/fakeApiserver';

/**
 * The cluster view against an apiserver that misbehaves (test/helpers/fakeApiserver.ts), driven
 * exactly as the extension drives it: a ClusterSession over createClusterClient, the tree read
 * with children() and present(). Limits and backoff are small so each case takes about a second.
 */
const dir = mkdtempSync(join(tmpdir(), 'endpointslices-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const small: ClusterClientOptions = {
  qps: 1000,
  burst: 1000,
  transport: { requestTimeoutMs: 600, headerTimeoutMs: 600, maxLineBytes: 256 << 10, maxErrorBytes: 4 << 10 },
  reflector: { healthyWatchMs: 1000, maxPages: 20, backoff: () => new Backoff(50, 400) },
};

interface Hostile {
  server: FakeApiserver;
  session: ClusterSession;
  errors: string[];
  /** Every node's label, description and whole tooltip, rendered as the tree adapter renders them. */
  dump(): string;
  /** Polls `check` until it is true; fails after `ms`. */
  until(what: string, check: () => boolean, ms?: number): Promise<void>;
}

const open: Hostile[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    h.session.dispose();
    await h.server.close();
  }
});

async function hostile(
  mode: FakeMode,
  options: FakeApiserverOptions = {},
  clientOptions: ClusterClientOptions = small,
  kubeconfig?: (server: FakeApiserver) => string,
): Promise<Hostile> {
  const server = await startFakeApiserver(mode, options);
  const setting = kubeconfig?.(server) ?? server.kubeconfig(dir);
  const errors: string[] = [];
  const session = new ClusterSession(
    {
      createClient: () => createClusterClient({ ...clientOptions, setting }),
      onChange: () => undefined,
      onError: (where, message) => errors.push(`${where}: ${message}`),
      releaseGraceMs: 60_000,
      coalesceMs: 5,
    },
    true,
  );
  const h: Hostile = {
    server,
    session,
    errors,
    dump: () => dump(session),
    async until(what, check, ms = 3000) {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline) {
          assert.fail(`timed out waiting for ${what}; the tree:\n${h.dump().slice(0, 2000)}`);
        }
        await delay(20);
      }
    },
  };
  open.push(h);
  await session.start();
  return h;
}

function dump(session: ClusterSession, node?: ClusterNode, depth = 0): string {
  const lines: string[] = [];
  for (const child of children(session.model, node)) {
    const p = present(session.model, child);
    if (!p) {
      continue;
    }
    // The whole tooltip, as hovering resolves it: the part computed on hover must survive too.
    const tooltip = fullTooltip(p) ?? '';
    lines.push(`${'  '.repeat(depth)}${p.label} — ${p.description ?? ''} | ${tooltip}`);
    if (p.collapsible !== 'none' && depth < 6) {
      lines.push(dump(session, child, depth + 1));
    }
  }
  return lines.filter(Boolean).join('\n');
}

/** Expands the context (lists its namespaces); fails instead of hanging when that takes over `ms`. */
async function expandContext(h: Hostile, ms = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the namespace list took over ${ms} ms`)), ms);
  });
  await Promise.race([h.session.ensureContext('fake'), timeout]).finally(() => clearTimeout(timer));
}

/** Lists the namespaces and watches `default`, as expanding both nodes does. */
async function expand(h: Hostile): Promise<void> {
  await expandContext(h);
  void h.session.ensureNamespace('fake', 'default');
}

describe('cluster view under a hostile apiserver: watches', () => {
  it('a watch line without end fails that watch with a clear message (no RangeError)', async () => {
    const h = await hostile('watch-endless-line', { bytes: 4 << 20 });
    await expand(h);
    await h.until('the watch to fail on its long line', () => h.dump().includes('longer than 256 KiB'));
    assert.ok(h.session.model.namespace('fake', 'default')?.slices.has('web-abc'), 'the listed slice stays');
  });

  it('a watch that ends at once is retried with backoff, not in a loop, and the tree says so', async () => {
    const h = await hostile('watch-close');
    await expand(h);
    await h.until('the tree to show the failing watch', () => h.dump().includes('ended the watch after'));
    await delay(1500);
    const watches = h.server.count('endpointslices', true);
    // 50, 100, 200, 400, 400 ms... at most ~8 in 1.6 s; without backoff it was hundreds.
    assert.ok(watches <= 10, `${watches} watches in 1.6 s`);
  });

  it('410 on every watch: bounded re-lists, not a loop', async () => {
    const h = await hostile('gone-watch');
    await expand(h);
    await delay(1500);
    const requests = h.server.count('endpointslices', true) + h.server.count('endpointslices', false);
    assert.ok(requests <= 20, `${requests} lists and watches in 1.5 s`);
    assert.match(h.errors.join('\n'), /too old resource version/);
  });

  it('410 on every list: an error with its retry in the tree, not "Loading…" forever', async () => {
    const h = await hostile('gone-list');
    await expand(h);
    await h.until('the 410 to show', () =>
      /answered 410[^\n]*\| too old resource version\. .*Retrying/.test(h.dump()),
    );
    await delay(1000);
    const lists = h.server.count('endpointslices', false);
    assert.ok(lists <= 10, `${lists} lists in about 1 s`);
    assert.doesNotMatch(h.dump(), /Loading default/);
  });

  it('an ERROR event says what the server said, not "the connection was cut"', async () => {
    const h = await hostile('watch-error-event');
    await expand(h);
    await h.until("the server's message", () => h.dump().includes('etcd down'));
    assert.doesNotMatch(h.dump(), /connection was cut/);
  });

  it('a garbage watch line is named as such, without quoting it', async () => {
    const h = await hostile('watch-garbage');
    await expand(h);
    await h.until('the garbage to be named', () => h.dump().includes('not JSON'));
    assert.ok(
      !`${h.dump()}\n${h.errors.join('\n')}`.includes(fakeToken.slice(0, 8)),
      'the line is not echoed',
    );
  });

  it('malformed watch objects are skipped or repaired and said so; the tree renders', async () => {
    const h = await hostile('watch-bad-object');
    await expand(h);
    await h.until('the malformed objects to be named', () => h.dump().includes('malformed object'));
    const tree = h.dump();
    assert.match(tree, /endpointslices web-y: endpoints is a number/);
    assert.ok(h.session.model.namespace('fake', 'default')?.slices.has('web-y'));
  });
});

describe('cluster view under a hostile apiserver: lists and deadlines', () => {
  it('a list that never ends is abandoned after maxPages and said so', async () => {
    const h = await hostile('list-continue-forever');
    await expand(h);
    await h.until('the endless list to be named', () => h.dump().includes('did not end after 20 pages'));
  });

  it('a namespace list that never ends is abandoned too', async () => {
    const h = await hostile('ns-continue-forever');
    await expandContext(h);
    assert.match(h.dump(), /namespace list did not end after 20 pages/);
  });

  it('a page of 130,000 items is taken (no spread overflowing the stack)', async () => {
    const h = await hostile(
      'big-page',
      { items: 130_000 },
      { ...small, transport: { ...small.transport, requestTimeoutMs: 10_000 } },
    );
    await expand(h);
    await h.until(
      'the big page',
      () => h.session.model.namespace('fake', 'default')?.slices.size === 130_000,
      10_000,
    );
  });

  it('malformed list items and namespaces: no TypeError while rendering', async () => {
    const weird = await hostile('list-weird-objects');
    await expand(weird);
    await weird.until('the weird list', () => weird.dump().includes('malformed objects'));
    assert.ok(weird.session.model.namespace('fake', 'default')?.slices.has('web-x'));
    const nameless = await hostile('ns-no-metadata');
    await expandContext(nameless);
    assert.match(nameless.dump(), /^ {2}default —/m);
  });

  it('a byte every 100 ms does not hold a request past its deadline', async () => {
    const h = await hostile('slowloris', { tickMs: 100 });
    const started = Date.now();
    await expandContext(h);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.match(h.dump(), /no complete answer within 600 ms/);
  });

  it('header lines without end do not hold a request past its deadline', async () => {
    const h = await hostile('headers-forever', { tickMs: 100 });
    const started = Date.now();
    await expandContext(h);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    assert.match(h.dump(), /no complete answer within 600 ms/);
  });

  it('an error body is read up to a cap and shown as one short line', async () => {
    const h = await hostile('huge-error', { bytes: 8 << 20 });
    await expand(h);
    await h.until('the 500', () => h.dump().includes('answered 500'));
    const line =
      h
        .dump()
        .split('\n')
        .find((l) => l.includes('answered 500')) ?? '';
    assert.ok(line.length < 1000, `a tree line of ${line.length} characters`);
    assert.ok(
      h.errors.every((e) => e.length < 500),
      'log lines are short',
    );
  });

  it('a credential the server echoes back is not shown', async () => {
    const h = await hostile('echo-token');
    await expandContext(h);
    assert.match(h.dump(), /internal error, header was Bearer \*\*\*/);
    assert.ok(!h.dump().includes(fakeToken));
  });
});

describe('secrets never reach the tree or the log', () => {
  const withUser = (name: string, userLines: string) => (server: FakeApiserver) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, kubeconfigText(server.url, userLines));
    return file;
  };
  const plugin = (name: string, script: string): string => {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${script}\n`);
    chmodSync(file, 0o755);
    return file;
  };
  const leaks = (h: Hostile): boolean =>
    `${h.dump()}\n${h.errors.join('\n')}`.includes(fakeToken.slice(0, 8));

  it('a kubeconfig with a bad indent: where and why, not the lines around it', async () => {
    const h = await hostile(
      'normal',
      {},
      small,
      withUser('bad-indent', `    token: ${fakeToken}\n   bad: indentation`),
    );
    assert.match(h.dump(), /not valid YAML at line 13, column \d+: bad indentation/);
    assert.ok(!leaks(h));
  });

  it('an exec plugin that prints a raw token instead of ExecCredential JSON', async () => {
    const command = plugin('raw-token.sh', `echo ${fakeToken}`);
    const h = await hostile(
      'normal',
      {},
      small,
      withUser(
        'exec-raw',
        `    exec: {apiVersion: client.authentication.k8s.io/v1, command: ${command}, interactiveMode: Never}`,
      ),
    );
    await expandContext(h);
    assert.match(h.dump(), /not ExecCredential JSON/);
    assert.ok(!leaks(h));
  });

  it('an exec plugin that never finishes does not hold the view past the deadline', async () => {
    const command = plugin('hang.sh', 'sleep 5');
    const h = await hostile(
      'normal',
      {},
      small,
      withUser(
        'exec-hang',
        `    exec: {apiVersion: client.authentication.k8s.io/v1, command: ${command}, interactiveMode: Never}`,
      ),
    );
    await expandContext(h);
    assert.match(h.dump(), /Could not get credentials[^\n]*no credentials within 600 ms/);
  });

  it('an exec plugin that fails with the token on stderr', async () => {
    const command = plugin('stderr-token.sh', `echo "refresh failed for ${fakeToken}" >&2; exit 1`);
    const h = await hostile(
      'normal',
      {},
      small,
      withUser(
        'exec-stderr',
        `    exec: {apiVersion: client.authentication.k8s.io/v1, command: ${command}, interactiveMode: Never}`,
      ),
    );
    await expandContext(h);
    assert.match(h.dump(), /Could not get credentials/);
    assert.ok(!leaks(h));
  });
});
