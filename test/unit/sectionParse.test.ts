import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SectionedYamlParser } from '../../server/src/service/yaml/sectionParse';
import { assertSame, composedCount, fixtureDocuments, randomEdits } from '../helpers/sectionDump';

type Props = Record<string, unknown>;

/** The sectioned parser against parseChunk: see test/helpers/sectionDump.ts for the strict dump. */

function largeSlice(endpoints: number): string {
  const items = Array.from(
    { length: endpoints },
    (_, i) =>
      `  - addresses:\n      - "10.0.${i >> 8}.${i & 255}"\n    conditions:\n      ready: true\n` +
      `    nodeName: node-${i}\n    zone: zone-${i % 3}\n`,
  );
  return (
    'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-abc\n' +
    '  namespace: default\n  annotations:\n    example.com/owner: "team-a"\n    example.com/note: hello\n' +
    `  labels:\n    kubernetes.io/service-name: web\naddressType: IPv4\nendpoints:\n${items.join('')}` +
    'ports:\n  - name: http\n    port: 8080\n    protocol: TCP\n'
  );
}

/** One endpoint as a real EndpointSlice has it, with its `-` at `indent`. */
describe('SectionedYamlParser', () => {
  it('matches parseChunk on every fixture document', () => {
    const parser = new SectionedYamlParser();
    assert.ok(fixtureDocuments.length > 100);
    const composed = composedCount(parser, fixtureDocuments);
    // Most fixtures are plain manifests: if they all fell back, the test would prove nothing.
    assert.ok(composed > fixtureDocuments.length / 2, `only ${composed} composed`);
  });

  it('matches parseChunk over a seeded sequence of random single-character edits', () => {
    const manifests = fixtureDocuments.filter((t) => t.length > 200 && t.length < 6000);
    const parser = new SectionedYamlParser({ capacity: 64 });
    const composed = composedCount(parser, [...randomEdits(20240611, manifests, 6000)]);
    assert.ok(composed > 1500, `only ${composed} of 6000 edits composed`);
    assert.ok(parser.stats.sectionHits > parser.stats.sectionMisses);
  });

  it('matches parseChunk on edge cases', () => {
    const parser = new SectionedYamlParser();
    const cases = [
      '',
      '\n',
      '# only a comment\n',
      '# one\n\n# two',
      'a: 1',
      'a: 1\n',
      '---\na: 1\nb: 2\n',
      '--- # start\na: 1\nb: 2\n',
      '# head\n\n---\n# before a\na: 1\nb: 2\n',
      '# head\na: 1\nb: 2\n',
      '# head\n\na: 1\nb: 2\n',
      'a: 1\r\nb:\r\n  c: 2\r\n# between\r\n\r\nd: 3\r\n',
      'a:\n  x: 1\n\n# c\n\nb: 2\n# trailing\n',
      'a:\n  x: 1\n  # inner\nb: 2\n',
      'a:\n  - 1\n  # inner\n# outer\nb: 1\n',
      'a:\n- 1\n- 2\n# c\nb: 2\n',
      'a:\n\n# c\nb: 1',
      'a:\nb: 1\n',
      'a:   \r\nb: 1\n',
      'a: # x\nb: 1\n',
      'a:\n  # x\nb: 1\n',
      'a:\n\nb: 1\n',
      'a: # on a\n# c\nb: 1\n',
      'a: 1 # after\n\n\n   # indented\n\n# col0\nb: 2\n',
      'a: |\n  text\n\n  more\n\nb: >-\n  folded\n  lines\n\n\nc: |+\n  keep\n\n',
      'a: "multi\n  line"\nb: \'single\n  quoted\'\nc: plain\n  continued\nd: 1\n',
      'a: [1,\n  2]\nb: {x: 1,\n  y: 2}\n',
      'a: "unterminated\nb: 2\n',
      'a: [1,\nb: 2]\n',
      'a: foo\nbar\nc: 1\n',
      'a: &x 1\nb: *x\n',
      'a: &x {k: 1}\nb:\n  <<: *x\n',
      '%YAML 1.1\n---\na: 1\n',
      'a: 1\n...\n',
      'a: 1\n---\nb: 2\n',
      '\ta: 1\nb: 2\n',
      'a: 1\n\tb: 2\n',
      '? a\n: 1\n',
      '- a\n- b\n',
      '  a: 1\n  b: 2\n',
      'a: 1\na: 2\n',
      'a: 2001-12-14\nb: 0x1F\nc: 1.50\nd: yes\ne: 010\nf: ~\ng: !!str 5\n',
      '"quoted key": 1\n\'single\': 2\n-dash: 3\n.dot: 4\n',
      'a: 1\nb: 2\nc: 3',
      'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
      'a: 1\n   \nb: 2\n',
      'a: 1\n#\nb: 2\n',
    ];
    for (const text of cases) assertSame(parser, text);
    for (const text of cases) assertSame(parser, text);
  });

  it('falls back where equivalence is uncertain', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: "open\nb: 2\n',
      '%YAML 1.1\n---\na: 1\n',
      'a: 1\n---\nb: 2\n',
    ]) {
      const parser = new SectionedYamlParser();
      parser.parse(text);
      assert.equal(parser.stats.fallbacks, 1, JSON.stringify(text));
    }
  });

  it('re-parses only the edited section of a large EndpointSlice', () => {
    const parser = new SectionedYamlParser();
    const text = largeSlice(300);
    assertSame(parser, text);
    assert.equal(parser.stats.fallbacks, 0);
    const misses = parser.stats.sectionMisses;
    const edited = text.replace('team-a', 'team-b');
    assert.notEqual(edited, text);
    assertSame(parser, edited);
    assert.equal(parser.stats.sectionMisses, misses + 1);
    assert.equal(parser.stats.fallbacks, 0);
  });

  it('returns results that share no nodes with the cache or with each other', () => {
    const parser = new SectionedYamlParser();
    const text = 'a: 1\nb:\n  c: [x, y]\n  d: 2001-12-14\ne: z\n';
    const first = parser.parse(text);
    const root = first.doc.contents as unknown as {
      items: { key: Props; value: Props & { items: unknown[] } }[];
    };
    // A timestamp is the string it was written as (go-yaml keeps it so), never a shared Date.
    assert.equal(first.doc.getIn(['b', 'd']), '2001-12-14');
    const b = root.items[1];
    assert.ok(b);
    b.value.items.pop();
    (b.key as { value: string }).value = 'changed';
    first.doc.set('e', 'mutated');
    assertSame(parser, text);
    assert.equal(parser.stats.fallbacks, 0);
  });

  it('evicts the least recently used sections beyond its capacity', () => {
    const parser = new SectionedYamlParser({ capacity: 2 });
    assertSame(parser, 'a: 1\nb: 2\nc: 3\n');
    assert.equal(parser.stats.sectionMisses, 3);
    assertSame(parser, 'b: 2\nc: 3\n');
    assert.deepEqual([parser.stats.sectionHits, parser.stats.sectionMisses], [2, 3]);
    assertSame(parser, 'a: 1\n');
    assert.equal(parser.stats.sectionMisses, 4);
  });

  it('evicts beyond its character budget', () => {
    const parser = new SectionedYamlParser({ maxChars: 12 });
    assertSame(parser, 'a: 1\nb: 2\nc: 3\n');
    assertSame(parser, 'a: 1\nb: 2\nc: 3\n');
    // Each section is 5 characters, so only the last two stay cached.
    assert.deepEqual([parser.stats.sectionHits, parser.stats.sectionMisses], [0, 6]);
    assertSame(parser, 'b: 2\nc: 3\n');
    assert.deepEqual([parser.stats.sectionHits, parser.stats.sectionMisses], [2, 6]);
  });
});
