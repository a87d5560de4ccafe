import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliBundle, fixturesDir, runCli } from '../helpers/cli';
import { slice } from '../helpers/manifests';

interface Sarif {
  runs: { results: { ruleId: string }[] }[];
}

describe('-o / --output', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'endpointslices-output-'));
    cpSync(join(fixturesDir, 'invalid-slice.yaml'), join(dir, 'invalid-slice.yaml'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the README's SARIF command to the file, and nothing to stdout", () => {
    const { status, stdout, stderr } = runCli(['--format', 'sarif', '-o', 'x.sarif', '.'], { cwd: dir });
    assert.equal(stderr, '');
    assert.equal(status, 1, 'the exit status still says an error was found');
    assert.equal(stdout, '');
    const sarif = JSON.parse(readFileSync(join(dir, 'x.sarif'), 'utf8')) as Sarif;
    assert.ok((sarif.runs[0]?.results.length ?? 0) > 0);
  });

  it('takes --output FILE and --output=FILE, and -o - is stdout', () => {
    const expected = runCli(['--format', 'json', 'invalid-slice.yaml'], { cwd: dir }).stdout;
    runCli(['--format', 'json', '--output', 'a.json', 'invalid-slice.yaml'], { cwd: dir });
    runCli(['--format', 'json', '--output=b.json', 'invalid-slice.yaml'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'a.json'), 'utf8'), expected);
    assert.equal(readFileSync(join(dir, 'b.json'), 'utf8'), expected);
    assert.equal(
      runCli(['--format', 'json', '-o', '-', 'invalid-slice.yaml'], { cwd: dir }).stdout,
      expected,
    );
  });

  it('is 2 with a clear message when the file cannot be written or is not named', () => {
    const unwritable = runCli(['-o', join(dir, 'no', 'such', 'dir', 'x.txt'), 'invalid-slice.yaml'], {
      cwd: dir,
    });
    assert.equal(unwritable.status, 2);
    assert.match(unwritable.stderr, /^endpointslice-lint: cannot write .*x\.txt: ENOENT/m);
    for (const args of [['-o'], ['--output=', 'invalid-slice.yaml']]) {
      const { status, stderr } = runCli(args, { cwd: dir });
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, /--output needs a/);
    }
  });
});

describe('no PATH', () => {
  it('fails loudly when stdin is empty, as in a CI step that forgot its PATH', () => {
    const { status, stdout, stderr } = runCli([], { input: '' });
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^endpointslice-lint: no PATH given and stdin is empty: name the files/m);
    assert.equal(runCli([], { input: '\n  \n' }).status, 2, 'blank input is empty too');
  });

  it('fails loudly when stdin is /dev/null', () => {
    const devNull = openSync('/dev/null', 'r');
    try {
      const result = spawnSync(process.execPath, [cliBundle], {
        cwd: fixturesDir,
        stdio: [devNull, 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /no PATH given and stdin is empty/);
    } finally {
      closeSync(devNull);
    }
  });

  it('still reads piped manifests, and "-" reads even an empty stdin', () => {
    assert.equal(runCli([], { input: slice(['not-an-ip']) }).status, 1);
    const explicit = runCli(['-'], { input: '' });
    assert.equal(explicit.status, 0);
    assert.match(explicit.stdout, /^0 errors, 0 warnings in 1 file/);
  });
});

describe('a reader that stops early', () => {
  it('ends with the lint status, not an EPIPE stack trace (endpointslice-lint . | head -1)', () => {
    // Enough findings that the report outgrows the pipe's buffer after `head` has left.
    const many = Array.from({ length: 3000 }, (_, i) =>
      slice(['10.1.2.3'], `s${i}`).replace('addressType: IPv4', 'addressType: IPV4'),
    ).join('---\n');
    // $PIPESTATUS is the CLI's status (the first command of the pipeline), not head's.
    const script = '"$NODE" "$CLI" - 2>"$ERR_FILE" | head -1 >/dev/null; echo "$PIPESTATUS"';
    const dir = mkdtempSync(join(tmpdir(), 'endpointslices-epipe-'));
    const errFile = join(dir, 'stderr');
    try {
      const result = spawnSync('bash', ['-c', script], {
        input: many,
        encoding: 'utf8',
        env: { ...process.env, NODE: process.execPath, CLI: cliBundle, ERR_FILE: errFile },
        timeout: 60_000,
      });
      assert.equal(readFileSync(errFile, 'utf8'), '', 'nothing on stderr');
      assert.equal(result.stdout.trim(), '1', 'the exit status says errors were found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
