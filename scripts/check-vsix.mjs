// Checks the packaged extension: exactly the allow-listed files, nothing from the sources or
// node_modules, and a size that stays small. Run after `npm run package`.
// Usage: node scripts/check-vsix.mjs [dist/endpointslices.vsix]
import { readFileSync, statSync } from 'node:fs';

const maxBytes = 3 * 1024 * 1024;
const required = [
  'extension/package.json',
  'extension/dist/extension.js',
  // @kubernetes/client-node, a bundle of its own that the extension requires on first use.
  'extension/dist/clusterClient.js',
  'extension/images/cluster-view.svg',
  // The listing's icon (package.json `icon`); scripts/check-listing.mjs checks the listing itself.
  'extension/images/icon.png',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  // The CLI's worker threads (endpointslice-lint --jobs).
  'extension/dist/cliWorker.js',
  // The web build (package.json `browser`).
  'extension/dist/web/extension.js',
  'extension/dist/web/server.js',
  // The routing picture's webview script.
  'extension/dist/picture.js',
];
const forbidden = [
  { test: (name) => name.endsWith('.ts'), why: 'TypeScript source' },
  { test: (name) => name.endsWith('.map'), why: 'source map' },
  {
    test: (name) => name.includes('node_modules/'),
    why: 'node_modules (the bundles carry their dependencies)',
  },
  {
    test: (name) => /^extension\/(out|test|client|server|scripts|cluster)\//.test(name),
    why: 'development folder',
  },
  { test: (name) => /^extension\/\.[^/]/.test(name), why: 'dotfile' },
];

/** Lists the entry names of a zip archive from its central directory. */
function zipEntries(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) {
    throw new Error('not a zip archive (no end-of-central-directory record)');
  }
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error(`corrupt central directory at entry ${i}`);
    }
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    names.push(buffer.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const file = process.argv[2] ?? 'dist/endpointslices.vsix';
const size = statSync(file).size;
const names = zipEntries(readFileSync(file));
const problems = [
  ...[...required, 'extension/readme.md']
    .filter((name) => !names.includes(name))
    .map((name) => `missing ${name}`),
  ...names.flatMap((name) =>
    forbidden.filter((rule) => rule.test(name)).map((rule) => `${name}: ${rule.why}`),
  ),
];
if (size > maxBytes) {
  problems.push(`${size} bytes is over the ${maxBytes}-byte budget`);
}
console.log(`${file}: ${(size / 1024).toFixed(0)} KiB, ${names.length} entries`);
for (const name of names) {
  console.log(`  ${name}`);
}
if (problems.length > 0) {
  console.error(`check-vsix: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  console.error(
    'Fix .vscodeignore (deny-all plus allow-list) or the bundle, then run npm run package again.',
  );
  process.exit(1);
}
console.log('check-vsix: ok');
