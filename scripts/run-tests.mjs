// Runs `node --test` on every *.test.js under the given directories. Node 20's test runner
// does not expand globs, so the files are listed here.
// Usage: node scripts/run-tests.mjs out/test/unit out/test/server ...
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        return findTests(full);
      }
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    });
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node scripts/run-tests.mjs DIR...');
  process.exit(2);
}
const missing = dirs.filter((dir) => !existsSync(dir));
if (missing.length > 0) {
  console.error(`run-tests: no such directory: ${missing.join(', ')} (did you run tsc -b?)`);
  process.exit(2);
}
const files = dirs.flatMap(findTests);
if (files.length === 0) {
  console.error(`run-tests: no *.test.js files under ${dirs.join(', ')}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
