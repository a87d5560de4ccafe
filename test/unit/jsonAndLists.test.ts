import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import type { DocumentReport } from '../../server/src/service';
import { isJsonStream, jsonValues } from '../../server/src/service/source/jsonStream';
import { splitFile } from '../../server/src/service/source/fileChunks';

/** JSON streams as kubectl reads them, and Lists unpacked into one create per item. */

const service = createLanguageService();
const documents = (text: string): DocumentReport[] =>
  service.validate(text, { ...defaultSettings, advisories: false }).documents;
const summary = (text: string): string[] =>
  documents(text).map(
    (d) =>
      `${d.index}${d.item === undefined ? '' : `.${d.item}`} ${d.kind ?? '-'} ${d.diagnostics.map((x) => x.code).join(',')}`,
  );

describe('JSON streams', () => {
  it('is JSON when kubectl would say so: a leading {, not a template tag', () => {
    assert.equal(isJsonStream('  \n{"a": 1}'), true);
    assert.equal(isJsonStream('\uFEFF{"a": 1}'), true);
    assert.equal(isJsonStream('{{- if .x }}\n'), false);
    assert.equal(isJsonStream('# comment\n{"a": 1}'), false);
    assert.equal(isJsonStream('[1, 2]'), false);
  });

  it('splits concatenated values and stops at the first error, with Go wording', () => {
    const values = jsonValues('{"a": 1} {"b": [1, 2]}\n{"c": }');
    assert.deepEqual(
      values.map((v) => [v.start, v.end, v.error?.message]),
      [
        [0, 8, undefined],
        [9, 22, undefined],
        [23, 30, "invalid character '}' looking for beginning of value"],
      ],
    );
    assert.equal(jsonValues('{"a": 1,}')[0]?.error?.message.includes('object key string'), true);
    assert.equal(jsonValues('{"a": "x')[0]?.error?.message, 'unexpected end of JSON input');
    assert.equal(
      jsonValues('{"a": 01}')[0]?.error?.message,
      "invalid character '1' after object key:value pair",
    );
  });

  it('survives deep nesting and huge strings', () => {
    const deep = `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    assert.equal(jsonValues(deep)[0]?.error, undefined);
    const long = `{"a": "${'x'.repeat(2_000_000)}"}`;
    assert.equal(jsonValues(long)[0]?.end, long.length);
  });

  it('pads each value to its column, so positions are the file positions', () => {
    const text = '{"kind": "Service"}  {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "X"}}';
    const [, second] = splitFile(text);
    assert.equal(second?.startLine, 0);
    assert.equal(second?.text.indexOf('{'), 21);
    const d = documents(text)[1]?.diagnostics.find((x) => x.code === 'metadata-name-invalid');
    assert.equal(text.slice(d?.range.start.character, d?.range.end.character), '"X"');
  });

  it('reports a JSON syntax error only in a document that names our kinds', () => {
    assert.deepEqual(summary('{"kind": "EndpointSlice", "a": [1,]}'), ['0 - json-syntax']);
    assert.deepEqual(summary('{"name": "package", "version": 1,}'), ['0 - ']);
  });

  it('reads JSON with JSON rules: duplicates keep the last value, numbers are JSON numbers', () => {
    const text = `{"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
 "metadata": {"name": "a", "name": "b"}, "addressType": "IPv4",
 "ports": [{"port": 8e1, "name": "x"}]}`;
    const [document] = service.validate(text, defaultSettings).documents;
    assert.equal(document?.name, 'b');
    assert.deepEqual(
      document?.diagnostics.map((d) => d.code),
      ['duplicate-key', 'service-name-label-missing'],
    );
  });
});

describe('Lists', () => {
  const slice = (name: string, extra = ''): string =>
    `- apiVersion: discovery.k8s.io/v1\n  kind: EndpointSlice\n  metadata: {name: ${name}}\n  addressType: IPv4\n${extra}`;

  it('reports the wrapper, then each item as its own object', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n${slice('a')}${slice('B')}`;
    assert.deepEqual(summary(text), [
      '0 List ',
      '0.0 EndpointSlice ',
      '0.1 EndpointSlice metadata-name-invalid',
    ]);
  });

  it('gives kind and apiVersion to items of a typed list that have neither', () => {
    const text = 'apiVersion: v1\nkind: EndpointsList\nitems:\n- metadata: {name: a}\n  subsets: [{}]\n';
    assert.deepEqual(summary(text), [
      '0 EndpointsList ',
      '0.0 Endpoints endpoints-deprecated,subset-addresses-required',
    ]);
    const [, item] = documents(text);
    assert.equal(item?.apiVersion, 'v1');
  });

  it('does not give a kind to items of a plain List', () => {
    assert.deepEqual(summary('apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n'), [
      '0 List ',
      '0.0 - ',
    ]);
  });

  it('unpacks nested lists after the top-level items', () => {
    const nested = `- apiVersion: v1\n  kind: List\n  items:\n  ${slice('inner').replace(/\n(?=.)/g, '\n  ')}`;
    const text = `apiVersion: v1\nkind: List\nitems:\n${nested}${slice('outer')}`;
    assert.deepEqual(
      documents(text).map((d) => d.name ?? '-'),
      ['-', 'outer', 'inner'],
    );
  });

  it('says so when kubectl cannot unpack the list, and sends nothing', () => {
    const scalarItem = `apiVersion: v1\nkind: List\nitems:\n${slice('a')}- just a string\n`;
    assert.deepEqual(summary(scalarItem), ['0 List list-invalid']);
    assert.deepEqual(summary('apiVersion: v1\nkind: EndpointSliceList\nitems: {a: 1}\n'), [
      '0 EndpointSliceList list-invalid',
    ]);
    assert.deepEqual(summary('apiVersion: v1\nkind: ServiceList\nitems: 3\n'), ['0 ServiceList ']);
  });

  it('treats items: null and [] as nothing to send', () => {
    assert.deepEqual(summary('apiVersion: v1\nkind: List\nitems:\n'), ['0 List ']);
    assert.deepEqual(summary('{"apiVersion": "v1", "kind": "List", "items": []}'), ['0 List ']);
  });

  it('points at an item that has no kind of its own, not at the top of the file', () => {
    const text = 'apiVersion: v1\nkind: EndpointsList\nitems:\n- metadata: {name: a}\n  subsets: [{}]\n';
    const warning = documents(text)[1]?.diagnostics.find((d) => d.code === 'endpoints-deprecated');
    assert.equal(warning?.range.start.line, 3);
  });
});
