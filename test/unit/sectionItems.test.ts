import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SectionedYamlParser } from '../../server/src/service/yaml/sectionParse';
import { assertSame, composedCount, random } from '../helpers/sectionDump';

interface SliceStyle {
  /** The indentation of the endpoints' `-` (the API server writes none, kubectl users often two). */
  indent: string;
  crlf?: boolean;
  /** Comments, blank lines and unusual items between and inside the endpoints. */
  decorate?: boolean;
}

/** Sections cut into their sequence items (an EndpointSlice's endpoints), against parseChunk. */

function endpoint(i: number, indent: string): string {
  const c = `${indent}  `;
  return (
    `${indent}- addresses:\n${c}- 10.${i % 250}.${i >> 8}.${i & 255}\n${c}conditions:\n${c}  ready: true\n` +
    `${c}  serving: ${i % 2 === 0}\n${c}  terminating: false\n${c}nodeName: node-${i % 40}\n` +
    `${c}zone: europe-west1-${'bcd'[i % 3]}\n${c}targetRef:\n${c}  kind: Pod\n${c}  namespace: identity\n` +
    `${c}  name: gateway-${i}\n${c}  uid: 733eacb3-957b-4428-aec0-${String(i).padStart(12, '0')}\n` +
    `${c}hints:\n${c}  forZones:\n${c}  - name: europe-west1-${'bcd'[i % 3]}\n`
  );
}

/** What the decorated style puts before endpoint `i` (never before the first) and after it. */
function decoration(i: number, indent: string): [string, string] {
  const c = `${indent}  `;
  const before =
    ['', `# endpoint ${i}\n`, '\n', `${indent}# indented ${i}\n\n`, `\n# a\n\n# b\n`][i % 5] ?? '';
  // An item ending in an empty value is cut only where nothing but a line break follows it.
  const after =
    i % 5 === 4
      ? `${c}hostname:\n`
      : [
          '',
          `${c}# inside ${i}\n${c}hostname: h\n`,
          `${c}note: |\n${c}  text ${i}\n\n`,
          `${c}tags: [a, b] # flow\n`,
          `${c}ports: {a: 1,\n${c}  b: 2}\n`,
        ][i % 5];
  return [i === 0 ? '' : before, after ?? ''];
}

/** An EndpointSlice shaped like the API server's, with `count` endpoints in the given style. */
function slice(count: number, style: SliceStyle): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const [before, after] = style.decorate ? decoration(i, style.indent) : ['', ''];
    items.push(before + endpoint(i, style.indent) + after);
  }
  if (style.decorate) {
    items.push(`${style.indent}- just a scalar\n${style.indent}- [1, 2]\n${style.indent}- - nested\n`);
  }
  const text =
    'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: gateway-kr6wz\n' +
    '  namespace: identity\n  labels:\n    kubernetes.io/service-name: gateway\naddressType: IPv4\n' +
    `endpoints:\n${items.join('')}ports:\n${style.indent}- name: http\n${style.indent}  port: 8080\n` +
    `${style.indent}- name: metrics\n${style.indent}  port: 9090\n`;
  return style.crlf ? text.replace(/\n/g, '\r\n') : text;
}

const sliceStyles: SliceStyle[] = [
  { indent: '' },
  { indent: '  ' },
  { indent: '', decorate: true },
  { indent: '  ', decorate: true },
  { indent: '    ', decorate: true, crlf: true },
  { indent: '', crlf: true },
];

/** Edits that land where the sequence pieces are: `-`, indentation, line breaks, comments. */
const itemEditChars = 'aaz09   ::--#\n\n"[';

