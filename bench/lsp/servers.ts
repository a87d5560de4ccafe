import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SchemaFiles } from '../editor/schemas';
import type { ServerSpec } from './client';

/** The repository root, from out/bench/lsp at run time. */
export const repoRoot = resolve(__dirname, '../../..');

/**
 * Our server as it ships (the esbuild bundle), with the debounce off: the shipped default waits
 * 150 ms after the last keystroke before validating, which is a choice about when to start, not
 * how long the work takes. Latency numbers are measured with `--debounce-ms=0`.
 */
export function ourServer(nodeArgs: string[] = []): ServerSpec {
  return {
    name: 'endpointslices',
    script: resolve(repoRoot, 'dist/server.js'),
    args: ['--stdio', '--debounce-ms=0'],
    nodeArgs,
    // The defaults (Kubernetes 1.37, Strict field validation, advisories on).
    settings: (item) => (item.section === 'endpointslices' ? {} : null),
  };
}

/** File globs for the schema associations; the warm-up files match them too. */
export const sliceGlobs = ['**/slice-1000.yaml', '**/warmup-slice.yaml'];
export const kindsGlobs = [
  '**/docs-500.yaml',
  '**/dump-15mb.yaml',
  '**/mixed-50k.yaml',
  '**/warmup-kinds.yaml',
];

/**
 * yaml-language-server from npm, as it ships, with validation on and our apiserver's schemas
 * associated by file glob. The schema store and the Kubernetes CRD store are off: they download
 * from the internet, which this machine does not have, and they would only add more schemas.
 * Its 200 ms validation delay is hard-coded (yamlSettings.validationDelayMs) and cannot be
 * switched off; the report shows its times with and without it.
 */
export function yamlLanguageServer(schemas: SchemaFiles): ServerSpec {
  const yaml = {
    validate: true,
    completion: true,
    hover: true,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    schemas: {
      [pathToFileURL(schemas.slice).href]: sliceGlobs,
      [pathToFileURL(schemas.kinds).href]: kindsGlobs,
    },
  };
  return {
    name: 'yaml-language-server',
    script: resolve(repoRoot, 'node_modules/yaml-language-server/bin/yaml-language-server'),
    args: ['--stdio'],
    settings: (item) => (item.section === 'yaml' ? yaml : {}),
  };
}

/** yaml-language-server's fixed validation delay (ms), subtracted for its "work" column. */
export const ylsValidationDelayMs = 200;
