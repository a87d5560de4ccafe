import type { Connection, RemoteConsole } from 'vscode-languageserver';
import { redirectConsole } from './console';
import { startServer } from './startServer';
import type { ServerOptions } from './startServer';

/** What differs between the Node process and the browser worker; everything else is shared. */
export interface ServerHost extends ServerOptions {
  /** Formats `console` arguments as one line for the client's log. */
  format: (...args: unknown[]) => string;
  /** Logs what would otherwise end the process or the worker. */
  installCrashGuards: (log: RemoteConsole) => void;
}

/**
 * Serves one connection: the whole server behind both entries (`server.ts` for Node over
 * stdio, IPC, socket or pipe; `browser/serverWorker.ts` over a worker's messages). An entry
 * makes the connection and says how its host formats, guards and reads files.
 */
export function serve(connection: Connection, host: ServerHost): void {
  redirectConsole(connection.console, host.format);
  host.installCrashGuards(connection.console);
  startServer(connection, host);
}
