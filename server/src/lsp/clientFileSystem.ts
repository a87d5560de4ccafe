import { RequestType } from 'vscode-languageserver';
import type { Connection } from 'vscode-languageserver';
import { listYamlFilesMethod, readFileMethod } from '../service';
import type { ListYamlFilesParams, ListYamlFilesResult, ReadFileParams, ReadFileResult } from '../service';
import type { WorkspaceFileSystem } from './workspaceFileSystem';

/** The two server → client requests (`service/fileProtocol.ts`), typed from their one definition. */
const listYamlFilesRequest = new RequestType<ListYamlFilesParams, ListYamlFilesResult, void>(
  listYamlFilesMethod,
);
const readFileRequest = new RequestType<ReadFileParams, ReadFileResult, void>(readFileMethod);

/**
 * The web build's files: a server in a browser worker has no disk, so it asks the client, which
 * lists and reads through the editor's file systems (`vscode-remote:`, `vscode-vfs:`, …). Only
 * a client that answers these requests (ours) gets a workspace index; any other client's error
 * answer is logged by the caller and the index stays empty.
 */
export function clientFileSystem(connection: Pick<Connection, 'sendRequest'>): WorkspaceFileSystem {
  return {
    async *yamlFiles(folderUri: string, limit: number): AsyncGenerator<string> {
      const params: ListYamlFilesParams = { folderUri, limit };
      const uris = await connection.sendRequest(listYamlFilesRequest, params);
      yield* uris.slice(0, limit);
    },
    read(uri: string, maxBytes: number): Promise<ReadFileResult> {
      const params: ReadFileParams = { uri, maxBytes };
      return connection.sendRequest(readFileRequest, params);
    },
  };
}
