import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import type { RemoteConsole } from 'vscode-languageserver/browser';
import { clientFileSystem } from '../lsp/clientFileSystem';
import { describeError } from '../lsp/guard';
import { serve } from '../lsp/serve';

/**
 * Entry of the web build's language server: a browser worker the web extension starts
 * (`client/src/web/extension.ts`). The server is the Node one (`serve`); only the transport
 * (the worker's messages), the log formatting and the file access differ: a worker has no
 * disk, so the workspace index reads files through the client.
 */

/** The version the bundle was built from; scripts/bundle.mjs defines it from package.json. */
declare const ENDPOINTSLICES_VERSION: string;

/** `console` arguments as one line: strings as they are, anything else as JSON where it can be. */
function formatArguments(...args: unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === 'string') return arg;
      if (arg instanceof Error) return describeError(arg);
      try {
        return JSON.stringify(arg) ?? String(arg);
      } catch {
        return String(arg);
      }
    })
    .join(' ');
}

/** A worker that throws keeps running; the error goes to the client's log instead of the void. */
function installCrashGuards(log: RemoteConsole): void {
  self.onerror = (event) => {
    log.error(`Uncaught exception: ${typeof event === 'string' ? event : describeError(event.error)}`);
    return true;
  };
  self.onunhandledrejection = (event) => {
    log.error(`Unhandled rejection: ${describeError(event.reason)}`);
    event.preventDefault();
  };
}

const worker = self as unknown as DedicatedWorkerGlobalScope;
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
serve(connection, {
  version: ENDPOINTSLICES_VERSION,
  fileSystem: clientFileSystem(connection),
  format: formatArguments,
  installCrashGuards,
});
