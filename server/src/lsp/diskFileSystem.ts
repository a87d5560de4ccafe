import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReadFileResult } from '../service';
import type { WorkspaceFileSystem } from './workspaceFileSystem';

const yamlFile = /\.ya?ml$/i;
const skippedDirectories = new Set(['node_modules', 'out', 'dist']);

/** The Node server's files: `file:` URIs on the local disk; any other scheme has no file. */
export const diskFileSystem: WorkspaceFileSystem = {
  async *yamlFiles(folderUri: string, limit: number): AsyncGenerator<string> {
    if (!folderUri.startsWith('file:')) return;
    let count = 0;
    for await (const path of yamlFilesUnder(fileURLToPath(folderUri))) {
      if (count++ >= limit) return;
      yield pathToFileURL(path).toString();
    }
  },

  async read(uri: string, maxBytes: number): Promise<ReadFileResult> {
    if (!uri.startsWith('file:')) return { missing: true };
    try {
      const path = fileURLToPath(uri);
      if ((await stat(path)).size > maxBytes) return { tooBig: true };
      return { text: await readFile(path, 'utf8') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
      throw error;
    }
  },
};

async function* yamlFilesUnder(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !skippedDirectories.has(entry.name)) yield* yamlFilesUnder(path);
    else if (entry.isFile() && yamlFile.test(entry.name)) yield path;
  }
}
