/**
 * Finds the workspace file that defines a live Service, so "Open the Service's Manifest" opens
 * what the user edits rather than the live object. Reads the workspace's YAML files through
 * VS Code (remote and virtual workspaces included), skipping files that do not mention the name.
 */
import { workspace } from 'vscode';
import type { Uri } from 'vscode';
import { serviceManifest } from './model';
import type { ManifestCandidate } from './model';

export interface ManifestLocation {
  uri: Uri;
  /** Zero-based line where the document starts. */
  line: number;
}

/** Files searched at most; a monorepo's thousands of charts should not stall a click. */
const maxFiles = 5_000;

export async function findServiceManifest(
  name: string,
  namespace: string,
): Promise<ManifestLocation | undefined> {
  const files = await workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', maxFiles);
  files.sort((a, b) => a.path.localeCompare(b.path));
  const { parseAllDocuments } = await import('yaml');
  const candidates: ManifestCandidate[] = [];
  for (const uri of files) {
    const text = await readText(uri);
    if (text === undefined || !text.includes(name) || !/kind:\s*["']?Service\b/.test(text)) {
      continue;
    }
    for (const document of parseAllDocuments(text)) {
      if ('errors' in document && document.errors.length === 0) {
        const start = document.contents?.range[0] ?? 0;
        candidates.push({ at: { uri, line: lineAt(text, start) }, object: document.toJS() as unknown });
      }
    }
  }
  return serviceManifest(candidates, name, namespace)?.at as ManifestLocation | undefined;
}

async function readText(uri: Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await workspace.fs.readFile(uri));
  } catch {
    return undefined; // deleted since the search, or unreadable: not a candidate
  }
}

function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
  }
  return line;
}
