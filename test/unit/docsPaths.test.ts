import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { describe, it } from 'node:test';

/**
 * The docs name files of the repository (`source/split.ts`, `docs/rules/README.md`, links to
 * images); when a file moves, the doc that names it must move with it. This test reads every doc
 * and fails with the list of names that point at nothing.
 */

const root = resolve(__dirname, '../../..');

/** Docs at fixed places; MARKETPLACE.md is optional. Everything under docs/ is read too. */
const fixedDocs = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'MARKETPLACE.md', 'cluster/README.md'];
const requiredDocs = new Set(['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'cluster/README.md']);

/** A short path (`lsp/convert.ts`) is found when some file under one of these ends with it. */
const shortPathRoots = ['server/src', 'client/src', 'test', 'scripts', 'cluster', 'bench'];

/** Names a doc uses for files that are not ours, each with the reason (key: `doc: path`). */
const notOurs: Readonly<Record<string, string>> = {
  'cluster/README.md: server/main.go': "etcd's main package, in etcd's repository",
};

const extensions = ['ts', 'mjs', 'cjs', 'js', 'json', 'md', 'sh', 'go', 'yaml', 'yml', 'tmpl'];
const segment = String.raw`(?:[\w.@-]+|\{[\w.,@-]+\})`;
const pathLike = String.raw`${segment}(?:/${segment})+\.(?:${extensions.join('|')})`;
/** A whole code span that is a path: `server/src/service/rules/metadata.ts`. */
const codeSpanPath = new RegExp(`^(?:\\./)?${pathLike}$`);
/** A path inside a code block, not part of a URL, an absolute path or a longer word. */
const blockPath = new RegExp(`(?<![\\w/:.~$@{}-])${pathLike}(?![\\w/])`, 'g');

interface Reference {
  doc: string;
  name: string;
  /** Links resolve against the doc's folder only; code names also against the root and short roots. */
  kind: 'link' | 'code';
}

function walk(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path);
    return [path];
  });
}

function docsToCheck(): string[] {
  const fixed = fixedDocs.filter((doc) => requiredDocs.has(doc) || existsSync(join(root, doc)));
  return [...fixed, ...walk('docs').filter((path) => path.endsWith('.md'))];
}

/** `[text](target)`, `![alt](target)`, `[text][id]` and `[id]: target` definitions. */
const inlineLink = /!?\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const referenceLink = /!?\[((?:[^\]\\]|\\.)*)\]\[([^\]]*)\]/g;
const definition = /^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm;

const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Fenced blocks and the prose between them, so each is read by its own rules. */
function splitFences(text: string): { prose: string; blocks: string[] } {
  const prose: string[] = [];
  const blocks: string[] = [];
  let fence: string[] | undefined;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) {
      if (fence) blocks.push(fence.join('\n'));
      fence = fence ? undefined : [];
      continue;
    }
    (fence ?? prose).push(line);
  }
  return { prose: prose.join('\n'), blocks };
}

/** `validation/{fieldErrors,names}.ts` stands for both files. */
function expandBraces(path: string): string[] {
  const match = /\{([^}]*)\}/.exec(path);
  if (!match) return [path];
  const [whole, inner = ''] = match;
  return inner.split(',').flatMap((choice) => expandBraces(path.replace(whole, choice)));
}

