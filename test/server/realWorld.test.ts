import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { diagnosticCodes } from '../../server/src/service';
import type { DiagnosticCodeInfo } from '../../server/src/service';
import { TestClient } from '../helpers/lspClient';
import { fixtureFiles, loadExpected, readFixture, realWorldDir } from '../helpers/realWorld';

/**
 * The real-world corpus through the language server, opened with the language id VS Code gives
 * each file (`helm` for chart templates, `json`, `yaml`). Advice is switched off, so what is
 * published is what the apiserver would say plus syntax, exactly as the engine test expects.
 */

const expected = loadExpected();
const codes: Record<string, DiagnosticCodeInfo> = diagnosticCodes;

function languageOf(file: string): string {
  if (file.endsWith('.json')) return 'json';
  return file.startsWith('templates/') ? 'helm' : 'yaml';
}

function expectedLines(file: string): string[] {
  return (expected[file] ?? [])
    .flatMap((o) => o.diagnostics)
    .filter((line) => codes[line.split(' ')[2] ?? '']?.origin !== 'advisory')
    .sort();
}

describe('real-world corpus through the language server', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    client.answer = (item) => (item.section === 'endpointslices' ? { advisories: false } : null);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  for (const file of fixtureFiles()) {
    it(`${file} (${languageOf(file)})`, async () => {
      const uri = pathToFileURL(join(realWorldDir, file)).href;
      const published = client.nextDiagnostics(uri);
      await client.open(uri, readFixture(file), 1, languageOf(file));
      const { diagnostics } = await published;
      const lines = diagnostics
        .map((d) => {
          const severity = ['', 'error', 'warning', 'information', 'hint'][d.severity ?? 1];
          return `${d.range.start.line + 1}:${d.range.start.character + 1} ${severity} ${String(d.code)}`;
        })
        .sort();
      assert.deepEqual(lines, expectedLines(file));
      await client.close(uri);
    });
  }

  it('stays silent on JSON that is not a manifest, however large', async () => {
    const uri = 'file:///work/big.json';
    const big = JSON.stringify({ data: Array.from({ length: 50_000 }, (_, i) => ({ i, kind: 'Thing' })) });
    const published = client.nextDiagnostics(uri);
    await client.open(uri, big, 1, 'json');
    assert.deepEqual((await published).diagnostics, []);
  });

  it('validates a JSON manifest once it names EndpointSlice', async () => {
    const uri = 'file:///work/slice.json';
    const text = '{"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "A"}}';
    const published = client.nextDiagnostics(uri);
    await client.open(uri, text, 1, 'json');
    const found = (await published).diagnostics.map((d) => d.code);
    assert.deepEqual(found.sort(), ['address-type-required', 'metadata-name-invalid']);
  });
});