function* itemEdits(seed: number, documents: string[], count: number): Generator<string> {
  const next = random(seed);
  let text = '';
  for (let i = 0; i < count; i++) {
    if (i % 5 === 0) text = documents[Math.floor(next() * documents.length)] ?? '';
    // Nine edits in ten go after `endpoints:`, inside the items.
    const from = next() < 0.9 ? text.indexOf('endpoints:') : 0;
    const at = from + Math.floor(next() * (text.length - from + 1));
    if (next() < 0.4 && text.length > 0) text = text.slice(0, at) + text.slice(at + 1);
    else {
      text =
        text.slice(0, at) + (itemEditChars[Math.floor(next() * itemEditChars.length)] ?? '') + text.slice(at);
    }
    yield text;
  }
}

describe('SectionedYamlParser, by sequence items', () => {
  it('matches parseChunk on EndpointSlices cut into their endpoints', () => {
    const parser = new SectionedYamlParser();
    for (const style of sliceStyles) {
      const text = slice(30, style);
      const splits = parser.stats.splits;
      assertSame(parser, text);
      assert.equal(parser.stats.fallbacks, 0, JSON.stringify(style));
      // Both `endpoints` and `ports` are cut into items.
      assert.equal(parser.stats.splits, splits + 2, JSON.stringify(style));
    }
  });

  it('matches parseChunk over seeded random edits inside the endpoints of slices', () => {
    const documents = sliceStyles.map((style) => slice(4, style));
    const parser = new SectionedYamlParser({ capacity: 256 });
    const edits = [...itemEdits(20240612, documents, 1000)];
    const composed = composedCount(parser, edits);
    // Most edits that do not compose leave the document with errors, which parseChunk must report.
    assert.ok(composed > 300, `only ${composed} of ${edits.length} edits composed`);
    assert.ok(parser.stats.splits > 550, `only ${parser.stats.splits} sections cut into items`);
    assert.ok(parser.stats.sectionHits > 5 * parser.stats.sectionMisses);
  });

  it('matches parseChunk on sequence edge cases', () => {
    const parser = new SectionedYamlParser();
    const cases = [
      'a:\n- 1\n- 2\nb: 2\n',
      'a:\n  - 1\n  - 2\nb: 2\n',
      'a:\n- x: 1\n\n- y: 2\n',
      'a:\n- x: 1\n# c\n- y: 2\n',
      'a:\n  - x: 1\n  # c\n\n  - y: 2\n',
      'a:\n  - x: 1\n# c\n  - y: 2\n',
      'a:\n  - x: 1\n    # inner\n  - y: 2\n',
      'a:\n  - x: 1\n      # deeper\n\n  # c\n  - y: 2\n',
      'a:\n- x\n  # after a scalar\n- y\n',
      'a:\n- x # on the line\n- y\n',
      'a:\n- x:\n- y:\n',
      'a:\n  - x:\n  - y:\n',
      'a:\n  - x: # c\n  - y: 1\n',
      'a:\n- x: # c\n- y: 1\n',
      'a:\n- x:\n\n- y: 1\n',
      'a:\n  - x:\n\n  - y: 1\n',
      'a:\n  - x:   \n  - y: 1\n',
      'a:\n- \n- y\n',
      'a:\n-\n- y\n-\n',
      'a:\n- # c\n  x: 1\n- y\n',
      'a:\n- x\n# c\n-\n  y: 1\n',
      'a:\n# c\n- x\n- y\n',
      'a: # c\n  - x\n  - y\n',
      'a:\n\n  - x\n\n  - y\n\n\nb: 1\n',
      'a:\n- [1,\n  2]\n- {k: v}\n- "q\n  r"\n- \'s\'\n',
      'a:\n- - 1\n  - 2\n- - 3\n',
      'a:\n- |\n  text\n\n- >\n  folded\n\n\n- |+\n  keep\n\n',
      'a:\n- 2001-12-14\n- 0x1F\n- yes\n- ~\n- !!str 5\n- 010\n',
      'a:\n- ? x\n  : y\n- z\n',
      'a: !!seq\n- x\n- y\n',
      'a: !!omap\n- x: 1\n- y: 2\n',
      'a: !!set\n- x\n- y\n',
      'a: !!pairs\n- x: 1\n- y: 2\n',
      'a:\n- x\n- y',
      'a:\r\n- x: 1\r\n\r\n# c\r\n- y: 2\r\n',
      'a:\r\n  - x:\r\n  - y: 1\r\n  # end\r\nb: 2\r\n',
      'a:\n  - x\n - y\n',
      'a:\n  - x\n    - y\n',
      'a:\n  - "x\n  - y"\n',
      "a:\n  - 'x\n  - y'\n",
      'a:\n  - [x,\n  - y]\n',
      'a:\n  - x\n  y\n',
      'a:\n- x\n- y\n# end\n',
      'a:\n  - x\n  - y\n  # end\n',
      'a:\n  - x\n  - y\n  # end\nb: 1\n',
      'a:\n  - x\n  - y\n    # deeper\nb: 1\n',
      'a:\n  - x\n  - y\n# col0\nb: 1\n',
      'a:\n- x\n-\tz\n',
      'a:\n- x: 1\n  y: 2\n- x: 3\nb:\n- 1\n- 2\n',
      'a:\n- x\n- y\nb:\n',
      'a:\n- x\n- y:\n',
      'a:\n- x\n- y: # c\n\n# d\nb: 1\n',
      'a:\n  - x: 1\n    y:\n  - z\n',
      'a:\n  - x: 1\n    y:\n\n  - z\n',
      'a:\n- x: &y 1\n- z: *y\n',
      'a:\n- &x 1\n- *x\n',
      '# head\na:\n- 1\n- 2\n',
      'a:\n- 1\n- 2\n---\nb: 1\n',
    ];
    for (const text of cases) assertSame(parser, text);
    for (const text of cases) assertSame(parser, text);
    assert.ok(parser.stats.splits > cases.length / 2, `only ${parser.stats.splits} cut`);
  });

  it('falls back on anchors and aliases inside sequence items', () => {
    for (const text of ['a:\n- x: &y 1\n- z: *y\n', 'a:\n  - &x 1\n  - *x\n']) {
      const parser = new SectionedYamlParser();
      assertSame(parser, text);
      assert.equal(parser.stats.fallbacks, 1, JSON.stringify(text));
    }
  });

  it('re-parses only the edited endpoint of a 1000-endpoint slice', () => {
    const parser = new SectionedYamlParser();
    const text = slice(1000, { indent: '' });
    parser.parse(text);
    const [hits, misses] = [parser.stats.sectionHits, parser.stats.sectionMisses];
    let at = -1;
    for (let i = 0; i <= 500; i++) at = text.indexOf('\n- addresses:', at + 1);
    at = text.indexOf('nodeName: node-', at) + 'nodeName: node-'.length;
    const edited = `${text.slice(0, at)}7${text.slice(at)}`;
    assertSame(parser, edited);
    assert.equal(parser.stats.sectionMisses, misses + 1);
    assert.equal(parser.stats.fallbacks, 0);
    // Every other piece (1000 endpoints, 2 ports and 5 sections less the edited one) was cached.
    assert.equal(parser.stats.sectionHits, hits + 1000 + 2 + 5 - 2);
  });

  it('parses a section whole when it has more items than half its capacity', () => {
    const parser = new SectionedYamlParser({ capacity: 16 });
    assertSame(parser, slice(10, { indent: '  ' }));
    // Only `ports`, with two items, is cut.
    assert.equal(parser.stats.splits, 1);
    assert.equal(parser.stats.fallbacks, 0);
  });

  it('stays equivalent when its character budget holds less than one document', () => {
    const parser = new SectionedYamlParser({ maxChars: 2000 });
    const text = slice(20, { indent: '', decorate: true });
    assertSame(parser, text);
    assertSame(parser, text.replace('node-7', 'node-8'));
    assert.equal(parser.stats.fallbacks, 0);
  });
});
