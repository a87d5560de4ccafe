import { FileChangeType } from 'vscode-languageserver';
import type { FileEvent } from 'vscode-languageserver';
import type { TextSource, WorkspaceIndex } from '../service';
import { describeError } from './guard';
import type { ErrorLog } from './guard';
import { maxFileBytes, maxFiles } from './workspaceFileSystem';
import type { WorkspaceFileSystem } from './workspaceFileSystem';

const yamlFile = /\.ya?ml$/i;

/**
 * Keeps the workspace index in step with the files: reads the workspace folders' YAML files at
 * start-up, follows `workspace/didChangeWatchedFiles`, and lets open documents win over what is
 * on disk. `onChange` runs whenever what the index knows changed (diagnostics that depend on
 * other files are then recomputed). Files are read through a `WorkspaceFileSystem`: the disk
 * for the Node server, the client for the web build.
 */
export class WorkspaceFiles {
  private readonly open = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly log: ErrorLog,
    private readonly onChange: () => void,
    private readonly fileSystem: WorkspaceFileSystem,
  ) {}

  /** Reads every YAML file under the folders; returns how many were indexed. */
  async scan(folderUris: readonly string[]): Promise<number> {
    let count = 0;
    for (const uri of folderUris) {
      for await (const file of this.fileSystem.yamlFiles(uri, maxFiles - count)) {
        if (count >= maxFiles) break;
        if (await this.readIntoIndex(file)) count++;
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
    if (await this.readIntoIndex(uri)) this.onChange();
  }

  /**
   * The file's text on disk now, for an edit computed from it: the index may be behind the disk
   * (a client that does not watch files, a delayed event), and an edit computed from an old copy
   * corrupts the file. The index takes the text too. Undefined when the file cannot be read.
   */
  async current(uri: string): Promise<string | undefined> {
    try {
      const read = await this.fileSystem.read(uri, maxFileBytes);
      if ('text' in read) {
        if (!this.open.has(uri) && this.index.update(uri, read.text)) this.onChange();
        return read.text;
      }
      if ('missing' in read && !this.open.has(uri) && this.index.remove(uri)) this.onChange();
      this.log.error(`Reading ${uri} failed: ${'missing' in read ? 'no such file' : 'the file is too big'}`);
    } catch (error) {
      this.log.error(`Reading ${uri} failed: ${describeError(error)}`);
    }
    return undefined;
  }

  private async readIntoIndex(uri: string): Promise<boolean> {
    try {
      const read = await this.fileSystem.read(uri, maxFileBytes);
      if ('text' in read) return this.index.update(uri, read.text);
      // A file that vanished between the event and the read is simply gone; so is a document
      // that never had a file (untitled).
      return 'missing' in read ? this.index.remove(uri) : false;
    } catch (error) {
      this.log.error(`Indexing ${uri} failed: ${describeError(error)}`);
      return false;
    }
  }
}
