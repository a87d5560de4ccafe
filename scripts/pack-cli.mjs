// Builds the npm package of the CLI and the language server, endpointslice-lint, from the same
// bundles the extension ships (dist/cli.js, dist/server.js; run `npm run build` first): stages
// packages/cli (package.json with the repository's version, README, LICENSE) with the two
// bundles in dist/npm/endpointslice-lint/ and runs `npm pack` there. Prints the tarball's path.
// Usage: node scripts/pack-cli.mjs   (writes dist/endpointslice-lint-<version>.tgz)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'packages', 'cli');
const stage = join(root, 'dist', 'npm', 'endpointslice-lint');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** What a published copy pins must be this version, and the license the repository's. */
function checkConsistency() {
  const problems = [];
  for (const file of ['.pre-commit-hooks.yaml', 'packages/cli/README.md', 'README.md']) {
    const pins = [...readFileSync(join(root, file), 'utf8').matchAll(/endpointslice-lint@([\w.-]+)/g)];
    for (const [, pinned] of pins.filter(([, pinned]) => pinned !== version)) {
      problems.push(`${file} pins endpointslice-lint@${pinned}, the repository is ${version}`);
    }
  }
  if (readFileSync(join(source, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')) {
    problems.push('packages/cli/LICENSE differs from LICENSE');
  }
  for (const bundle of ['dist/cli.js', 'dist/cliWorker.js', 'dist/server.js']) {
    if (!existsSync(join(root, bundle))) problems.push(`${bundle} is missing: run npm run build first`);
  }
  if (problems.length > 0) {
    console.error(`pack-cli: ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

checkConsistency();
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
for (const file of ['README.md', 'LICENSE']) copyFileSync(join(source, file), join(stage, file));
// The bundles keep their shebang and mode; their source maps stay behind.
for (const bundle of ['cli.js', 'cliWorker.js', 'server.js'])
  copyFileSync(join(root, 'dist', bundle), join(stage, 'dist', bundle));
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', join(root, 'dist')], {
    cwd: stage,
    encoding: 'utf8',
  }),
);
const tarball = join(root, 'dist', packed.filename);
console.log(
  `${tarball} (${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${packed.files.length} files)`,
);
