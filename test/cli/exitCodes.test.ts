import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { cliBundle, fixturesDir, runCli, runCliJson } from '../helpers/cli';
import type { JsonOutput } from '../helpers/cliJson';
import { slice } from '../helpers/manifests';

const packageVersion = (
  JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }
).version;

describe('exit status', () => {
  it('is 0 for clean files and for warnings only', () => {
    assert.equal(runCli(['valid-slice.yaml']).status, 0);
    assert.equal(runCli(['deployment.yaml']).status, 0);
    const endpoints = runCliJson<JsonOutput>(['endpoints.yaml']);
    assert.equal(endpoints.status, 0);
    const [document] = endpoints.json.files[0].documents;
    assert.equal(document.kind, 'Endpoints');
    assert.ok(
      document.diagnostics.some((d) => d.code === 'endpoints-deprecated' && d.severity === 'warning'),
    );
  });

  it('is 1 when any document has an error', () => {
    assert.equal(runCli(['valid-slice.yaml', 'invalid-slice.yaml']).status, 1);
  });

  it('is 2 with a clear message for a path that does not exist', () => {
    const { status, stderr, stdout } = runCli(['valid-slice.yaml', 'missing.yaml']);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^endpointslice-lint: cannot read missing\.yaml: no such file or directory$/m);
  });

  it('is 2 for usage errors', () => {
    for (const args of [
      ['--format', 'xml', 'valid-slice.yaml'],
      ['--bogus'],
      ['--kubernetes-version', '1.20', 'x'],
      ['--format'],
    ]) {
      const { status, stderr } = runCli(args);
      assert.equal(status, 2, args.join(' '));
      assert.match(
        stderr,
        /endpointslice-lint: .+\nRun endpointslice-lint --help for usage\./,
        args.join(' '),
      );
    }
  });

  it('is 2 for a directory without manifests', () => {
    const { status, stderr } = runCli(['empty-dir']);
    assert.equal(status, 2);
    assert.match(stderr, /no \*\.yaml, \*\.yml or \*\.json files under empty-dir/);
  });
});

describe('inputs', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'endpointslice-lint-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('walks directories in sorted order, skipping node_modules, dot-directories and other files', () => {
    const dir = join(scratch, 'tree');
    cpSync(join(fixturesDir, 'dir'), dir, { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'pkg', 'd.yaml'), slice(['not-an-ip']));
    writeFileSync(
      join(dir, 'z.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'z' } }),
    );
    const { status, json } = runCliJson<JsonOutput>(['tree'], { cwd: scratch });
    assert.equal(status, 1);
    assert.deepEqual(
      json.files.map((f) => f.path),
      [join('tree', 'a.yaml'), join('tree', 'nested', 'b.yml'), join('tree', 'z.json')],
    );
    assert.equal(json.files[2].documents[0].kind, 'ConfigMap');
  });

  it('reads stdin for "-"', () => {
    const { status, json } = runCliJson<JsonOutput>(['-'], { input: slice(['not-an-ip']) });
    assert.equal(status, 1);
    assert.equal(json.files[0].path, '<stdin>');
  });

  it('reads piped stdin when no path is given', () => {
    const { status, stdout } = runCli([], { input: slice() });
    assert.equal(status, 0);
    assert.match(stdout, /in 1 file/);
  });

  it('--no-advisories drops advice but keeps what the apiserver says', () => {
    const unlabelled = slice(['not-an-ip']).replace(
      '    kubernetes.io/service-name: web\n',
      '    app: web\n',
    );
    const withAdvice = runCliJson<JsonOutput>(['-'], { input: unlabelled }).json.files[0].documents[0]
      .diagnostics;
    assert.ok(withAdvice.some((d) => d.origin === 'advisory' && d.code === 'service-name-label-missing'));
    const without = runCliJson<JsonOutput>(['--no-advisories', '-'], { input: unlabelled }).json.files[0]
      .documents[0].diagnostics;
    assert.ok(without.every((d) => d.origin !== 'advisory'));
    assert.ok(without.some((d) => d.code === 'ip-invalid'));
  });

  it('--field-validation decides what an unknown field costs', () => {
    const input = slice().replace('addressType: IPv4\n', 'addressType: IPv4\nbogusField: 1\n');
    const severities = (mode: string) =>
      runCliJson<JsonOutput>(['--field-validation', mode, '-'], { input })
        .json.files[0].documents[0].diagnostics.filter((d) => d.code === 'unknown-field')
        .map((d) => d.severity);
    assert.deepEqual(severities('Strict'), ['error']);
    assert.deepEqual(severities('Warn'), ['warning']);
    assert.deepEqual(severities('Ignore'), []);
  });
});

describe('the shipped bundle', () => {
  it('prints --help and --version', () => {
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: endpointslice-lint/);
    assert.equal(runCli(['--version']).stdout, `${packageVersion}\n`);
  });

  it('runs as an executable through its #! line', () => {
    assert.ok((statSync(cliBundle).mode & 0o111) !== 0, 'dist/cli.js is not executable');
    assert.ok(readFileSync(cliBundle, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const result = spawnSync(cliBundle, ['valid-slice.yaml'], { cwd: fixturesDir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
});
