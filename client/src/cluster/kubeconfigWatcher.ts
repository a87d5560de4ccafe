/**
 * Notices when the kubeconfig files change (`kubectl config use-context`, a new cluster added by
 * a cloud CLI, a certificate rotated), so the cluster view follows without a manual refresh.
 * It watches each file's directory rather than the file: kubectl and most tools replace the
 * file (write a temporary file, rename it over), which ends a watch on the file itself, and a
 * KUBECONFIG entry may not exist yet. Events are debounced, and a change is reported only when
 * some file's content really differs from what was last seen, so a tool touching the file or
 * rewriting it unchanged costs nothing. It reads the files only to compare them; it never
 * writes them.
 */
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface KubeconfigWatcherOptions {
  /** Quiet time after the last event before the files are compared. */
  debounceMs?: number;
  onError?: (message: string) => void;
}

export class KubeconfigWatcher {
  private watchers: FSWatcher[] = [];
  private files: string[] = [];
  private seen = new Map<string, string | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(
    private readonly onChange: () => void,
    private readonly options: KubeconfigWatcherOptions = {},
  ) {}

  /** Watches these files from now on (their present content is the baseline); [] stops. */
  async watch(files: readonly string[]): Promise<void> {
    // A reload this watcher caused asks again for the same files: their baseline is current.
    if (this.watchers.length > 0 && sameList(files, this.files)) return;
    this.stop();
    const generation = ++this.generation;
    this.files = [...files];
    const seen = new Map<string, string | undefined>();
    for (const file of this.files) seen.set(file, await contentOf(file));
    if (generation !== this.generation) return; // another watch() or a dispose came first
    this.seen = seen;
    for (const directory of new Set(this.files.map((file) => dirname(file)))) {
      this.watchDirectory(directory);
    }
  }

  dispose(): void {
    this.generation++;
    this.stop();
  }

  private watchDirectory(directory: string): void {
    const names = new Set(this.files.filter((f) => dirname(f) === directory).map((f) => basename(f)));
    try {
      const watcher = watch(directory, { persistent: false }, (_event, name) => {
        // Some platforms omit the name; then any event in the directory is worth a look.
        if (name === null || names.has(name.toString())) this.schedule();
      });
      watcher.on('error', (error) => this.options.onError?.(`watching ${directory}: ${error.message}`));
      this.watchers.push(watcher);
    } catch (error) {
      // A directory that does not exist (yet) cannot be watched; Refresh still reads it.
      this.options.onError?.(`cannot watch ${directory}: ${(error as Error).message}`);
    }
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.compare(this.generation);
    }, this.options.debounceMs ?? 300);
  }

  private async compare(generation: number): Promise<void> {
    let changed = false;
    for (const file of this.files) {
      const content = await contentOf(file);
      if (generation !== this.generation) return;
      if (content !== this.seen.get(file)) changed = true;
      this.seen.set(file, content);
    }
    if (changed) this.onChange();
  }

  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((file, i) => file === b[i]);
}

/** A file's text, or undefined when it cannot be read (missing, a directory, no permission). */
async function contentOf(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
