import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { splitDocuments } from '../../server/src/service/source/split';
import { parseChunk } from '../../server/src/service/yaml/yamlDocument';
import { dump, fixtureDocuments, randomEdits } from '../helpers/sectionDump';
import { hostileCategories, hostileInput } from '../helpers/hostileManifests';
import { plainManifest } from '../helpers/plainManifests';

/**
 * The plain reader (yaml/plainParse.ts) against the full parse: wherever it reads a document,
 * the strict dump of test/helpers/sectionDump.ts (every node's class, range and own properties,
 * comments, errors, line starts and the JavaScript value) must be the same. Each test also
 * counts the documents the plain reader took, so that it cannot silently step aside for all.
 */

function assertSame(text: string): boolean {
  const parsed = parseChunk(text);
  if (parsed.plain) {
    assert.deepEqual(dump(parsed), dump(parseChunk(text, 'yaml', { fullParse: true })), JSON.stringify(text));
  }
  return parsed.plain === true;
}

function countPlain(texts: Iterable<string>): { plain: number; total: number } {
  let plain = 0;
  let total = 0;
  for (const text of texts) {
    total++;
    if (assertSame(text)) plain++;
  }
  return { plain, total };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

const root = join(__dirname, '../../..');
const repositoryDocuments = ['test', 'samples']
  .flatMap((dir) => yamlFiles(join(root, dir)))
  .flatMap((file) => splitDocuments(readFileSync(file, 'utf8')).map((chunk) => chunk.text));

describe('plain reader', () => {
  it('matches the full parse on every YAML document under test/ and samples/', () => {
    const { plain, total } = countPlain(repositoryDocuments);
    assert.ok(total > 200, `only ${total} documents`);
    // Many fixtures put comments where only the full parse reads them (indented, after a blank
    // line); the plain ones must still take the fast path.
    assert.ok(plain >= 50, `only ${plain} of ${total} read plain`);
  });

  it('reads every generated plain manifest, as the full parse does', () => {
    const texts = Array.from({ length: 3000 }, (_, n) => plainManifest(20261205, n));
    const { plain, total } = countPlain(texts);
    const missed = texts.filter((text) => !parseChunk(text).plain).slice(0, 3);
    assert.equal(plain, total, `not read plain: ${JSON.stringify(missed)}`);
  });

  it('matches the full parse over seeded random edits of the fixtures', () => {
    const manifests = fixtureDocuments.filter((t) => t.length > 100 && t.length < 6000);
    const { plain } = countPlain(randomEdits(20261205, manifests, 6000));
    assert.ok(plain > 50, `only ${plain} of 6000 edits read plain`);
  });

  it('matches the full parse over seeded random edits of plain manifests', () => {
    const manifests = Array.from({ length: 200 }, (_, n) => plainManifest(7, n));
    const { plain } = countPlain(randomEdits(99, manifests, 6000));
    assert.ok(plain > 700, `only ${plain} of 6000 edits read plain`);
  });

  it('matches the full parse on the hostile generator’s inputs', () => {
    for (const category of hostileCategories) {
      countPlain(Array.from({ length: 100 }, (_, n) => hostileInput(category, n, 42).text));
    }
  });

  it('reads these plain documents', () => {
    const cases = [
      'a: 1',
      'a: 1\n',
      'a: 1\n\n\n',
      '---\na: 1\nb: [] \nc: {}\n',
      'a:\n  b: x  \n  d:\ne:\n- p\n-   q: 1\n    r: "s"\nf: 2\n',
      'c:\n-\n- x\n-\n  y: 1\n-  \n- z\n',
      '- a\n- b: 1\n  c: 2\n-\n  - d\n',
      "a: 'it''s'\nb: \"x: y\"\nc: yes\nd: 010\ne: 1:20\nf: 2001-12-14\ng: .5\nh: ~\n",
      'a: .inf\n',
      // What fails kubectl's conversion: the reader marks the document for the conversion's walk.
      'null: 1\n~: x\n',
      'a: [.nan, 1]\nb:\n  .inf: 1\n',
      '- Null: 1\n- -.Inf\n',
      '# head\n#\na: 1 # after\nb: "q"   #  w  \n# before c\nc:\n- x # i\n- y#z\nd: a#b\n',
      'a: [x, "y" ,  z ]  \nb: [1]\nc: [ ]\nd: [on, 0x1F]\n',
      "- ['it''s', -x]\n- []\n",
      'a: 9223372036854775808\n',
    ];
    for (const text of cases) assert.ok(assertSame(text), JSON.stringify(text));
  });

  it('leaves to the full parse what it does not read', () => {
    const cases = [
      '',
      'a:\n# after an empty value\nb: 1\n',
      'a:\n  # indented\n  b: 1\n',
      '  # indented\na: 1\n',
      '---\n# after the marker\na: 1\n',
      'a: 1\n# at the end\n',
      'a: [x] # after a flow sequence\n',
      '- a\n# before an item\n- b\n',
      'a: "x"# glued\n',
      'a: 1\n\nb: 2\n',
      'a:\n\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '<<: {}\n',
      'a: |\n  text\n',
      'a: >\n  text\n',
      'a: [1, [2]]\n',
      'a: [1, 2,]\n',
      'a: [1,, 2]\n',
      'a: [a: 1]\n',
      'a: [1,\n  2]\n',
      'a: {b: 1}\n',
      'a: "multi\n  line"\n',
      'a: plain\n  continued\n',
      'a: "esc\\"aped"\n',
      '"key": 1\n',
      'a: 1\r\nb: 2\r\n',
      'a:\n\tb: 1\n',
      '  a: 1\n',
      'a: b: c\n',
      'a: 1\n- b\n',
      'a:\n    b: 1\n  c: 2\n',
      '- - a\n',
      'a: 1\n...\n',
      '%YAML 1.1\n---\na: 1\n',
      '? a\n: 1\n',
      'a : 1\n',
      'scalar\n',
      Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n',
    ];
    for (const text of cases) assert.equal(assertSame(text), false, JSON.stringify(text));
  });
});
