// Writes the differential corpus (spec §6) as one YAML file per case into test/fixtures/corpus,
// for the fidelity suite that sends them to real kube-apiservers. The cases live in
// test/unit/corpus/*.ts; run `npx tsc -b` first. Stale files are removed, and the unit test
// "the corpus itself" fails when the files and the cases disagree.
// Usage: node scripts/write-corpus.mjs
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let corpus;
try {
  corpus = require(join(root, 'out/test/unit/corpus/cases.js'));
} catch (error) {
  console.error(`write-corpus: cannot load the compiled cases (run npx tsc -b first): ${error.message}`);
  process.exit(2);
}
const { corpusCases, fixtureDirectory, fixtureText } = corpus;

const directory = join(root, fixtureDirectory);
mkdirSync(directory, { recursive: true });
const wanted = new Set(corpusCases.map((c) => `${c.id}.yaml`));
for (const file of readdirSync(directory)) {
  if (file.endsWith('.yaml') && !wanted.has(file)) rmSync(join(directory, file));
}
for (const c of corpusCases) writeFileSync(join(directory, `${c.id}.yaml`), fixtureText(c));
console.log(`write-corpus: ${corpusCases.length} cases written to ${fixtureDirectory}`);
