import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import type { ServiceSettings } from '../../server/src/service';
import { splitDocuments } from '../../server/src/service/source/split';

/** Splitting a file into `---` documents without parsing, and line numbers that survive it. */

const chunks = (text: string) => splitDocuments(text).map((c) => [c.startLine, c.text]);
const settings: ServiceSettings = {
  kubernetesVersion: '1.37',
  fieldValidation: 'Strict',
  advisories: false,
  maxEndpointsPerSlice: 100,
};

describe('splitDocuments', () => {
  it('a file without markers is one document', () => {
    assert.deepEqual(chunks('a: 1\nb: 2\n'), [[0, 'a: 1\nb: 2\n']]);
    assert.deepEqual(chunks(''), [[0, '']]);
  });

  it('a leading --- starts the first document instead of making an empty one', () => {
    assert.deepEqual(chunks('---\na: 1\n---\nb: 2\n'), [
      [0, '---\na: 1'],
      [2, '---\nb: 2\n'],
    ]);
  });

  it('--- followed by blanks or a comment is a marker; ---x, --- x and an indented --- are not', () => {
    assert.deepEqual(chunks('a: 1\n--- # two\nb: 2\n---#three\nc: 3\n---\tc\n--- {d: 4}\n----\n'), [
      [0, 'a: 1'],
      [1, '--- # two\nb: 2'],
      [3, '---#three\nc: 3\n---\tc\n--- {d: 4}\n----\n'],
    ]);
    assert.deepEqual(chunks('a: |\n  ---x\n  ---\nb: ---y\n').length, 1);
  });

  it('... does not split: kubectl ignores what follows it up to the next ---', () => {
    assert.deepEqual(chunks('a: 1\n...\nb: 2\n'), [[0, 'a: 1\n...\nb: 2\n']]);
    assert.deepEqual(chunks('a: 1\n...\n---\nb: 2\n'), [
      [0, 'a: 1\n...'],
      [2, '---\nb: 2\n'],
    ]);
  });

  it('comments and directives before the first --- belong to the first document', () => {
    assert.deepEqual(chunks('# header\n\n---\na: 1\n'), [[0, '# header\n\n---\na: 1\n']]);
    assert.deepEqual(chunks('%YAML 1.1\n---\na: 1\n---\nb: 2'), [
      [0, '%YAML 1.1\n---\na: 1'],
      [3, '---\nb: 2'],
    ]);
  });

  it('content before the first --- is a document of its own', () => {
    assert.deepEqual(chunks('a: 1\n---\nb: 2'), [
      [0, 'a: 1'],
      [1, '---\nb: 2'],
    ]);
  });

  it('a comment-only preamble also joins the first document in a CRLF file', () => {
    assert.deepEqual(chunks('# header\r\n\r\n---\r\na: 1\r\n'), [[0, '# header\r\n\r\n---\r\na: 1\r\n']]);
  });

  it('handles CRLF line ends, keeping them in the text', () => {
    assert.deepEqual(chunks('a: 1\r\n---\r\nb: 2\r\n...\r\nc: 3\r\n'), [
      [0, 'a: 1\r'],
      [1, '---\r\nb: 2\r\n...\r\nc: 3\r\n'],
    ]);
  });
});

describe('line numbers across documents', () => {
  const loopbackSlice = (eol: string) =>
    [
      'apiVersion: discovery.k8s.io/v1',
      'kind: EndpointSlice',
      'metadata: {name: s}',
      'addressType: IPv4',
      'endpoints:',
      '- addresses: ["127.0.0.1"]',
      '',
    ].join(eol);

  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`a diagnostic in the third document is reported on its file line (${name})`, () => {
      const text = [
        '# preamble',
        '---',
        'kind: ConfigMap',
        '---',
        'kind: Secret',
        '...',
        '---',
        loopbackSlice(eol),
      ].join(eol);
      const report = createLanguageService().validate(text, settings);
      assert.equal(report.documents.length, 3);
      const [error, ...rest] = report.diagnostics;
      assert.deepEqual(rest, []);
      assert.equal(error?.field, 'endpoints[0].addresses[0]');
      const column = '- addresses: ['.length;
      assert.deepEqual(error?.range, {
        start: { line: 12, character: column },
        end: { line: 12, character: column + '"127.0.0.1"'.length },
      });
      assert.equal(report.documents[2]?.range.start.line, 6);
    });
  }

  it('a trailing ... or --- adds nothing to report', () => {
    for (const tail of ['...\n', '---\n']) {
      const report = createLanguageService().validate(`${loopbackSlice('\n')}${tail}`, settings);
      assert.deepEqual(
        report.diagnostics.map((d) => d.field),
        ['endpoints[0].addresses[0]'],
      );
    }
  });
});
