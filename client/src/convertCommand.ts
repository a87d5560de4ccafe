import { window, workspace } from 'vscode';
import { convertWorkspaceRequest } from '../../server/src/service/protocol';
import type { ConvertWorkspaceParams, ConvertWorkspaceResult } from '../../server/src/service/protocol';
import type { CommandContext } from './commands';

/**
 * "Convert Endpoints to EndpointSlices in the Workspace": the server computes the edit over every
 * file it indexed; VS Code shows it in the refactor preview (its annotation needs confirmation)
 * and applies what the user keeps. `{ preview: false }` applies directly, for tests and scripts.
 * Returns the server's summary.
 */
export async function convertWorkspaceEndpoints(
  ctx: CommandContext,
  options: unknown,
): Promise<ConvertWorkspaceResult | undefined> {
  const params: ConvertWorkspaceParams = { preview: previewOf(options) };
  const result = await ctx.client.sendRequest<ConvertWorkspaceResult>(convertWorkspaceRequest, params);
  for (const note of result.notes) ctx.outputChannel.warn(`Convert Endpoints: ${note}`);
  if (result.files === 0) {
    void window.showInformationMessage('No Endpoints objects to convert in the workspace.');
    return result;
  }
  const edit = await ctx.client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  const applied = await workspace.applyEdit(edit, { isRefactoring: true });
  const summary = `${result.converted} Endpoints → ${result.slices} EndpointSlices in ${result.files} file(s)`;
  ctx.outputChannel.info(`Convert Endpoints: ${applied ? 'applied' : 'not applied'}: ${summary}`);
  if (applied && params.preview === false) void window.showInformationMessage(`Converted ${summary}.`);
  return result;
}

function previewOf(options: unknown): boolean {
  if (typeof options === 'object' && options !== null && 'preview' in options) {
    return options.preview !== false;
  }
  return true;
}
