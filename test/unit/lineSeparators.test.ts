import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import { parseChunk } from '../../server/src/service/yaml/yamlDocument';
import { splitFile } from '../../server/src/service/source/fileChunks';

/**
 * LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) and the Unicode spaces of a `---` line,
 * as kubectl reads them. Every expectation is what apimachinery's YAMLOrJSONDecoder (v0.37.2, the
 * decoder kubectl's builder uses) printed for the same text: go-yaml v2 breaks lines at LS and PS
 * everywhere, drops the blanks around them as around any line break, but keeps them as
 * themselves in scalar values instead of folding them into a space.
 */
const LS = '\u2028';
const PS = '\u2029';
const service = createLanguageService();
const head = 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n';
const labeled = `${head}metadata:\n  name: x\n  labels:\n`;

/** The documents as go-yaml reads them: their JSON, or ERROR. */
function read(text: string): string[] {
  return splitFile(text).flatMap((chunk) => {
    const parsed = parseChunk(chunk.text, chunk.format);
    if (parsed.doc.errors.length > 0) return ['ERROR'];
    const value: unknown = parsed.doc.toJS();
    return value === null || value === undefined ? [] : [JSON.stringify(value)];
  });
}

function labels(text: string): unknown {
  const [first] = read(text);
  assert.ok(first && first !== 'ERROR', `read as ${String(first)}`);
  return (JSON.parse(first) as { metadata: { labels: unknown } }).metadata.labels;
}

function findings(text: string): string[] {
  return service
    .validate(text, { ...defaultSettings, advisories: false })
    .diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
}

for (const [name, separator] of [
  ['LS', LS],
  ['PS', PS],
] as const) {
  describe(`${name} (U+${separator.charCodeAt(0).toString(16).toUpperCase()}) in a document`, () => {
    const cases: [what: string, body: string, expected: unknown][] = [
      ['in a double-quoted scalar', `    a: "x${separator}y"\n`, { a: `x${separator}y` }],
      ['in a single-quoted scalar', `    a: 'x${separator}y'\n`, { a: `x${separator}y` }],
      ['with blanks around it, dropped', `    a: "x ${separator}      y"\n`, { a: `x${separator}y` }],
      ['before a LF, both kept', `    a: "x${separator}\n      y"\n`, { a: `x${separator}\ny` }],
      ['escaped, joining with nothing', `    a: "x\\${separator}y"\n`, { a: 'xy' }],
      ['in a plain scalar that goes on', `    a: x${separator}      y\n`, { a: `x${separator}y` }],
      ['at the end of a plain scalar', `    a: x${separator}\n`, { a: 'x' }],
      ['in a literal block', `    b: |\n      x${separator}      y\n`, { b: `x${separator}y\n` }],
      ['in a folded block, not folded', `    b: >\n      x${separator}      y\n`, { b: `x${separator}y\n` }],
      [
        'before a LF in a literal block',
        `    b: |\n      x${separator}\n      y\n`,
        { b: `x${separator}\ny\n` },
      ],
      ['ending a block header', `    b: |${separator}      x\n`, { b: 'x\n' }],
    ];
    for (const [what, body, expected] of cases) {
      it(what, () => assert.deepEqual(labels(labeled + body), expected));
    }

    it('separates the keys of a flow map', () => {
      assert.deepEqual(labels(`${head}metadata:\n  name: x\n  labels: {a: b,${separator} c: d}\n`), {
        a: 'b',
        c: 'd',
      });
    });

    it('separates the items of a flow sequence', () => {
      const text = `${head}metadata:\n  name: x\naddressType: IPv4\nendpoints:\n- addresses: ["1.2.3.4",${separator}"1.2.3.5"]\n`;
      assert.deepEqual(findings(text), []);
    });

    it('ends a comment', () => {
      assert.deepEqual(findings(`${head}metadata: # c${separator}  name: Bad_Name\naddressType: IPv4\n`), [
        '3:23 metadata-name-invalid',
      ]);
    });

    it('separates two keys, with positions on the lines editors count', () => {
      assert.deepEqual(
        findings(`${head}addressType: IPv4\nmetadata:\n  name: x${separator}  namespace: Bad_NS\n`),
        ['5:24 namespace-not-found'],
      );
    });

    it('ends a literal block when the next text is less indented', () => {
      assert.deepEqual(read(`${labeled}    b: |\n      x${separator}y\n`), ['ERROR']);
    });

    it('ends the document at a `---` after it (kubectl decodes the first document only)', () => {
      assert.deepEqual(read(`${head}metadata:\n  name: x\n${separator}---${separator}kind: [\n`), [
        '{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"x"}}',
      ]);
    });

    it('ends the document at a `...` after it', () => {
      assert.deepEqual(read(`${head}metadata:\n  name: x\n${separator}...${separator}kind: Foo\n`), [
        '{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"x"}}',
      ]);
    });
  });
}

describe('a `---` line as kubectl reads it', () => {
  const next = 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: y\n';
  const first = `${head}metadata:\n  name: x\n`;
  const both = [
    '{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"x"}}',
    '{"apiVersion":"v1","kind":"Foo","metadata":{"name":true}}',
  ];

  for (const [what, space] of [
    ['U+00A0', '\u00a0'],
    ['U+3000', '\u3000'],
    ['LS', LS],
    ['NEL', '\u0085'],
    ['a vertical tab', '\v'],
  ] as const) {
    it(`separates documents when followed by ${what} (Go's TrimSpace)`, () => {
      assert.deepEqual(read(`${first}---${space}\n${next}`), both);
      assert.deepEqual(read(`${first}---${space}# c\n${next}`), both);
    });
  }

  it('is dropped between documents, so a control character in its comment does not count', () => {
    assert.deepEqual(read(`${first}--- # \x7f\n${next}`), both);
  });

  it('is an invalid separator when followed by a byte order mark, which Go does not trim', () => {
    assert.deepEqual(
      findings(`${first}---\ufeff\n${next}`).map((f) => f.split(' ')[1]),
      ['yaml-syntax'],
    );
  });

  it('after a lone CR, starts a second document that kubectl never reads', () => {
    assert.deepEqual(read(`${head}metadata:\n  name: x\r---\rkind: [\n`), [
      '{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"x"}}',
    ]);
  });
});
