import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/service';
import { collectInputs } from '../../server/src/cli/files';
import { formatters } from '../../server/src/cli/formatters';
import { lintInputs } from '../../server/src/cli/lint';
import type { JobResult, LintJob } from '../../server/src/cli/jobs';
import { parallelLimits, planJobs } from '../../server/src/cli/plan';
import { runPool } from '../../server/src/cli/pool';
import { outputFormats } from '../../server/src/cli/args';
import { cliBundle, fixturesDir } from '../helpers/cli';
import { leadingZeroAddress, slice } from '../helpers/manifests';

const realWorldDir = resolve(__dirname, '../../../test/fixtures/real-world');
const corpusDir = resolve(__dirname, '../../../test/fixtures/corpus');
const settings = normalizeSettings({});
/** Limits small enough that the fixtures are split into many jobs and parts. */
const tiny = { minParallelBytes: 0, splitBytes: 2_000, batchBytes: 600 };

async function reports(paths: string[], jobs: number): Promise<string[]> {
  const run = await lintInputs(await collectInputs(paths), settings, 'test', jobs, tiny);
  return outputFormats.map((format) => formatters[format](run));
}

describe('--jobs: the same report on every number of threads', () => {
  const work = mkdtempSync(join(tmpdir(), 'es-parallel-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('gives byte-identical reports in every format for the CLI and real-world fixtures, files split into parts', async () => {
    const paths = [fixturesDir, realWorldDir, join(corpusDir, readdirSync(corpusDir)[0])];
    const one = await reports(paths, 1);
    for (const jobs of [2, 3]) {
      const many = await reports(paths, jobs);
      outputFormats.forEach((format, i) => assert.equal(many[i], one[i], `${format} with ${jobs} jobs`));
    }
    assert.ok(one[1].length > 10_000, 'the fixtures produced a real report');
  });

  it('gives the same bytes from the shipped CLI for a generated many-file corpus and a large file', () => {
    const dir = join(work, 'corpus');
    mkdirSync(dir);
    for (let i = 0; i < 160; i++) {
      const addresses = Array.from({ length: 40 }, (_, e) =>
        e === i % 40 ? leadingZeroAddress : `10.${i}.0.${e + 1}`,
      );
      writeFileSync(join(dir, `f-${i.toString().padStart(3, '0')}.yaml`), slice(addresses, `web-${i}`));
    }
    // One multi-document file above the split size (256 KB), errors spread through it.
    const big: string[] = [];
    for (let i = 0; big.join('---\n').length < 400_000; i++) {
      big.push(slice([i % 9 === 0 ? '999.1.1.1' : `10.1.${i % 250}.1`], `big-${i}`));
    }
    writeFileSync(join(dir, 'zz-big.yaml'), big.join('---\n'));
    assert.ok(statSync(join(dir, 'zz-big.yaml')).size > 256 * 1024);
    const cli = (format: string, jobs: string): { stdout: string; status: number | null } =>
      spawnSync(process.execPath, [cliBundle, '--format', format, '--jobs', jobs, dir], {
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 1 << 28,
      });
    const one = cli('json', '1');
    const two = cli('json', '2');
    assert.equal(one.status, 1, one.stdout.slice(0, 500));
    assert.equal(two.status, one.status);
    assert.equal(two.stdout, one.stdout);
  });
});

describe('the worker pool', () => {
  const testWorker = resolve(__dirname, '../helpers/crashingWorker.js');
  const job = (file: number, path: string): LintJob => ({
    kind: 'input',
    file,
    input: { kind: 'file', path },
  });

  it('answers in job order, whatever order the workers finish in', async () => {
    const jobs = Array.from({ length: 40 }, (_, i) => job(i, `ok-${i}.yaml`));
    const results = await runPool(jobs, { workerFile: testWorker, workerData: {}, width: 3 });
    assert.deepEqual(
      results.map((r) => r.file),
      jobs.map((j) => j.file),
    );
  });

  it('takes jobs on this thread too, from the same queue, each job run once', async () => {
    const jobs = Array.from({ length: 40 }, (_, i) => job(i, `ok-${i}.yaml`));
    const here: number[] = [];
    const local = (j: LintJob): Promise<JobResult> => {
      here.push(j.file);
      return Promise.resolve({ file: j.file, batch: 0, documents: [] });
    };
    const results = await runPool(jobs, { workerFile: testWorker, workerData: {}, width: 1, local });
    // This thread takes the first job before any worker is fed, so it always runs at least one.
    assert.ok(here.includes(0), `this thread ran ${JSON.stringify(here)}`);
    assert.deepEqual(
      results.map((r) => r.file),
      jobs.map((j) => j.file),
    );
    assert.equal(new Set(here).size, here.length, 'no job ran twice on this thread');
  });

  it('runs every job on this thread when it has no workers', async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => job(i, `ok-${i}.yaml`));
    let here = 0;
    const local = (j: LintJob): Promise<JobResult> => {
      here++;
      return Promise.resolve({ file: j.file, batch: 0, documents: [] });
    };
    const results = await runPool(jobs, { workerFile: testWorker, workerData: {}, width: 0, local });
    assert.equal(here, 5);
    assert.equal(results.length, 5);
  });

  it('turns a worker that exits or throws into an internal-error on that file, and finishes the rest', async () => {
    const paths = [
      'a.yaml',
      'exit-1.yaml',
      'b.yaml',
      'throw.yaml',
      'c.yaml',
      'exit-2.yaml',
      'd.yaml',
      'e.yaml',
    ];
    const jobs = paths.map((path, i) => job(i, path));
    const results = await runPool(jobs, { workerFile: testWorker, workerData: {}, width: 2 });
    const codes = results.map((r) =>
      'documents' in r ? r.documents.flatMap((d) => d.diagnostics.map((x) => x.code)) : ['?'],
    );
    assert.deepEqual(codes, [[], ['internal-error'], [], ['internal-error'], [], ['internal-error'], [], []]);
    const messages = results.flatMap((r) =>
      'documents' in r ? r.documents.flatMap((d) => d.diagnostics) : [],
    );
    assert.match(messages[0].message, /internal error: the worker validating it stopped with exit code 7/);
    assert.match(messages[1].message, /internal error: thrown by the test worker/);
  });

  it('settles every job even when no worker can start', async () => {
    const jobs = [job(0, 'a.yaml'), job(1, 'b.yaml'), job(2, 'c.yaml')];
    const results = await runPool(jobs, {
      workerFile: join(tmpdir(), 'no-such-worker.js'),
      workerData: {},
      width: 2,
    });
    assert.equal(results.length, 3);
    for (const result of results) {
      assert.ok('documents' in result && result.documents[0].diagnostics[0].code === 'internal-error');
    }
  });
});

describe('when the CLI starts worker threads', () => {
  it('by default only when the input outweighs a cold start, less input needed on more cores', () => {
    const two = parallelLimits(2).minParallelBytes;
    const four = parallelLimits(4).minParallelBytes;
    const eight = parallelLimits(8).minParallelBytes;
    assert.ok(two > 8 * 1024 * 1024, `2 threads from ${two} bytes`);
    assert.ok(four < two && eight < four, `${two} > ${four} > ${eight}`);
  });

  it('plans no jobs for a small run by default, and jobs for it when --jobs asked', async () => {
    const inputs = await collectInputs([realWorldDir]);
    assert.equal(await planJobs(inputs, parallelLimits(2)), undefined);
    const asked = await planJobs(inputs, { ...parallelLimits(2), minParallelBytes: 0 });
    assert.ok(asked && asked.jobs.length === inputs.length, 'one job per file when asked');
  });
});
