import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root, from the compiled tests' place (out/test/…). */
export const repoRoot = resolve(__dirname, '../../..');

/** Every TypeScript source under `dir` (repository-relative), as repository-relative paths. */
export function typeScriptFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(resolve(repoRoot, dir));
  return files.map((f) => relative(repoRoot, f).split('\\').join('/')).sort();
}

/** `import … from '…'`, `export … from '…'` and `import('…')`, type-only ones included. */
const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*)'([^']+)'/g;

/**
 * The repository-relative files a source imports by relative path (packages are left out).
 * Type-only imports count: a cycle of types is still two files that cannot be read apart.
 */
export function relativeImportsOf(file: string): string[] {
  const text = readFileSync(resolve(repoRoot, file), 'utf8');
  const targets = new Set<string>();
  for (const match of text.matchAll(specifier)) {
    const spec = match[1] ?? '';
    if (!spec.startsWith('.')) continue;
    const target = join(dirname(file), spec).split('\\').join('/');
    targets.add(target.endsWith('.ts') ? target : `${target}.ts`);
  }
  return [...targets].map((t) => (knownFile(t) ? t : t.replace(/\.ts$/, '/index.ts')));
}

function knownFile(path: string): boolean {
  try {
    readFileSync(resolve(repoRoot, path));
    return true;
  } catch {
    return false;
  }
}

/** Removes comments and string contents, so a scan for declarations sees code only. */
export function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''")
    .replace(/`(?:[^`\\]|\\.)*`/g, '``');
}
