// Bundles the three programs that ship: the extension, the language server and the CLI, plus
// dist/clusterClient.js, the Kubernetes client the extension loads when the cluster view needs it,
// the web build (dist/web/): the extension and the server for a browser, and dist/picture.js, the
// routing picture's webview script.
// Usage: node scripts/bundle.mjs
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import {
  clusterClientBundleOptions,
  engineBundleOptions,
  lazyClusterClientOptions,
  nodeBundleOptions,
  webExtensionOptions,
  webServerOptions,
  webviewBundleOptions,
} from './esbuildShared.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shebang = { js: '#!/usr/bin/env node' };
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

const bundles = [
  { entry: 'client/src/extension.ts', outfile: 'dist/extension.js', extra: lazyClusterClientOptions },
  { outfile: 'dist/clusterClient.js', extra: clusterClientBundleOptions },
  {
    entry: 'server/src/server.ts',
    outfile: 'dist/server.js',
    banner: shebang,
    executable: true,
    extra: engineBundleOptions,
  },
  {
    entry: 'server/src/cli/main.ts',
    outfile: 'dist/cli.js',
    banner: shebang,
    executable: true,
    extra: engineBundleOptions,
  },
  { entry: 'client/src/web/extension.ts', outfile: 'dist/web/extension.js', base: webExtensionOptions },
  {
    entry: 'server/src/browser/serverWorker.ts',
    outfile: 'dist/web/server.js',
    base: webServerOptions(version),
  },
  // The CLI's worker threads (server/src/cli/pool.ts): the engine without the command line.
  { entry: 'server/src/cli/worker.ts', outfile: 'dist/cliWorker.js', extra: engineBundleOptions },
  // The routing picture's webview script: runs in the webview's page, loaded when a panel opens.
  {
    entry: 'client/src/cluster/picture/webview/main.ts',
    outfile: 'dist/picture.js',
    extra: webviewBundleOptions,
  },
];

await Promise.all(
  bundles.map(async ({ entry, outfile, banner, executable, extra, base }) => {
    const result = await build({
      ...(base ?? nodeBundleOptions),
      ...extra,
      absWorkingDir: root,
      ...(entry ? { entryPoints: [entry] } : {}),
      outfile,
      banner,
      metafile: true,
    });
    if (executable) {
      await chmod(join(root, outfile), 0o755);
    }
    const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
    console.log(`${outfile} (${(bytes / 1024).toFixed(0)} KiB with map)`);
  }),
);