function linksIn(doc: string, prose: string): { references: Reference[]; rest: string } {
  const definitions = new Map<string, string>();
  const references: Reference[] = [];
  const link = (target: string): void => {
    const name = decodeURI(target.replace(/[#?].*$/, ''));
    if (name && !isExternal(target)) references.push({ doc, name, kind: 'link' });
  };
  let rest = prose.replace(definition, (_whole, id: string, target: string) => {
    definitions.set(id.toLowerCase(), target);
    link(target);
    return '';
  });
  // A link to another site names a file there: its text is not checked against this repository.
  rest = rest.replace(inlineLink, (_whole, text: string, target: string) => {
    link(target);
    return isExternal(target) ? '' : text;
  });
  rest = rest.replace(referenceLink, (_whole, text: string, id: string) => {
    const target = definitions.get((id || text).toLowerCase()) ?? '';
    return isExternal(target) ? '' : text;
  });
  return { references, rest };
}

/** Code spans are set aside before links are read: `[a-z]([-a-z]*)` in a regex is no link. */
function maskCodeSpans(prose: string): { masked: string; spans: string[] } {
  const spans: string[] = [];
  const masked = prose.replace(/(`+)([^`]+?)\1/g, (_whole, _ticks: string, inner: string) => {
    spans.push(inner.trim());
    return `\uE000${spans.length - 1}\uE000`;
  });
  return { masked, spans };
}

function referencesIn(doc: string, text: string): Reference[] {
  const { prose, blocks } = splitFences(text);
  const { masked, spans: allSpans } = maskCodeSpans(prose);
  const { references, rest } = linksIn(doc, masked);
  // The spans left are those not inside the text of a link to another site.
  const spans = [...rest.matchAll(/\uE000(\d+)\uE000/g)].map((m) => allSpans[Number(m[1])] ?? '');
  const inBlocks = blocks.flatMap((block) => [...block.matchAll(blockPath)].map((m) => m[0]));
  const names = [...spans.filter((span) => codeSpanPath.test(span)), ...inBlocks];
  for (const name of names.flatMap(expandBraces)) references.push({ doc, name, kind: 'code' });
  return references;
}

/** Compiled tests are named by their output (`out/test/x.test.js`); their source must exist. */
function sourceOf(name: string): string {
  const built = /^out\/(.*)\.js$/.exec(name);
  return built ? `${built[1]}.ts` : name.replace(/^\.\//, '');
}

function exists(reference: Reference, files: readonly string[]): boolean {
  const name = sourceOf(reference.name);
  if (reference.kind === 'link') return existsSync(resolve(root, dirname(reference.doc), name));
  if (existsSync(join(root, name)) || existsSync(join(root, dirname(reference.doc), name))) return true;
  // The bundles in dist/ are built, not committed; their sources are named elsewhere.
  if (name.startsWith('dist/')) return true;
  return files.some((file) => file.endsWith(`/${name}`));
}

function repositoryFiles(): string[] {
  return shortPathRoots.flatMap((dir) => walk(dir));
}

function missingReferences(): string[] {
  const files = repositoryFiles();
  return docsToCheck().flatMap((doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    return referencesIn(doc, text)
      .filter((reference) => !(`${doc}: ${reference.name}` in notOurs))
      .filter((reference) => !exists(reference, files))
      .map((reference) => `${doc}: ${reference.name}`);
  });
}

describe('the docs name files that exist', () => {
  it('every backticked path, code-block path and relative link of the docs points at a file', () => {
    assert.deepEqual(missingReferences(), []);
  });

  it('docs/rules names the engine files that implement each rule', () => {
    const rules = docsToCheck().filter((doc) => doc.startsWith('docs/rules'));
    assert.ok(rules.length > 0, 'docs/rules is missing');
    const named = rules.flatMap((doc) => referencesIn(doc, readFileSync(join(root, doc), 'utf8')));
    const engineFiles = named.filter((reference) =>
      /(^|\/)(rules|validation|k8s)\/\w+\.ts$/.test(reference.name),
    );
    assert.ok(engineFiles.length >= 10, `docs/rules names only ${engineFiles.length} engine files`);
  });

  it('reports names that point at nothing and leaves names in links to other sites alone', () => {
    const references = referencesIn(
      'docs/example.md',
      [
        'See `server/src/service/rules/gone.ts`, `source/split.ts` and [the guide](../CONTRIBUTING.md).',
        '[upstream](https://github.com/kubernetes/kubernetes) and [`pkg/x/y.go`](https://example.com/y.go)',
        '```',
        'source/split.ts ─► validation/{fieldErrors,nowhere}.ts   https://example.com/a/b.ts',
        '```',
      ].join('\n'),
    );
    const files = repositoryFiles();
    const missing = references.filter((r) => !exists(r, files)).map((r) => r.name);
    assert.deepEqual(missing.sort(), ['server/src/service/rules/gone.ts', 'validation/nowhere.ts']);
    assert.equal(references.length, 6);
  });
});
