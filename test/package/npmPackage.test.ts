import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-languageserver/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver/node';

// The npm package people install without VS Code: scripts/pack-cli.mjs packs it from the bundles
// in dist/ (run `npm run build` first), and it is installed from the tarball, offline, into an
// empty folder, where both of its commands must work as a user runs them.
const root = resolve(__dirname, '../../..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const fixture = join(root, 'test/e2e/workspace/invalid-slice.yaml');

describe('the npm package endpointslice-lint', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'endpointslices-npm-'));
  let tarball = '';
  after(() => rmSync(scratch, { recursive: true, force: true }));

  before(() => {
    const output = execFileSync(process.execPath, [join(root, 'scripts/pack-cli.mjs')], { encoding: 'utf8' });
    tarball = output.trim().split(' ')[0] ?? '';
    assert.ok(existsSync(tarball), output);
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
      cwd: scratch,
      encoding: 'utf8',
    });
  });

  it('holds the bundles (the CLI, its worker, the server), its README and LICENSE, and nothing else', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(files, [
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.js',
      'package/dist/cliWorker.js',
      'package/dist/server.js',
      'package/package.json',
    ]);
    const installed = JSON.parse(
      readFileSync(join(scratch, 'node_modules/endpointslice-lint/package.json'), 'utf8'),
    ) as { version: string; dependencies?: unknown };
    assert.equal(installed.version, version);
    assert.equal(installed.dependencies, undefined);
  });

  it('npx endpointslice-lint reports the apiserver errors of a fixture and exits 1', () => {
    const run = spawnSync('npx', ['--offline', 'endpointslice-lint', '--format', 'json', fixture], {
      cwd: scratch,
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      files: { documents: { diagnostics: { code: string }[] }[] }[];
    };
    const codes = report.files
      .flatMap((f) => f.documents.flatMap((d) => d.diagnostics.map((x) => x.code)))
      .sort();
    assert.deepEqual(codes, [
      'address-wrong-family',
      'ip-special-range',
      'port-name-duplicate',
      'port-protocol-unsupported',
    ]);
    const versionRun = spawnSync('npx', ['--offline', 'endpointslice-lint', '--version'], {
      cwd: scratch,
      encoding: 'utf8',
    });
    assert.equal(versionRun.stdout.trim(), version);
  });

  it('npx endpointslice-lint --jobs 2 runs its worker threads from the package, same report as one thread', () => {
    // Workers start only above 1 MB of input (cli/plan.ts), so the fixture is repeated past that.
    const big = join(scratch, 'big.yaml');
    const text = readFileSync(fixture, 'utf8');
    writeFileSync(
      big,
      Array.from({ length: Math.ceil((1.5 * 1024 * 1024) / text.length) }, () => text).join('\n---\n'),
    );
    const lint = (jobs: string): { status: number | null; stdout: string; stderr: string } =>
      spawnSync('npx', ['--offline', 'endpointslice-lint', '--jobs', jobs, '--format', 'json', big], {
        cwd: scratch,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
    const one = lint('1');
    const two = lint('2');
    assert.equal(two.status, 1, two.stderr);
    assert.ok(!/internal-error/.test(two.stdout), 'a worker failed to start from the installed package');
    assert.equal(two.stdout, one.stdout);
  });

  it('endpointslice-language-server --stdio answers initialize and publishes diagnostics', async () => {
    const bin = join(scratch, 'node_modules/.bin/endpointslice-language-server');
    const child = spawn(bin, ['--stdio'], { cwd: scratch, stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const published = new Promise<PublishDiagnosticsParams>((resolvePublish) =>
      connection.onNotification('textDocument/publishDiagnostics', resolvePublish),
    );
    connection.listen();
    try {
      const result = await connection.sendRequest<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      assert.deepEqual(result.serverInfo, { name: 'endpointslice-language-server', version });
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: 'file:///invalid-slice.yaml',
          languageId: 'yaml',
          version: 1,
          text: readFileSync(fixture, 'utf8'),
        },
      });
      const { diagnostics } = await published;
      assert.equal(diagnostics.length, 4);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
