/**
 * The messages a server without a disk (the web build, in a browser worker) sends to the client
 * to read the workspace: the client lists and reads files through the editor, which can reach
 * any file system the workspace lives on. Defined once for both sides, like `protocol.ts`: the
 * server's `RequestType`s are in `lsp/clientFileSystem.ts`, the client's in
 * `client/src/web/fileRequests.ts`.
 */

/** Lists the YAML files under a workspace folder. */
export const listYamlFilesMethod = 'endpointslices/listYamlFiles';

export interface ListYamlFilesParams {
  folderUri: string;
  /** The most URIs to return. */
  limit: number;
}

/** The URIs of the files found. */
export type ListYamlFilesResult = string[];

/** Reads one file as UTF-8 text. */
export const readFileMethod = 'endpointslices/readFile';

export interface ReadFileParams {
  uri: string;
  /** Files bigger than this are not read (`tooBig`). */
  maxBytes: number;
}

/** The text, or why there is none: no such file, or over the size limit. */
export type ReadFileResult = { text: string } | { missing: true } | { tooBig: true };
