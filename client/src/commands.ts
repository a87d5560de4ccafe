import { commands } from 'vscode';
import type { Disposable, LogOutputChannel } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { languageCommands } from './cluster/model/commandIds';
import { convertWorkspaceEndpoints } from './convertCommand';

/** What command handlers may touch; extension.ts owns the objects. */
export interface CommandContext {
  client: BaseLanguageClient;
  outputChannel: LogOutputChannel;
}

/** The language commands (ids in cluster/model/commandIds.ts) mapped to their handlers, which may take arguments. */
const commandTable: Record<string, (ctx: CommandContext, ...args: unknown[]) => unknown> = {
  [languageCommands.restartServer]: (ctx) => restartServer(ctx),
  [languageCommands.showOutput]: (ctx) => ctx.outputChannel.show(true),
  [languageCommands.convertWorkspaceEndpoints]: (ctx, options) => convertWorkspaceEndpoints(ctx, options),
};

/** Registers every command; the caller adds the disposables to the extension's subscriptions. */
export function registerCommands(ctx: CommandContext): Disposable[] {
  return Object.entries(commandTable).map(([id, handler]) =>
    commands.registerCommand(id, (...args: unknown[]) => handler(ctx, ...args)),
  );
}

async function restartServer(ctx: CommandContext): Promise<void> {
  ctx.outputChannel.info('Restarting the language server.');
  // restart() starts a stopped client too, so this also recovers a server that failed to start.
  // The web build's client has no restart(): stopping and starting is what it would do.
  const client = ctx.client as BaseLanguageClient & { restart?: () => Promise<void> };
  if (client.restart) {
    await client.restart();
  } else {
    await client.stop().catch(() => undefined);
    await client.start();
  }
}
