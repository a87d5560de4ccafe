import { strict as assert } from 'node:assert';
import { appendFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import { checkHostile } from '../helpers/hostileChecks';
import type { Problem } from '../helpers/hostileChecks';
import { hostileCategories, hostileInput } from '../helpers/hostileManifests';

/**
 * A fresh hostile pass (issue 14) with a generator of our own (test/helpers/hostileManifests.ts):
 * structure mutations, Unicode line breaks and byte order marks, deep nesting, huge scalars,
 * anchors, aliases and merge keys, templates, JSON streams and mixed line ends. Every entry
 * point must keep the invariants of test/helpers/hostileChecks.ts on every input.
 *
 * The run is seeded and small by default (a few seconds); HOSTILE_COUNT (inputs per category),
 * HOSTILE_SEED and HOSTILE_SCALE (sizes: 1 here, 20 reaches megabytes) make a larger one, which
 * prints inputs, crashes, hangs and the peak memory per category:
 *
 *   HOSTILE_COUNT=2500 node --test out/test/unit/hostileGenerator.test.js   # 20,000 inputs
 */
const count = Number(process.env['HOSTILE_COUNT'] ?? 12);
const seed = Number(process.env['HOSTILE_SEED'] ?? 14);
const scale = Number(process.env['HOSTILE_SCALE'] ?? 1);
/** CPU per call; the slowest hostile input of the default run takes well under a second. */
const boundMs = Number(process.env['HOSTILE_BOUND_MS'] ?? 10_000);
/** HOSTILE_CATEGORIES=huge,json runs only those (a large run split over processes). */
const only = process.env['HOSTILE_CATEGORIES']?.split(',');
const categories = hostileCategories.filter((c) => !only || only.includes(c));
/** HOSTILE_PROGRESS=FILE appends the tally every 100 inputs, so a long run can be read while it goes. */
const progress = process.env['HOSTILE_PROGRESS'];

interface Tally {
  inputs: number;
  bytes: number;
  crashes: number;
  hangs: number;
  other: number;
  slowestMs: number;
  peakRssMb: number;
}

describe(`hostile generator (seed ${seed}, ${count} per category, scale ${scale})`, () => {
  for (const category of categories) {
    it(`${category}: no crash, no hang, ranges inside, formats agree, clean edits`, (t) => {
      const service = createLanguageService();
      const tally: Tally = {
        inputs: 0,
        bytes: 0,
        crashes: 0,
        hangs: 0,
        other: 0,
        slowestMs: 0,
        peakRssMb: 0,
      };
      const failures: string[] = [];
      for (let n = 0; n < count; n++) {
        const input = hostileInput(category, n, seed, scale);
        const result = checkHostile(service, input, boundMs);
        tally.inputs++;
        tally.bytes += input.text.length;
        tally.slowestMs = Math.max(tally.slowestMs, result.slowestMs);
        tally.peakRssMb = Math.max(tally.peakRssMb, process.memoryUsage().rss / 2 ** 20);
        for (const problem of result.problems) count_(tally, problem);
        if (progress && tally.inputs % 100 === 0) appendFileSync(progress, `${summary(category, tally)}\n`);
        if (progress && result.problems.length > 0) {
          appendFileSync(
            progress,
            `${input.name}: ${result.problems.map((p) => `${p.kind} in ${p.call}`).join('; ')}\n`,
          );
        }
        if (result.problems.length > 0 && failures.length < 5) {
          failures.push(
            `${input.name}: ${result.problems.map((p) => `${p.kind} in ${p.call}: ${p.detail}`).join('; ')}`,
          );
        }
      }
      t.diagnostic(summary(category, tally));
      assert.deepEqual(failures, []);
    });
  }
});

function summary(category: string, tally: Tally): string {
  return (
    `${category}: ${tally.inputs} inputs (${(tally.bytes / 2 ** 20).toFixed(1)} MB), ${tally.crashes} crashes, ` +
    `${tally.hangs} hangs, ${tally.other} other, slowest call ${tally.slowestMs.toFixed(0)} ms CPU, ` +
    `peak RSS ${tally.peakRssMb.toFixed(0)} MB`
  );
}

function count_(tally: Tally, problem: Problem): void {
  if (problem.kind === 'crash') tally.crashes++;
  else if (problem.kind === 'hang') tally.hangs++;
  else tally.other++;
}

describe('what the hostile generator found', () => {
  it('an odd key (a flow sequence) makes no process warning: completion and validation stay quiet', async () => {
    const warnings: string[] = [];
    const listener = (warning: Error): void => void warnings.push(warning.message);
    process.on('warning', listener);
    try {
      const text =
        'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: x\n  labels:\n    k: v\n      - ip: 10.1.2.4\n    ? [a]\n    : b\n';
      const service = createLanguageService();
      service.validate(text, defaultSettings);
      service.complete(text, { line: 3, character: 3 }, defaultSettings);
      service.hover(text, { line: 3, character: 3 }, defaultSettings);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    assert.deepEqual(warnings, []);
  });

  it('the outline of a CRLF document before `---` ends on its last line, not past its CR', () => {
    const text = 'apiVersion: v1\r\nkind: Endpoints\r\nmetadata:\r\n  name: web\r\n---\r\nkind: Service\r\n';
    const lines = text.split(/\r\n|\r|\n/);
    for (const symbol of createLanguageService().documentSymbols(text)) {
      const { end } = symbol.range;
      assert.ok(
        end.character <= (lines[end.line]?.length ?? -1),
        `${symbol.name} ends at ${JSON.stringify(end)}`,
      );
    }
  });

  it("a syntax error's range stays on its line when the yaml library skips line breaks it cannot parse", () => {
    const text =
      '    port: 80\nkind: EndpointSlice\napiVersion: discovery.k8s.io/v1\n    protocol: TCP\nmetadata:\n  name: x\n';
    const lines = text.split('\n');
    const report = createLanguageService().validate(text, defaultSettings);
    assert.ok(report.diagnostics.length > 0);
    for (const d of report.diagnostics) {
      for (const p of [d.range.start, d.range.end]) {
        assert.ok(p.character <= (lines[p.line]?.length ?? -1), `${d.code} at ${JSON.stringify(p)}`);
      }
    }
  });

  it('a bad `---` line that ends at a CRLF gets a range that stops before the CR', () => {
    // A file without a slice or Endpoints is not validated, so one comes first.
    const text =
      'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: a\naddressType: IPv4\n' +
      'endpoints: []\n---\u2029apiVersion: v1\r\nkind: Service\n';
    const lines = text.split(/\r\n|\r|\n/);
    const syntax = createLanguageService()
      .validate(text, defaultSettings)
      .diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.equal(syntax.length, 1);
    for (const d of syntax) {
      assert.ok(d.range.end.character <= (lines[d.range.end.line]?.length ?? -1), JSON.stringify(d.range));
    }
  });

  it('moving an address of a templated slice to a new slice puts the slice after the removed endpoints', () => {
    const text =
      'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web\naddressType: IPv4\n' +
      'endpoints:\n  - addresses: ["fd00::5"]\n    conditions: {{- if .Values.on }} {{ toYaml .Values.x }}\n' +
      'ports: []\n';
    const service = createLanguageService();
    const wrong = service
      .validate(text, defaultSettings)
      .diagnostics.filter((d) => d.code === 'address-wrong-family');
    assert.equal(wrong.length, 1);
    const actions = service.codeActions(text, wrong[0].range, wrong, defaultSettings);
    const edits = actions.find((a) => a.title.startsWith('Move'))?.edits ?? [];
    assert.equal(edits.length, 2);
    const [removal, addition] = edits;
    const after = (a: { line: number; character: number }, b: { line: number; character: number }): boolean =>
      a.line > b.line || (a.line === b.line && a.character >= b.character);
    assert.ok(after(addition.range.start, removal.range.end), JSON.stringify(edits.map((e) => e.range)));
  });

  // The inputs a 1,500-per-category run (seed 14) found, replayed: syntax error ranges past a
  // CR (lineEnds), edits of a new slice inside the removed endpoints (templates), and a check
  // that took kubectl's LF-only line numbers for editor lines (lineEnds 311).
  for (const [category, n] of [
    ['lineEnds', 84],
    ['lineEnds', 512],
    ['lineEnds', 617],
    ['lineEnds', 715],
    ['lineEnds', 1186],
    ['lineEnds', 311],
    ['templates', 689],
  ] as const) {
    it(`${category} #${n} of seed 14 keeps every invariant`, () => {
      const result = checkHostile(createLanguageService(), hostileInput(category, n, 14, 1), boundMs);
      assert.deepEqual(result.problems, []);
    });
  }
});
