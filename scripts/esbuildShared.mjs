import { dirname, join } from 'node:path';

// Options every bundle shares. The unit test that proves @kubernetes/client-node loads from a
// bundle imports these too, so it checks the configuration that ships, not a look-alike.

/** @type {import('esbuild').BuildOptions} */
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The editor API is provided by the extension host; everything else is inlined.
  external: ['vscode'],
  sourcemap: 'linked',
  minify: false,
  logLevel: 'warning',
};

/**
 * For the bundles that run the engine (the server, the CLI and its workers): `yaml` from its ES
 * module build (the same code the web build uses). Its CommonJS build reaches the bundle through
 * esbuild's interop object, whose exports are getters, so every `isScalar` or `isMap` of the
 * engine called a getter first: a twentieth of a CLI run's CPU.
 */
export const engineBundleOptions = {
  plugins: [
    {
      name: 'yaml-es-module',
      setup(build) {
        // The package exports only `.` (its CommonJS build for Node), so the file is found
        // beside its package.json.
        build.onResolve({ filter: /^yaml$/ }, async (args) => {
          const manifest = await build.resolve('yaml/package.json', {
            kind: args.kind,
            resolveDir: args.resolveDir,
          });
          if (manifest.errors.length > 0) return undefined;
          return { path: join(dirname(manifest.path), 'browser', 'index.js') };
        });
      },
    },
  ],
};

/**
 * @kubernetes/client-node ships as its own bundle, dist/clusterClient.js, holding only what the
 * extension uses (client/src/cluster/loadClusterClient.ts types exactly these exports). Tree
 * shaking keeps it at ~1.8 MB instead of ~15 MB for the whole package, and the extension bundle
 * stays small because it only requires it when the cluster view first needs it.
 */
export const clusterClientExports = ['KubeConfig'];

/** Build options for dist/clusterClient.js. */
export const clusterClientBundleOptions = {
  ...nodeBundleOptions,
  stdin: {
    contents: `export { ${clusterClientExports.join(', ')} } from '@kubernetes/client-node';`,
    resolveDir: '.',
    sourcefile: 'clusterClient.js',
    loader: 'js',
  },
};

/**
 * For dist/extension.js: the lazy `import('@kubernetes/client-node')` becomes a require of the
 * sibling bundle, evaluated on first call (esbuild lowers the dynamic import to a require when
 * told dynamic import is unsupported).
 */
export const lazyClusterClientOptions = {
  supported: { 'dynamic-import': false },
  plugins: [
    {
      name: 'lazy-cluster-client',
      setup(build) {
        build.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({
          path: './clusterClient.js',
          external: true,
        }));
      },
    },
  ],
};

/**
 * The web build (package.json `browser`): the extension for VS Code's web worker extension host
 * and the language server for a browser worker. Platform `browser`: a Node built-in anywhere in
 * the graph is a build error, not a crash in vscode.dev; the `browser` export conditions pick
 * the message-port transports of vscode-languageserver and vscode-languageclient.
 */
export const webBundleOptions = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  external: ['vscode'],
  sourcemap: 'linked',
  minify: false,
  logLevel: 'warning',
};

/** The web extension: CommonJS, as the web worker extension host loads `browser` entries. */
export const webExtensionOptions = { ...webBundleOptions, format: 'cjs' };

/** The web server: a classic worker script; its version comes from package.json at build time. */
export function webServerOptions(version) {
  return {
    ...webBundleOptions,
    format: 'iife',
    define: { ENDPOINTSLICES_VERSION: JSON.stringify(version) },
  };
}

/** For dist/picture.js: a browser script (the webview's page), no Node, no source map shipped. */
export const webviewBundleOptions = {
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  external: [],
  minify: true,
};
