import { FileSystemError, RelativePattern, Uri, workspace } from 'vscode';
import type { Disposable } from 'vscode';
import { RequestType } from 'vscode-languageclient';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { listYamlFilesMethod, readFileMethod } from '../../../server/src/service/fileProtocol';
import type {
  ListYamlFilesParams,
  ListYamlFilesResult,
  ReadFileParams,
  ReadFileResult,
} from '../../../server/src/service/fileProtocol';

/** The server's two requests (`server/src/service/fileProtocol.ts`), typed from their one definition. */
const listYamlFilesRequest = new RequestType<ListYamlFilesParams, ListYamlFilesResult, void>(
  listYamlFilesMethod,
);
const readFileRequest = new RequestType<ReadFileParams, ReadFileResult, void>(readFileMethod);

/** Folders whose YAML is build output or dependencies, as the Node server skips them on disk. */
const excluded = '**/{node_modules,out,dist,.*}/**';

/**
 * Answers the web server's file requests (`server/src/lsp/clientFileSystem.ts`): a worker has
 * no disk, so the workspace index lists and reads files through the editor's file systems.
 */
export function answerFileRequests(client: BaseLanguageClient): Disposable[] {
  return [client.onRequest(listYamlFilesRequest, listYamlFiles), client.onRequest(readFileRequest, readFile)];
}

async function listYamlFiles(params: ListYamlFilesParams): Promise<ListYamlFilesResult> {
  const pattern = new RelativePattern(Uri.parse(params.folderUri), '**/*.{yaml,yml}');
  const uris = await workspace.findFiles(pattern, excluded, params.limit);
  return uris.map((uri) => uri.toString());
}

async function readFile(params: ReadFileParams): Promise<ReadFileResult> {
  const uri = Uri.parse(params.uri);
  try {
    if ((await workspace.fs.stat(uri)).size > params.maxBytes) return { tooBig: true };
    return { text: new TextDecoder().decode(await workspace.fs.readFile(uri)) };
  } catch (error) {
    // Untitled documents and files deleted meanwhile have nothing to read.
    if (error instanceof FileSystemError && error.code === 'FileNotFound') return { missing: true };
    if (uri.scheme === 'untitled') return { missing: true };
    throw error;
  }
}
