import { format } from 'node:util';
import { hasTransportArgument, createServerConnection, installCrashGuards } from './lsp/connection';
import { diskFileSystem } from './lsp/diskFileSystem';
import { serve } from './lsp/serve';
import { defaultDebounceMs } from './lsp/startServer';
import { readPackageVersion } from './packageInfo';

/**
 * Process entry of `endpointslice-language-server` and of the server VS Code starts. Everything
 * below `serve` is transport-independent (the web build's worker, `browser/serverWorker.ts`,
 * runs the same); this file reads the command line and gives the server Node's disk.
 */

const usage = `Usage: endpointslice-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME [--debounce-ms=N]

Speaks the Language Server Protocol and validates Kubernetes Endpoints and EndpointSlice
manifests as the kube-apiserver does.

  --debounce-ms=N   wait N milliseconds after the last edit before validating (default ${defaultDebounceMs})
  --help            show this help
  --version         print the version
`;

function main(args: readonly string[]): void {
  if (args.includes('--help')) {
    process.stdout.write(usage);
    return;
  }
  if (args.includes('--version')) {
    process.stdout.write(`${readPackageVersion()}\n`);
    return;
  }
  const debounceMs = parseDebounce(args);
  if (!hasTransportArgument(args) || debounceMs === null) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  serve(createServerConnection(), {
    debounceMs,
    version: readPackageVersion(),
    fileSystem: diskFileSystem,
    format,
    installCrashGuards,
  });
}

/** The `--debounce-ms=N` value, undefined when absent, null when malformed. */
function parseDebounce(args: readonly string[]): number | undefined | null {
  const arg = args.find((a) => a.startsWith('--debounce-ms='));
  if (arg === undefined) {
    return undefined;
  }
  const value = Number(arg.slice('--debounce-ms='.length));
  return Number.isInteger(value) && value >= 0 ? value : null;
}

main(process.argv.slice(2));
