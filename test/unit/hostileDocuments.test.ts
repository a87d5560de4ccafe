import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings, WorkspaceIndex } from '../../server/src/service';
import { ChunkedText } from '../../server/src/service/source/chunkedText';
import { documentLimits } from '../../server/src/service/source/limits';

/**
 * Documents built to make a request slow (issue 14, item 6): each request stays bounded, and a
 * document beyond a limit of source/limits.ts says which feature is off for it. The time bound is
 * generous (every case took 5 to 30 seconds before the limits, and takes milliseconds now), so it
 * fails on a regression, not on a slow machine.
 */
const generous = 3000;
const service = createLanguageService();
const head =
  'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: x\naddressType: IPv4\n';

function hostile(): [name: string, text: string][] {
  let ifs = `${head}endpoints:\n`;
  while (ifs.length < 1_000_000) ifs += '{{- if .Values.a }}\n  - addresses: ["10.0.0.1"]\n{{- end }}\n';
  const tags = `${head}endpoints:\n  - addresses: ["${'{{ .a }}'.repeat(100_000)}"]\n`;
  let deep = `${head}endpoints:\n  - addresses: ["10.0.0.1"]\n    targetRef:\n`;
  for (let i = 0; i < 3000; i++) deep += `${' '.repeat(6 + i)}k${i}:\n`;
  const flow = `${head}endpoints: [${Array.from({ length: 140_000 }, (_, i) => `{addresses: ["10.0.${(i >> 8) & 255}.${i & 255}"]}`).join(', ')}]\n`;
  return [
    ['a 1 MB Helm template of if/end pairs', ifs],
    ['100,000 template tags on one line', tags],
    ['a block map 3,000 levels deep', deep],
    ['a 4 MB flow collection on one line', flow],
  ];
}

function timed<T>(what: string, run: () => T): T {
  const started = Date.now();
  const result = run();
  const took = Date.now() - started;
  assert.ok(took < generous, `${what} took ${took} ms`);
  return result;
}

describe('hostile documents: every request bounded, limits said', () => {
  for (const [name, text] of hostile()) {
    it(name, () => {
      const lines = text.split('\n');
      const last = { line: lines.length - 2, character: (lines[lines.length - 2] ?? '').length };
      // As the server asks: with the workspace index, which summarizes the document too.
      const workspace = new WorkspaceIndex();
      const report = timed('validation', () =>
        service.validate(text, defaultSettings, workspace, { uri: 'file:///hostile.yaml' }),
      );
      const limit = report.diagnostics.filter((d) => d.code === 'limit-exceeded');
      assert.equal(limit.length, 1, JSON.stringify(report.diagnostics.map((d) => d.code)));
      assert.equal(limit[0]?.severity, 'information');
      const edited = new ChunkedText(text);
      const at = edited.offsetAt({ line: 3, character: 8 });
      edited.replace(at, at + 1, 'y');
      timed('a keystroke', () =>
        service.validate(edited, defaultSettings, undefined, { uri: 'file:///h.yaml' }),
      );
      assert.deepEqual(
        timed('symbols', () => service.documentSymbols(text)),
        [],
      );
      assert.deepEqual(timed('completion', () => service.complete(text, last, defaultSettings)).items, []);
      const hover = timed('hover', () => service.hover(text, { line: 3, character: 3 }, defaultSettings));
      assert.match(hover?.contents ?? '', /^Hover is off for this document: /);
    });
  }

  it('completion and hover at a line far past the end answer nothing, at once', () => {
    const text = 'apiVersion: v1\nkind: Endpoints\n';
    for (const line of [1e6, 2 ** 31 - 1]) {
      assert.deepEqual(
        timed('completion', () => service.complete(text, { line, character: 0 }, defaultSettings)).items,
        [],
      );
      assert.equal(
        timed('hover', () => service.hover(text, { line, character: 0 }, defaultSettings)),
        null,
      );
    }
  });

  it('keeps every feature for a document just inside the limits', () => {
    let deep = `${head}x:\n`;
    for (let i = 0; i < 150; i++) deep += `${' '.repeat(2 + 2 * i)}k${i}:\n`;
    assert.ok(deep.split('\n').every((l) => l.length < documentLimits.indentColumns));
    const report = service.validate(deep, defaultSettings);
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'limit-exceeded'),
      [],
    );
    assert.equal(service.documentSymbols(deep).length, 1);
    const hover = service.hover(deep, { line: 4, character: 1 }, defaultSettings);
    assert.doesNotMatch(hover?.contents ?? '', /off for this document/);
  });
});
