import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, runCliJson } from '../helpers/cli';
import type { JsonDocument, JsonOutput } from '../helpers/cliJson';
import { fixtureFiles, loadExpected, realWorldDir, summarize } from '../helpers/realWorld';

/**
 * `endpointslice-lint` pointed at the real-world corpus: the same answers as the engine, exit
 * status 0 or 1 only, and never a crash, whatever shape a file has.
 */

const expected = loadExpected();
const files = fixtureFiles();
const hasError = (file: string): boolean =>
  (expected[file] ?? []).some((o) => o.diagnostics.some((d) => d.includes(' error ')));

function assertNoCrash(result: { status: number | null; stderr: string }, what: string): void {
  assert.ok(
    result.status === 0 || result.status === 1,
    `${what}: exit ${String(result.status)}\n${result.stderr}`,
  );
  assert.equal(result.stderr, '', what);
}

/**
 * The expected results are each file's alone; one run over the tree is one workspace, where a
 * file also gets advice about the others (workspace/advisories.ts), so that is left out here.
 */
const crossFileCodes = new Set([
  'service-not-in-workspace',
  'port-name-not-in-service',
  'service-has-selector',
  'dual-stack-family-missing',
  'selector-matches-no-template',
  'target-port-not-in-template',
  'service-without-endpoints',
  'slice-family-not-served',
]);

function withoutCrossFileAdvice(documents: JsonDocument[]): JsonDocument[] {
  return documents.map((d) => ({
    ...d,
    diagnostics: d.diagnostics.filter((x) => !crossFileCodes.has(x.code)),
  }));
}

describe('endpointslice-lint on the real-world corpus', () => {
  it('reports every file as the engine does, in one run over the whole tree', () => {
    const result = runCliJson<JsonOutput>(['.'], { cwd: realWorldDir });
    assertNoCrash(result, 'whole corpus');
    assert.equal(result.status, 1);
    assert.deepEqual(result.json.files.map((f) => f.path).sort(), files);
    for (const file of result.json.files) {
      assert.deepEqual(summarize(withoutCrossFileAdvice(file.documents)), expected[file.path], file.path);
    }
  });

  it('exits 0 or 1 for each file alone, 1 exactly when it holds an error', () => {
    for (const file of files) {
      const result = runCli([file], { cwd: realWorldDir });
      assertNoCrash(result, file);
      assert.equal(result.status, hasError(file) ? 1 : 0, file);
    }
  });

  it('finds no false alarm in a whole Helm chart', () => {
    const result = runCli(['templates/chart-external-db'], { cwd: realWorldDir });
    assertNoCrash(result, 'chart');
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /^0 errors, 0 warnings in 4 files/m);
  });

  it('names List items in JUnit and keeps SARIF valid', () => {
    const junit = runCli(['--format', 'junit', 'lists'], { cwd: realWorldDir });
    assertNoCrash(junit, 'junit');
    assert.match(junit.stdout, /name="\[0\.1\] EndpointSlice search-2"/);
    const sarif = runCli(['--format', 'sarif', '.'], { cwd: realWorldDir });
    assertNoCrash(sarif, 'sarif');
    assert.doesNotThrow(() => JSON.parse(sarif.stdout) as unknown);
  });

  it('decodes UTF-16 with a byte order mark on stdin, like kubectl', () => {
    const bytes = readFileSync(join(realWorldDir, 'formatting/utf16le-bom.yaml'));
    const result = runCliJson<JsonOutput>(['-'], { input: bytes });
    assertNoCrash(result, 'stdin');
    const codes = result.json.files[0]?.documents.flatMap((d) => d.diagnostics.map((x) => x.code));
    assert.deepEqual(codes, ['ip-leading-zeros']);
  });
});

describe('endpointslice-lint never crashes on damaged files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-damaged-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 0 or 1 for every truncation and corruption of every fixture', () => {
    let n = 0;
    for (const file of files) {
      const bytes = readFileSync(join(realWorldDir, file));
      const cuts = [0.1, 0.37, 0.5, 0.73, 0.95].map((f) => Math.floor(bytes.length * f));
      for (const cut of cuts) {
        writeFileSync(
          join(dir, `${n++}.${file.endsWith('.json') ? 'json' : 'yaml'}`),
          bytes.subarray(0, cut),
        );
        const damaged = Buffer.from(bytes);
        damaged[cut] = [0x7b, 0x09, 0x22, 0x3a, 0xff][n % 5] ?? 0;
        writeFileSync(join(dir, `${n++}.yaml`), damaged);
      }
    }
    const result = runCli(['--format', 'json', dir]);
    assertNoCrash(result, 'damaged corpus');
    assert.doesNotMatch(result.stdout, /internal-error/);
  });
});
