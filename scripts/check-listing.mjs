// Packages the extension the way `npm run package` does and checks that the listing is ready
// for the Visual Studio Marketplace and Open VSX: the fields their pages show, a 128×128 PNG
// icon, a CHANGELOG section for this version, no vsce warning, and pictures in the listing's
// README that render there (absolute URLs: the Marketplace resolves nothing relative).
// scripts/check-vsix.mjs then checks what the package holds.
// Usage: node scripts/check-listing.mjs   (writes dist/endpointslices.vsix)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const problems = [];
const need = (ok, what) => ok || problems.push(what);
const text = (value) => typeof value === 'string' && value.trim() !== '';
const https = (value) => text(value) && value.startsWith('https://');

// What the Marketplace and Open VSX show on the extension's page, and link from it.
for (const field of [
  'name',
  'displayName',
  'description',
  'publisher',
  'version',
  'license',
  'main',
  'browser',
]) {
  need(text(manifest[field]), `package.json: "${field}" is missing`);
}
need(https(manifest.repository?.url), 'package.json: "repository.url" is missing or not https');
need(https(manifest.bugs?.url), 'package.json: "bugs.url" is missing or not https');
need(https(manifest.homepage), 'package.json: "homepage" is missing or not https');
need(https(manifest.qna) || manifest.qna === 'marketplace', 'package.json: "qna" is missing');
need(
  /^#[0-9a-f]{6}$/i.test(manifest.galleryBanner?.color ?? ''),
  'package.json: "galleryBanner.color" is missing',
);
need(
  ['dark', 'light'].includes(manifest.galleryBanner?.theme),
  'package.json: "galleryBanner.theme" is missing',
);
need(
  Array.isArray(manifest.categories) && manifest.categories.length >= 2,
  'package.json: fewer than two "categories"',
);
// The Marketplace takes at most 30 keywords.
const keywords = manifest.keywords ?? [];
need(keywords.length >= 5 && keywords.length <= 30, `package.json: ${keywords.length} "keywords" (5 to 30)`);

// The icon: a PNG of exactly 128×128 (the IHDR chunk follows the 8-byte signature).
if (!text(manifest.icon) || !existsSync(manifest.icon)) {
  problems.push(`package.json: "icon" ${manifest.icon ?? ''} is missing`);
} else {
  const png = readFileSync(manifest.icon);
  const signature = png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const [width, height] = signature ? [png.readUInt32BE(16), png.readUInt32BE(20)] : [0, 0];
  need(
    signature && width === 128 && height === 128,
    `${manifest.icon}: not a 128×128 PNG (${width}×${height})`,
  );
}

// The CHANGELOG tab: a section for the version being published.
const changelog = existsSync('CHANGELOG.md') ? readFileSync('CHANGELOG.md', 'utf8') : '';
const escaped = manifest.version.replace(/\./g, '\\.');
need(
  new RegExp(`^## ${escaped}\\b`, 'm').test(changelog),
  `CHANGELOG.md: no "## ${manifest.version}" section`,
);

// vsce itself: any warning (or a question it would ask, which fails without a terminal) is a problem.
const packaged = spawnSync('npm', ['run', '-s', 'package'], { encoding: 'utf8', stdin: 'ignore' });
const output = `${packaged.stdout}${packaged.stderr}`;
need(packaged.status === 0, `vsce package failed (exit ${packaged.status}):\n${output}`);
for (const line of output.split('\n').filter((l) => /WARNING|\[y\/N\]/i.test(l))) {
  problems.push(`vsce: ${line.trim()}`);
}

// The listing's README as packaged: every picture and link absolute.
if (packaged.status === 0) {
  const readme = spawnSync('unzip', ['-p', 'dist/endpointslices.vsix', 'extension/readme.md'], {
    encoding: 'utf8',
  });
  need(readme.status === 0 && readme.stdout.length > 0, 'the package has no extension/readme.md');
  for (const [, target] of readme.stdout.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)) {
    need(
      /^(https:|#|mailto:)/.test(target),
      `readme.md: "${target}" is relative; it breaks on the Marketplace`,
    );
  }
  for (const [, target] of readme.stdout.matchAll(/<img[^>]+src="([^"]+)"/g)) {
    need(target.startsWith('https:'), `readme.md: <img src="${target}"> is not https`);
  }
}

if (problems.length > 0) {
  console.error(`check-listing: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `check-listing: ok (${manifest.publisher}.${manifest.name} ${manifest.version}, icon, links, changelog, no vsce warnings)`,
);
