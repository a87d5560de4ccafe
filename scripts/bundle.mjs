// Bundles the three programs that ship: the extension, the language server and the CLI, plus
// dist/clusterClient.js, the Kubernetes client the extension loads when the cluster view needs it,
// and dist/picture.js, the routing picture's webview script.
// Usage: node scripts/bundle.mjs
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import {
  clusterClientBundleOptions,
  lazyClusterClientOptions,
  nodeBundleOptions,
  webviewBundleOptions,
} from './esbuildShared.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shebang = { js: '#!/usr/bin/env node' };

const bundles = [
  { entry: 'client/src/extension.ts', outfile: 'dist/extension.js', extra: lazyClusterClientOptions },
  { outfile: 'dist/clusterClient.js', extra: clusterClientBundleOptions },
  { entry: 'server/src/server.ts', outfile: 'dist/server.js', banner: shebang, executable: true },
  { entry: 'server/src/cli/main.ts', outfile: 'dist/cli.js', banner: shebang, executable: true },
  // The routing picture's webview script: runs in the webview's page, loaded when a panel opens.
  {
    entry: 'client/src/cluster/picture/webview/main.ts',
    outfile: 'dist/picture.js',
    extra: webviewBundleOptions,
  },
];

await Promise.all(
  bundles.map(async ({ entry, outfile, banner, executable, extra }) => {
    const result = await build({
      ...nodeBundleOptions,
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
