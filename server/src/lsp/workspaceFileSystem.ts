import type { ReadFileResult } from '../service';

/**
 * Where the server reads the workspace's files from. The Node server reads the disk
 * (`diskFileSystem.ts`); the web build, which has no disk, asks the client
 * (`clientFileSystem.ts`). Everything above this interface is the same in both.
 */
export interface WorkspaceFileSystem {
  /** The YAML files under a workspace folder, at most `limit`; none for a folder it cannot read. */
  yamlFiles(folderUri: string, limit: number): AsyncIterable<string>;
  /** The file's text, `missing` when there is no such file; throws when it cannot be read. */
  read(uri: string, maxBytes: number): Promise<ReadFileResult>;
}

/** Files bigger than this are not manifests anyone edits by hand; they are skipped. */
export const maxFileBytes = 4 * 1024 * 1024;
/** A bound on start-up work in very large folders. */
export const maxFiles = 20_000;
