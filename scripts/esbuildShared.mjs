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
