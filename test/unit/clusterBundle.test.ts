import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';

const root = resolve(__dirname, '../../..');
const load = createRequire(__filename);

describe('the cluster client ships as its own lazily loaded bundle', () => {
  it('dist/extension.js requires ./clusterClient.js on demand instead of inlining @kubernetes/client-node', () => {
    const extension = readFileSync(join(root, 'dist', 'extension.js'), 'utf8');
    assert.match(extension, /require\("\.\/clusterClient\.js"\)/);
    // Markers of the client's code: its in-cluster config and its exec credential plugin.
    assert.ok(
      !extension.includes('SERVICEACCOUNT_TOKEN_PATH'),
      'client-node is inlined in dist/extension.js',
    );
    assert.ok(!extension.includes('class ExecAuth'), 'client-node is inlined in dist/extension.js');
  });

  it('dist/clusterClient.js loads on this Node and exports exactly what the extension uses', async () => {
    const shared = (await import(pathToFileURL(join(root, 'scripts/esbuildShared.mjs')).href)) as {
      clusterClientExports: string[];
    };
    const bundle = load(join(root, 'dist', 'clusterClient.js')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(bundle).sort(), [...shared.clusterClientExports].sort());
    const KubeConfig = bundle['KubeConfig'] as new () => {
      loadFromString(text: string): void;
      getContexts(): unknown[];
    };
    const config = new KubeConfig();
    config.loadFromString('apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n');
    assert.deepEqual(config.getContexts(), []);
  });

  it('.vscodeignore ships it', () => {
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/clusterClient.js'));
    assert.ok(ignore.includes('!images/**'));
  });
});

describe('the cluster layer is read-only', () => {
  it('no request method but GET, and no write verb, anywhere in client/src/cluster', () => {
    const dir = join(root, 'client', 'src', 'cluster');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const method of text.matchAll(/method:\s*'([A-Z]+)'/g)) {
        assert.equal(method[1], 'GET', `${file} sends ${method[1]}`);
      }
      assert.ok(!/['"](POST|PUT|PATCH|DELETE)['"]/.test(text), `${file} names a write verb`);
    }
  });
});
