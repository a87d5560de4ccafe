import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver/node';
import type { FileEvent } from 'vscode-languageserver/node';
import type { TextSource, WorkspaceIndex } from '../service';
import { describeError } from './guard';
import type { ErrorLog } from './guard';

/** Files bigger than this are not manifests anyone edits by hand; they are skipped. */
const maxFileBytes = 4 * 1024 * 1024;
/** A bound on start-up work in very large folders. */
const maxFiles = 20_000;
const yamlFile = /\.ya?ml$/i;
const skippedDirectories = new Set(['node_modules', 'out', 'dist']);

/**
 * Keeps the workspace index in step with the files: reads the workspace folders' YAML files at
 * start-up, follows `workspace/didChangeWatchedFiles`, and lets open documents win over what is
 * on disk. `onChange` runs whenever what the index knows changed (diagnostics that depend on
 * other files are then recomputed).
 */
export class WorkspaceFiles {
  private readonly open = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly log: ErrorLog,
    private readonly onChange: () => void,
  ) {}

  /** Reads every YAML file under the folders; returns how many were indexed. */
  async scan(folderUris: readonly string[]): Promise<number> {
    let count = 0;
    for (const uri of folderUris) {
      if (!uri.startsWith('file:')) continue;
      for await (const path of yamlFiles(fileURLToPath(uri))) {
        if (count >= maxFiles) break;
        if (await this.readIntoIndex(pathToFileURL(path).toString())) count++;
      }
    }
    if (count > 0) this.onChange();
    return count;
  }

  async filesChanged(events: readonly FileEvent[]): Promise<void> {
    let changed = false;
    for (const event of events) {
      if (this.open.has(event.uri) || !yamlFile.test(event.uri)) continue;
      if (event.type === FileChangeType.Deleted) changed = this.index.remove(event.uri) || changed;
      else changed = (await this.readIntoIndex(event.uri)) || changed;
    }
    if (changed) this.onChange();
  }

  /** From now on the document's text, not the file on disk, is what the index holds. */
  markOpen(uri: string): void {
    this.open.add(uri);
  }

  /** An open document's text replaces the file's; returns whether the index changed. */
  opened(uri: string, source: TextSource): boolean {
    this.open.add(uri);
    return this.index.update(uri, source);
  }

  /** A closed document falls back to what is on disk (or leaves the index if it has no file). */
  async closed(uri: string): Promise<void> {
    this.open.delete(uri);
    const changed = uri.startsWith('file:') ? await this.readIntoIndex(uri) : this.index.remove(uri);
    if (changed) this.onChange();
  }

  /**
   * The file's text on disk now, for an edit computed from it: the index may be behind the disk
   * (a client that does not watch files, a delayed event), and an edit computed from an old copy
   * corrupts the file. The index takes the text too. Undefined when the file cannot be read.
   */
  async current(uri: string): Promise<string | undefined> {
    try {
      const path = fileURLToPath(uri);
      if ((await stat(path)).size > maxFileBytes) return undefined;
      const text = await readFile(path, 'utf8');
      if (!this.open.has(uri) && this.index.update(uri, text)) this.onChange();
      return text;
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code === 'ENOENT' &&
        !this.open.has(uri) &&
        this.index.remove(uri)
      ) {
        this.onChange();
      }
      this.log.error(`Reading ${uri} failed: ${describeError(error)}`);
      return undefined;
    }
  }

  private async readIntoIndex(uri: string): Promise<boolean> {
    try {
      const path = fileURLToPath(uri);
      if ((await stat(path)).size > maxFileBytes) return false;
      return this.index.update(uri, await readFile(path, 'utf8'));
    } catch (error) {
      // A file that vanished between the event and the read is simply gone.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.index.remove(uri);
      this.log.error(`Indexing ${uri} failed: ${describeError(error)}`);
      return false;
    }
  }
}

async function* yamlFiles(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !skippedDirectories.has(entry.name)) yield* yamlFiles(path);
    else if (entry.isFile() && yamlFile.test(entry.name)) yield path;
  }
}
