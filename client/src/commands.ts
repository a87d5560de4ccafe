import { commands } from 'vscode';
import type { Disposable, LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What command handlers may touch; extension.ts owns the objects. */
export interface CommandContext {
  client: LanguageClient;
  outputChannel: LogOutputChannel;
}

/** Command ids, as contributed in package.json, mapped to their handlers. */
const commandTable: Record<string, (ctx: CommandContext) => Promise<void> | void> = {
  'endpointslices.restartServer': (ctx) => restartServer(ctx),
  'endpointslices.showOutput': (ctx) => ctx.outputChannel.show(true),
};

/** Registers every command; the caller adds the disposables to the extension's subscriptions. */
export function registerCommands(ctx: CommandContext): Disposable[] {
  return Object.entries(commandTable).map(([id, handler]) =>
    commands.registerCommand(id, () => handler(ctx)),
  );
}

async function restartServer(ctx: CommandContext): Promise<void> {
  ctx.outputChannel.info('Restarting the language server.');
  // restart() starts a stopped client too, so this also recovers a server that failed to start.
  await ctx.client.restart();
}
