import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isMap, isScalar } from 'yaml';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import { goResolve } from '../../server/src/service/yaml/goyamlScalars';
import { parseChunk } from '../../server/src/service/yaml/yamlDocument';
import { decode } from '../../server/src/service/decode/decode';
import { kindSpecs } from '../../server/src/service/k8s/schema';
import { yamlScalar } from '../../server/src/service/yamlText/scalars';

/**
 * YAML read as kubectl reads it. Every expectation below is what apimachinery's
 * `yaml.NewYAMLOrJSONDecoder` (v0.37.2, the decoder kubectl's builder uses) printed for the
 * document `v: <scalar>`: the value it sends, its exact digits for integers past 2^53, or the
 * error that stops the document.
 */
type Expected = string | number | boolean | null | { digits: string } | { error: string };

const scalars: [scalar: string, expected: Expected][] = [
  ['1:20', '1:20'],
  ['1:20:30', '1:20:30'],
  ['-1:20', '-1:20'],
  ['190:20:30.15', '190:20:30.15'],
  ['1:20.5', '1:20.5'],
  ['0o17', 15],
  ['-0o17', -15],
  ['+0o17', 15],
  ['0O17', 15],
  ['0o_17', 15],
  ['0o18', '0o18'],
  ['017', 15],
  ['-017', -15],
  ['08', 8],
  ['09', 9],
  ['0_17', 15],
  ['0x1F', 31],
  ['0X1F', 31],
  ['-0x1F', -31],
  ['+0x1F', 31],
  ['0x_1F', 31],
  ['0b101', 5],
  ['-0b101', -5],
  ['0B101', 5],
  ['0b_101', 5],
  ['0b12', '0b12'],
  ['1_000', 1000],
  ['1__0', 10],
  ['_1', '_1'],
  ['1_', 1],
  ['+12', 12],
  ['-0', 0],
  ['+0', 0],
  ['00', 0],
  ['0', 0],
  ['1e3', 1000],
  ['1E3', 1000],
  ['1e+3', 1000],
  ['1e-3', 0.001],
  ['1.0', 1],
  ['1.5', 1.5],
  ['.5', 0.5],
  ['5.', 5],
  ['-.5', -0.5],
  ['+.5', 0.5],
  ['1.', 1],
  ['1.e3', 1000],
  ['.e3', '.e3'],
  ['1_0.5', 10.5],
  ['1.0e3', 1000],
  ['0.0', 0],
  ['-0.0', 0],
  ['1e400', '1e400'],
  ['-1e400', '-1e400'],
  ['9223372036854775807', { digits: '9223372036854775807' }],
  ['9223372036854775808', { digits: '9223372036854775808' }],
  ['18446744073709551615', { digits: '18446744073709551615' }],
  ['18446744073709551616', { digits: '18446744073709552000' }],
  ['-9223372036854775808', { digits: '-9223372036854775808' }],
  ['-9223372036854775809', { digits: '-9223372036854776000' }],
  ['2147483647', 2147483647],
  ['2147483648', 2147483648],
  ['.inf', { error: 'json: unsupported value: +Inf' }],
  ['-.inf', { error: 'json: unsupported value: -Inf' }],
  ['+.inf', { error: 'json: unsupported value: +Inf' }],
  ['+.INF', { error: 'json: unsupported value: +Inf' }],
  ['-.Inf', { error: 'json: unsupported value: -Inf' }],
  ['.Inf', { error: 'json: unsupported value: +Inf' }],
  ['.INF', { error: 'json: unsupported value: +Inf' }],
  ['.nan', { error: 'json: unsupported value: NaN' }],
  ['.NaN', { error: 'json: unsupported value: NaN' }],
  ['.NAN', { error: 'json: unsupported value: NaN' }],
  ['inf', 'inf'],
  ['nan', 'nan'],
  ['y', true],
  ['Y', true],
  ['yes', true],
  ['Yes', true],
  ['YES', true],
  ['yES', 'yES'],
  ['n', false],
  ['N', false],
  ['no', false],
  ['No', false],
  ['NO', false],
  ['on', true],
  ['On', true],
  ['ON', true],
  ['off', false],
  ['Off', false],
  ['OFF', false],
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['tRUE', 'tRUE'],
  ['false', false],
  ['False', false],
  ['FALSE', false],
  ['fALSE', 'fALSE'],
  ['~', null],
  ['null', null],
  ['Null', null],
  ['NULL', null],
  ['nULL', 'nULL'],
  ['', null],
  ['2001-12-14', '2001-12-14'],
  ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
  ['2001-12-14 21:59:43.10 -5', '2001-12-14 21:59:43.10 -5'],
  ['2001-12-15T02:59:43.1Z', '2001-12-15T02:59:43.1Z'],
  ['2002-12-14', '2002-12-14'],
  ['12:30:45', '12:30:45'],
  ['0x', '0x'],
  ['0b', '0b'],
  ['0o', '0o'],
  ['+', '+'],
  ['-_1', -1],
  ['!!str 80', '80'],
  ['!!int "12"', 12],
  ['!!int 0o17', 15],
  ['!!float "1"', 1],
  ['!!bool "yes"', true],
  ['!!null ""', null],
  ['!!binary d2ViLWFiYw==', 'web-abc'],
  ['!!binary invalid***', { error: '!!binary value contains invalid base64 data' }],
  ['!foo bar', 'bar'],
  ['!!timestamp 2001-12-14', '2001-12-14'],
  ['!!str', ''],
  ['"0o17"', '0o17'],
  ["'1:20'", '1:20'],
];

