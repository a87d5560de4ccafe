import { window, workspace } from 'vscode';
import type { LogOutputChannel } from 'vscode';
import { RequestType } from 'vscode-languageclient';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { convertWorkspaceMethod } from '../../server/src/service/protocol';
import type { ConvertWorkspaceParams, ConvertWorkspaceResult } from '../../server/src/service/protocol';

/** The workspace conversion as the client sends it (server/src/service/protocol.ts describes it). */
const convertWorkspaceRequest = new RequestType<ConvertWorkspaceParams, ConvertWorkspaceResult, void>(
  convertWorkspaceMethod,
);

/** What the conversion uses: the client to ask the server, the channel to report to. */
export interface ConvertContext {
  client: BaseLanguageClient;
  outputChannel: LogOutputChannel;
}

/**
 * "Convert Endpoints to EndpointSlices in the Workspace": the server computes the edit over every
 * file it indexed and the client applies it. A conversion that leaves something out (an address
 * no apiserver accepts) needs confirmation: VS Code then shows its refactor preview, where that
 * conversion is unchecked under a label saying what it leaves out, and a notification says the
 * same. Everything else is checked, and without such a conversion the edit applies at once.
 * `{ preview: false }` confirms nothing, for tests and scripts. Returns the server's summary.
 */
export async function convertWorkspaceEndpoints(
  ctx: ConvertContext,
  options: unknown,
): Promise<ConvertWorkspaceResult | undefined> {
  const params: ConvertWorkspaceParams = { preview: previewOf(options) };
  const result = await ctx.client.sendRequest(convertWorkspaceRequest, params);
  for (const note of result.notes) ctx.outputChannel.warn(`Convert Endpoints: ${note}`);
  if (result.files === 0) {
    const why = result.notes.length > 0 ? ' Some could not be converted: see the output.' : '';
    void window.showInformationMessage(`No Endpoints objects to convert in the workspace.${why}`);
    return result;
  }
  const confirm = params.preview !== false && result.leftOut.length > 0;
  // Shown while the preview is open: the unchecked rows are the ones this names.
  if (confirm) void window.showWarningMessage(leftOutMessage(result));
  const edit = await ctx.client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  const applied = await workspace.applyEdit(edit, { isRefactoring: true });
  const summary = `${result.converted} Endpoints → ${result.slices} EndpointSlices in ${result.files} file(s)`;
  ctx.outputChannel.info(`Convert Endpoints: ${applied ? 'applied' : 'not applied'}: ${summary}`);
  if (applied && !confirm) {
    const more = result.notes.length > 0 ? ' Some Endpoints were not converted: see the output.' : '';
    void window.showInformationMessage(`Converted ${summary}.${more}`);
  }
  return result;
}

function leftOutMessage(result: ConvertWorkspaceResult): string {
  const items = result.leftOut.map((l) => `${l.name}: ${l.reasons.join(', ')}`);
  const which = result.leftOut.length === 1 ? 'This conversion is' : 'These conversions are';
  return `Convert Endpoints: ${items.join('; ')}. ${which} unchecked in the preview: check to convert without what is left out.`;
}

function previewOf(options: unknown): boolean {
  if (typeof options === 'object' && options !== null && 'preview' in options) {
    return options.preview !== false;
  }
  return true;
}
