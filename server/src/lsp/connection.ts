import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import type { Connection, RemoteConsole } from 'vscode-languageserver/node';
import { describeError } from './guard';

/** The transports `createConnection()` understands when it reads them from the command line. */
const transportFlags = ['--node-ipc', '--stdio', '--socket', '--pipe'];

/** Whether the arguments name a transport, with or without an `=value` part. */
export function hasTransportArgument(args: readonly string[]): boolean {
  return args.some((arg) => transportFlags.includes(arg.split('=')[0] ?? ''));
}

/**
 * Creates the connection from the process arguments: VS Code starts the server with
 * `--node-ipc`, other editors with `--stdio`. Both run this same file.
 */
export function createServerConnection(): Connection {
  return createConnection(ProposedFeatures.all);
}

/**
 * Logs what would otherwise kill the process. The server holds nothing that an exception can
 * leave half-updated across requests, so carrying on is safer than dropping every open editor.
 */
export function installCrashGuards(remote: RemoteConsole): void {
  process.on('uncaughtException', (error) => remote.error(`Uncaught exception: ${describeError(error)}`));
  process.on('unhandledRejection', (reason) => remote.error(`Unhandled rejection: ${describeError(reason)}`));
}