function valueOf(text: string): { value: unknown; source: string; errors: string[] } {
  const chunk = parseChunk(`v: ${text}\n`);
  const root = chunk.doc.contents;
  const node = isMap(root) ? root.get('v', true) : undefined;
  const value: unknown = isScalar(node) ? node.value : node;
  const source = isScalar(node) && typeof node.source === 'string' ? node.source : '';
  return { value, source, errors: chunk.doc.errors.map((e) => e.message) };
}

describe('scalars as kubectl resolves them (go-yaml v2)', () => {
  for (const [scalar, expected] of scalars) {
    it(`${JSON.stringify(scalar)} → ${JSON.stringify(expected)}`, () => {
      const { value, source, errors } = valueOf(scalar);
      if (expected !== null && typeof expected === 'object' && 'error' in expected) {
        assert.ok(
          errors.some((e) => e.includes(expected.error)),
          `expected "${expected.error}", got ${JSON.stringify(errors)}`,
        );
        return;
      }
      assert.deepEqual(errors, []);
      if (expected !== null && typeof expected === 'object') {
        assert.equal(String(goResolve(source).value), expected.digits);
        return;
      }
      assert.equal(Object.is(value, -0) ? 0 : value, expected);
    });
  }
});

const service = createLanguageService();
const head = 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\naddressType: IPv4\nendpoints: []\n';

