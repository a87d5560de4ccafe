import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { TestClient } from '../helpers/lspClient';

const root = resolve(__dirname, '../../..');
const dist = (name: string) => join(root, 'dist', name);
const load = createRequire(__filename);

/** A stand-in for the `vscode` module: every property is a callable, constructible stub. */
function fakeVscode(): object {
  const handler: ProxyHandler<() => void> = {
    get: (_target, key) => (key === 'then' ? undefined : stub),
    apply: () => stub,
    construct: () => stub,
  };
  const stub: object = new Proxy(function () {}, handler);
  return stub;
}

type Resolve = (request: string, ...rest: unknown[]) => string;

/** Loads a CommonJS bundle with `vscode` resolved to the fake, as the extension host would provide it. */
function requireWithFakeVscode(file: string): unknown {
  const internals = Module as unknown as { _resolveFilename: Resolve };
  const original = internals._resolveFilename;
  const fakePath = join(root, '__fake_vscode__.js');
  load.cache[fakePath] = {
    id: fakePath,
    filename: fakePath,
    loaded: true,
    exports: fakeVscode(),
  } as NodeJS.Module;
  internals._resolveFilename = (request, ...rest) =>
    request === 'vscode' ? fakePath : original(request, ...rest);
  try {
    return load(file) as unknown;
  } finally {
    internals._resolveFilename = original;
    delete load.cache[fakePath];
  }
}

describe('bundles', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'endpointslices-bundle-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('@kubernetes/client-node (ESM-only) loads from a CommonJS bundle on this Node', async () => {
    const shared = (await import(pathToFileURL(join(root, 'scripts/esbuildShared.mjs')).href)) as {
      nodeBundleOptions: BuildOptions;
    };
    const outfile = join(scratch, 'loadClusterClient.js');
    await build({
      ...shared.nodeBundleOptions,
      entryPoints: [join(root, 'client/src/cluster/loadClusterClient.ts')],
      outfile,
      sourcemap: false,
      logLevel: 'silent',
    });
    const loader = load(outfile) as { loadClusterClient: () => Promise<{ KubeConfig: new () => object }> };
    const { KubeConfig } = await loader.loadClusterClient();
    assert.equal(typeof KubeConfig, 'function');
    const config = new KubeConfig() as { makeApiClient?: unknown; loadFromString?: unknown };
    assert.equal(typeof config.makeApiClient, 'function');
    assert.equal(typeof config.loadFromString, 'function');
  });

  it('dist/extension.js loads with only vscode external and exports activate and deactivate', () => {
    const extension = requireWithFakeVscode(dist('extension.js')) as Record<string, unknown>;
    assert.equal(typeof extension['activate'], 'function');
    assert.equal(typeof extension['deactivate'], 'function');
  });

  it('dist/server.js is an executable that answers initialize over --stdio', async () => {
    assert.ok(readFileSync(dist('server.js'), 'utf8').startsWith('#!/usr/bin/env node\n'));
    assert.ok((statSync(dist('server.js')).mode & 0o111) !== 0);
    const client = await TestClient.start({ module: dist('server.js') });
    const uri = 'file:///bundle.yaml';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n');
    assert.ok((await published).diagnostics.length > 0);
    assert.equal(await client.stop(), 0);
  });
});
