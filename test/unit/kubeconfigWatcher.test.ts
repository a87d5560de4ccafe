import { strict as assert } from 'node:assert';
import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeconfigWatcher } from '../../client/src/cluster/kubeconfigWatcher';

/** Real files in a temporary directory: the watcher is only as good as what the OS reports. */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `count` changes were reported, or fails after a generous time. */
async function changes(seen: () => number, count: number): Promise<void> {
  const started = Date.now();
  while (seen() < count) {
    if (Date.now() - started > 5_000) assert.fail(`expected ${count} change(s), saw ${seen()}`);
    await sleep(10);
  }
}

describe('kubeconfig watcher', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'endpointslices-kubeconfig-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a rewrite, a replacement by rename and a file that appears; not a touch or the same text', async () => {
    const config = join(dir, 'config');
    const later = join(dir, 'later');
    writeFileSync(config, 'current-context: a\n');
    writeFileSync(join(dir, 'unrelated'), 'x');
    let count = 0;
    const watcher = new KubeconfigWatcher(() => count++, { debounceMs: 30 });
    await watcher.watch([config, later]);
    try {
      writeFileSync(config, 'current-context: b\n');
      await changes(() => count, 1);

      // kubectl writes a temporary file and renames it over the old one.
      writeFileSync(join(dir, 'config.tmp'), 'current-context: c\n');
      renameSync(join(dir, 'config.tmp'), config);
      await changes(() => count, 2);

      writeFileSync(later, 'contexts: []\n');
      await changes(() => count, 3);

      // Touched, rewritten unchanged, or another file of the directory: nothing to reload.
      utimesSync(config, new Date(), new Date());
      writeFileSync(config, 'current-context: c\n');
      writeFileSync(join(dir, 'unrelated'), 'y');
      await sleep(300);
      assert.equal(count, 3);
    } finally {
      watcher.dispose();
    }
  });

  it('debounces a burst of writes into one report, and reports nothing once disposed', async () => {
    const config = join(dir, 'burst');
    writeFileSync(config, '0');
    let count = 0;
    const watcher = new KubeconfigWatcher(() => count++, { debounceMs: 80 });
    await watcher.watch([config]);
    for (let i = 1; i <= 5; i++) writeFileSync(config, String(i));
    await changes(() => count, 1);
    await sleep(300);
    assert.equal(count, 1);
    watcher.dispose();
    writeFileSync(config, 'after');
    await sleep(300);
    assert.equal(count, 1);
  });

  it('watching other files replaces the old ones; a missing directory is reported, not thrown', async () => {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    writeFileSync(first, '1');
    writeFileSync(second, '1');
    let count = 0;
    const errors: string[] = [];
    const watcher = new KubeconfigWatcher(() => count++, { debounceMs: 30, onError: (m) => errors.push(m) });
    await watcher.watch([first]);
    await watcher.watch([second, join(dir, 'no-such-dir', 'config')]);
    try {
      writeFileSync(first, '2');
      await sleep(200);
      assert.equal(count, 0);
      writeFileSync(second, '2');
      await changes(() => count, 1);
      assert.equal(errors.length, 1);
      assert.match(errors[0] ?? '', /no-such-dir/);
    } finally {
      watcher.dispose();
    }
  });
});