function findings(text: string): string[] {
  return service
    .validate(text, { ...defaultSettings, advisories: false })
    .diagnostics.map(
      (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`,
    );
}

function decoded(body: string): Record<string, unknown> {
  const chunk = parseChunk(head + body);
  assert.deepEqual(
    chunk.doc.errors.map((e) => e.message),
    [],
  );
  return decode(chunk.doc, kindSpecs.EndpointSlice).value;
}

describe('documents kubectl cannot convert to JSON', () => {
  const cases: [what: string, body: string, message: string][] = [
    ['a merge key loop', 'metadata: &m\n  name: x\n  <<: *m\n', "anchor 'm' value contains itself"],
    [
      'an alias inside its own anchor',
      'metadata:\n  name: x\n  finalizers: &f [a, *f]\n',
      "anchor 'f' value contains itself",
    ],
    ['an undefined alias', 'metadata:\n  name: *nope\n', "unknown anchor 'nope' referenced"],
    [
      'an alias before its anchor',
      'metadata:\n  name: *n\n  generateName: &n x\n',
      "unknown anchor 'n' referenced",
    ],
    ['.inf', 'metadata:\n  name: x\nports:\n  - port: .inf\n', 'json: unsupported value: +Inf'],
    ['.nan in an unknown field', 'metadata:\n  name: x\nextra: [.nan]\n', 'json: unsupported value: NaN'],
    ['a scalar merge', 'metadata:\n  name: x\n  <<: 5\n', 'map merge requires map or sequence of maps'],
    ['an empty merge', 'metadata:\n  name: x\n  <<:\n', 'map merge requires map or sequence of maps'],
    ['a null key', 'metadata:\n  name: x\n  ~: 1\n', 'a map key must be'],
    [
      'bad base64',
      'metadata:\n  name: !!binary "not base64!"\n',
      '!!binary value contains invalid base64 data',
    ],
    [
      'an explicit tag that does not fit',
      'ports:\n  - port: !!int eighty\n',
      'cannot decode !!str `eighty` as a !!int',
    ],
  ];
  for (const [what, body, message] of cases) {
    it(`${what}: a syntax error, nothing decoded`, () => {
      const found = findings(head + body);
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] ?? '', /^\d+:\d+ yaml-syntax /);
      assert.ok(found[0]?.includes(message), found[0]);
    });
  }

  it('reports a merge loop where it closes, without overflowing the stack', () => {
    const anchors = Array.from({ length: 3000 }, (_, i) => `a${i}: &a${i} {<<: *a${i - 1}, k${i}: v}`).slice(
      1,
    );
    const text = `${head}metadata:\n  name: x\nx:\n  a0: &a0 {k: v}\n${anchors.map((l) => `  ${l}`).join('\n')}\n  loop: &l {<<: [*a2999, *l]}\n`;
    const found = findings(text);
    assert.equal(found.length, 1, found.join('\n'));
    assert.ok(found[0]?.includes("anchor 'l' value contains itself"), found[0]);
  });
});

describe('merge keys as kubectl applies them', () => {
  it('a merge after a key wins over it, a key after a merge wins over the merged one', () => {
    const value = decoded(
      'metadata:\n  name: x\n  labels:\n    a: explicit\n    <<: {a: merged, b: merged}\n    b: explicit\n',
    );
    assert.deepEqual((value['metadata'] as { labels: unknown }).labels, { a: 'merged', b: 'explicit' });
  });

  it('in a merged list, the first map wins', () => {
    const value = decoded('metadata:\n  name: x\n  labels:\n    <<: [{a: first}, {a: second, b: second}]\n');
    assert.deepEqual((value['metadata'] as { labels: unknown }).labels, { a: 'first', b: 'second' });
  });

  it('a quoted "<<" is an ordinary key', () => {
    const found = findings(`${head}metadata:\n  name: x\n  "<<": {name: y}\n`);
    assert.deepEqual(
      found.map((f) => f.split(' ')[1]),
      ['unknown-field'],
    );
  });

  it('an alias used as a key is the anchored text', () => {
    const value = decoded('metadata:\n  name: &n web\n  labels: {*n : x}\n');
    assert.deepEqual((value['metadata'] as { labels: unknown }).labels, { web: 'x' });
  });
});

describe('files kubectl reads', () => {
  it('takes a lone CR as a line break, with lines counted as editors count them', () => {
    const text = `${head}metadata:\r  name: Bad_Name\r  labels:\r    kubernetes.io/service-name: web\r`;
    const found = findings(text);
    assert.deepEqual(
      found.map((f) => f.split(' ').slice(0, 2).join(' ')),
      ['6:9 metadata-name-invalid'],
    );
  });

  it('stops a JSON stream at a stray brace after an object of ours', () => {
    const text =
      '{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"x"},"addressType":"IPv4","endpoints":[]}}';
    assert.deepEqual(
      findings(text).map((f) => f.split(' ').slice(0, 2).join(' ')),
      ['1:120 json-syntax'],
    );
  });

  it('leaves a stray brace after a JSON object of another kind alone', () => {
    assert.deepEqual(findings('{"name": "my-package", "version": "1.0.0"}}'), []);
  });

  it('writes a string kubectl would read as a number quoted', () => {
    assert.deepEqual(['0o17', '0x1F', '1:20', '1_000', 'web'].map(yamlScalar), [
      '"0o17"',
      '"0x1F"',
      '1:20',
      '"1_000"',
      'web',
    ]);
  });
});

describe('characters go-yaml does not allow', () => {
  const refused: [what: string, char: string][] = [
    ['DEL', '\x7f'],
    ['a C0 control', '\x01'],
    ['ESC', '\x1b'],
    ['a C1 control', '\x80'],
    ['U+FFFE', '\ufffe'],
  ];
  for (const [what, char] of refused) {
    for (const [where, body] of [
      ['a plain value', `metadata:\n  name: x${char}y\n`],
      ['a quoted value', `metadata:\n  name: "x${char}y"\n`],
      ['a comment', `metadata:\n  name: x # ${char}\n`],
    ]) {
      it(`${what} in ${where}: a syntax error, nothing decoded`, () => {
        const found = findings(head + (body ?? ''));
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0] ?? '', /^\d+:\d+ yaml-syntax .*control characters are not allowed$/);
      });
    }
  }

  it('allows tab, a byte order mark and ordinary non-ASCII text', () => {
    assert.deepEqual(findings(`${head}metadata:\n  name: x\n  annotations:\n    a: "b\tc\ufeffé"\n`), []);
  });
});

