import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import type { DocumentReport } from '../../server/src/service';
import { fixtureFiles, loadExpected, readFixture, summarize } from '../helpers/realWorld';

/**
 * The real-world corpus through the engine: each fixture's objects, verdicts and findings
 * (line, column, severity, code) are exactly the expected ones, which the fidelity suite checks
 * against a real apiserver for every fixture outside templates/.
 */

const service = createLanguageService();
const expected = loadExpected();
const files = fixtureFiles();

function validate(file: string): DocumentReport[] {
  return service.validate(readFixture(file), defaultSettings).documents;
}

describe('real-world corpus through the engine', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    assert.deepEqual(Object.keys(expected).sort(), files);
  });

  for (const file of files) {
    it(file, () => {
      assert.deepEqual(summarize(validate(file)), expected[file]);
    });
  }

  it('covers every category of the issue', () => {
    const categories = new Set(files.map((f) => f.split('/')[0]));
    assert.deepEqual([...categories].sort(), ['dumps', 'formatting', 'json', 'lists', 'mixed', 'templates']);
  });
});

describe('real-world corpus: positions', () => {
  it('puts every range inside its document and on existing text', () => {
    for (const file of files) {
      const lines = readFixture(file).split(/\r\n|\r|\n/);
      for (const document of validate(file)) {
        for (const d of document.diagnostics) {
          const { start, end } = d.range;
          assert.ok(start.line >= document.range.start.line && end.line <= document.range.end.line, file);
          assert.ok(start.line < lines.length && end.line < lines.length, `${file}: ${d.code} past the end`);
          const text = lines[start.line] ?? '';
          assert.ok(start.character <= text.length, `${file}:${start.line + 1} ${d.code} past the line`);
          assert.ok(end.line > start.line || end.character >= start.character, `${file}: ${d.code} reversed`);
        }
      }
    }
  });

  it('marks the offending value itself, also with CRLF, a BOM, UTF-16, tabs in JSON and long lines', () => {
    const culprits: [file: string, code: string, text: string][] = [
      ['formatting/crlf.yaml', 'ip-invalid', '10.1.0.256'],
      ['formatting/utf8-bom.yaml', 'ip-invalid', '"10.7.0.1.1"'],
      ['formatting/utf16le-bom.yaml', 'ip-leading-zeros', '"10.12.0.01"'],
      ['formatting/long-lines.yaml', 'ip-invalid', '"10.11.9.256"'],
      ['formatting/anchors-aliases.yaml', 'node-name-invalid', 'Node_C'],
      ['formatting/separators.yaml', 'ip-special-range', '"fe80::1"'],
      ['json/endpointslice-tabs.json', 'ip-not-canonical', '"2001:DB8::2"'],
      ['json/minified.json', 'hostname-invalid', '"host_1"'],
      ['json/stream.json', 'port-name-invalid', '"HTTP"'],
      ['lists/endpointslice-list.yaml', 'ip-invalid', '"10.12.0.999"'],
      ['mixed/app-bundle.yaml', 'ip-leading-zeros', '"192.0.2.010"'],
      ['templates/helm-literal-mistakes.yaml', 'address-type-unsupported', 'ipv4'],
      ['templates/jinja-endpointslice.yaml', 'hostname-invalid', 'Bad_Host'],
    ];
    for (const [file, code, text] of culprits) {
      const lines = readFixture(file).split(/\r\n|\r|\n/);
      const d = validate(file)
        .flatMap((doc) => doc.diagnostics)
        .find((x) => x.code === code);
      assert.ok(d, `${file}: no ${code}`);
      const line = lines[d.range.start.line] ?? '';
      assert.equal(line.slice(d.range.start.character, d.range.end.character), text, `${file} ${code}`);
    }
  });

  it('keeps the carriage return out of ranges', () => {
    const text = readFixture('formatting/crlf.yaml');
    const lines = text.split('\n');
    for (const d of validate('formatting/crlf.yaml').flatMap((doc) => doc.diagnostics)) {
      const line = lines[d.range.end.line] ?? '';
      assert.notEqual(line[d.range.end.character - 1], '\r');
    }
  });
});

describe('real-world corpus: templates', () => {
  const templates = files.filter((f) => f.startsWith('templates/'));

  it('never reports YAML syntax noise in a template', () => {
    for (const file of templates) {
      const codes = validate(file).flatMap((doc) => doc.diagnostics.map((d) => d.code));
      assert.ok(!codes.includes('yaml-syntax'), `${file}: ${codes.join(', ')}`);
    }
  });

  it('marks templated documents, and only those', () => {
    for (const file of files) {
      const lines = readFixture(file).split(/\r\n|\r|\n/);
      for (const document of validate(file)) {
        const text = lines.slice(document.range.start.line, document.range.end.line + 1).join('\n');
        assert.equal(document.templated === true, /\{\{|\{%/.test(text), `${file}#${document.index}`);
      }
    }
  });

  it('shows a templated name as written', () => {
    const [document] = validate('templates/helm-literal-address.yaml');
    assert.equal(document?.name, '{{ .Release.Name }}-fallback');
  });
});
