import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';

/**
 * The CLI's floor, run as its own process like the CLI: walk the corpus, read every file, and
 * parse it with the bare `yaml` package. Prints one JSON line: documents, the time spent in
 * parseAllDocuments alone, and the time from the first line of this script to the last.
 */
const start = performance.now();

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(path);
  }
  return out;
}

const files = walk(process.argv[2] ?? '.', []).sort();
let documents = 0;
let parseMs = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const parseStart = performance.now();
  documents += parseAllDocuments(text).length;
  parseMs += performance.now() - parseStart;
}
process.stdout.write(
  `${JSON.stringify({ files: files.length, documents, parseMs, scriptMs: performance.now() - start })}\n`,
);