describe('document markers as kubectl reads them', () => {
  const first = `${head}metadata:\n  name: x\n`;
  const badName = 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: Bad_Name\n';
  const codes = (text: string): string[] => findings(text).map((f) => f.split(' ').slice(0, 2).join(' '));

  for (const [line, rest] of [
    ['---foo', 'foo'],
    ['--- {a: 1}', '{a: 1}'],
    ['--- |', '|'],
    ['----', '-'],
    ['--- !!map', '!!map'],
  ]) {
    it(`${line} is not a separator but an error`, () => {
      const found = findings(`${first}${line}\n${badName}`);
      assert.equal(found.length, 1, found.join('\n'));
      assert.ok(found[0]?.startsWith('7:1 yaml-syntax '), found[0]);
      assert.ok(found[0]?.endsWith(`invalid Yaml document separator: ${rest}`), found[0]);
    });
  }

  it('--- followed by blanks or a comment, even without a space, is a separator', () => {
    for (const line of ['---#c', '---  # c', '---\t', '--- ']) {
      assert.deepEqual(codes(`${first}${line}\n${badName}`), [
        '9:7 endpoints-deprecated',
        '11:9 metadata-name-invalid',
      ]);
    }
  });

  it('ignores what follows ... up to the next ---', () => {
    assert.deepEqual(codes(`${first}...\n${badName}`), []);
    assert.deepEqual(codes(`${first}... # end\n${badName}---\n${badName}`), [
      '14:7 endpoints-deprecated',
      '16:9 metadata-name-invalid',
    ]);
    assert.equal(service.validate(`${first}...\n${badName}`, defaultSettings).documents.length, 1);
  });

  it('still refuses a control character after ...', () => {
    assert.deepEqual(codes(`${first}...\nx: "\x7f"\n`), ['8:5 yaml-syntax']);
  });
});

describe('NEL (U+0085), a line break to go-yaml', () => {
  const codes = (text: string): string[] => findings(text).map((f) => f.split(' ').slice(0, 2).join(' '));

  it('separates two keys, with positions on the lines editors count', () => {
    assert.deepEqual(codes(`${head}metadata:\n  name: x\u0085  namespace: Bad_NS\n`), [
      '6:24 namespace-not-found',
    ]);
  });

  it('ends a comment', () => {
    assert.deepEqual(codes(`${head}metadata: # c\u0085  name: Bad_Name\n`), ['5:23 metadata-name-invalid']);
  });

  it('folds to a space in a quoted scalar and is a LF in a literal one', () => {
    const value = decoded(
      'metadata:\n  name: x\n  labels:\n    a: "x\u0085      y"\n    b: |\n      x\u0085      y\n',
    );
    assert.deepEqual((value['metadata'] as { labels: unknown }).labels, { a: 'x y', b: 'x\ny\n' });
  });
});
