import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { createLanguageService, defaultSettings } from '../../server/src/service';
import { decodeText } from '../../server/src/cli/files';
import { formatters } from '../../server/src/cli/formatters';
import type { LintRun } from '../../server/src/cli/lint';

/**
 * A seeded mutational fuzz over the fixtures (issue 14): each mutant goes through the engine
 * and the CLI's JSON, text and SARIF formatters. Nothing may throw, no document may hit an
 * internal error, every request stays within a generous CPU time, every range stays inside the
 * text, and the three formats must count the same findings per severity. The seed and the count
 * are fixed, so a failure names its mutant and reproduces; FUZZ_SEED and FUZZ_COUNT explore.
 */
const seed0 = Number(process.env['FUZZ_SEED'] ?? 14);
const count = Number(process.env['FUZZ_COUNT'] ?? 300);
/** CPU per request; the fixtures' mutants take a few milliseconds each. */
const generousMs = 1000;
/** Larger fixtures (20,000 ports) only make the run slower; the hostile sizes have their own test. */
const maxSourceBytes = 100_000;

const fixtures = resolve(__dirname, '../../../test/fixtures');
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.(ya?ml|json)$/.test(e.name) && statSync(path).size <= maxSourceBytes ? [path] : [];
  });
}

/** xorshift32: the same mutants on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

const tokens = [
  '{{',
  '}}',
  '{{- if .x }}',
  '{{ end }}',
  '{{/*',
  '*/}}',
  '&a ',
  '*a',
  '<<: *a',
  '<<: ',
  '---',
  '...',
  '- ',
  '\t',
  ': ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '!!binary ',
  '!!int ',
  '!x ',
  '? ',
  '|',
  '>-',
  '\r',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '0x',
  '0o17',
  '1:20',
  '.inf',
  '1e400',
  '-1',
  '65536',
  '::ffff:1.2.3.4',
  '010.1.1.1',
  'IPv6',
  'FQDN',
  'ipv4',
  'yes',
  'null',
  '~',
  '%YAML 1.1\n',
  'kind: List\nitems:\n',
  'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n',
];

function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  let lines = text.split('\n');
  for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
    const k = Math.floor(next() * lines.length);
    const line = lines[k] ?? '';
    const at = Math.floor(next() * (line.length + 1));
    switch (Math.floor(next() * 6)) {
      case 0:
        lines.splice(k, 1);
        break;
      case 1:
        lines.splice(k, 0, line);
        break;
      case 2: {
        const j = Math.floor(next() * lines.length);
        lines = lines.map((l, i) => (i === k ? (lines[j] ?? '') : i === j ? line : l));
        break;
      }
      case 3:
        lines[k] = line.slice(0, at) + pick(tokens) + line.slice(at);
        break;
      case 4:
        lines[k] = next() < 0.5 ? line.replace(/^ /, '') : ` ${line}`;
        break;
      default:
        lines[k] = line.slice(0, at) + line.slice(at + 1 + Math.floor(next() * 4));
    }
  }
  return lines.join('\n');
}

function severityCounts(run: LintRun): { json: string; text: string; sarif: string } {
  const json = JSON.parse(formatters.json(run)) as {
    files: { documents: { diagnostics: { severity: string }[] }[] }[];
  };
  const bySeverity = (severities: string[]): string =>
    JSON.stringify(['error', 'warning', 'information'].map((s) => severities.filter((x) => x === s).length));
  const textLines = formatters.text(run).split('\n');
  const text = textLines.flatMap((l) => /^.*?:\d+:\d+: (error|warning|information) /.exec(l)?.[1] ?? []);
  const sarif = JSON.parse(formatters.sarif(run)) as { runs: { results: { level: string }[] }[] };
  const levels: Record<string, string> = { error: 'error', warning: 'warning', note: 'information' };
  return {
    json: bySeverity(
      json.files.flatMap((f) => f.documents.flatMap((d) => d.diagnostics.map((g) => g.severity))),
    ),
    text: bySeverity(text),
    sarif: bySeverity((sarif.runs[0]?.results ?? []).map((r) => levels[r.level] ?? r.level)),
  };
}

/** Runs one request and checks its CPU time (a loaded machine slows the wall clock, not this). */
function bounded<T>(label: string, what: string, request: () => T): T {
  const started = process.cpuUsage();
  const result = request();
  const spent = process.cpuUsage(started);
  const ms = (spent.user + spent.system) / 1000;
  assert.ok(ms < generousMs, `${label}: ${what} took ${ms.toFixed(0)} ms of CPU`);
  return result;
}

describe(`seeded fuzz (seed ${seed0}, ${count} mutants)`, () => {
  it('never crashes, stays bounded and inside the text, and its formats agree', () => {
    const sources = files(fixtures).sort();
    const next = random(seed0);
    const service = createLanguageService();
    for (let i = 0; i < count; i++) {
      const source = sources[Math.floor(next() * sources.length)] ?? '';
      const text = mutate(decodeText(readFileSync(source)), next);
      const label = `mutant ${i} of ${relative(fixtures, source)} (FUZZ_SEED=${seed0})`;
      const lines = text.split(/\r\n|\r|\n/);
      const middle = { line: Math.floor(next() * lines.length), character: Math.floor(next() * 20) };
      const report = bounded(label, 'validation', () => service.validate(text, defaultSettings));
      bounded(label, 'symbols', () => service.documentSymbols(text));
      bounded(label, 'completion', () => service.complete(text, middle, defaultSettings));
      bounded(label, 'hover', () => service.hover(text, middle, defaultSettings));
      for (const d of report.diagnostics) {
        assert.notEqual(d.code, 'internal-error', `${label}: ${d.message}`);
        assert.ok(
          d.range.start.line < lines.length && d.range.end.line < lines.length,
          `${label}: ${d.code} past the end`,
        );
      }
      const run: LintRun = {
        settings: defaultSettings,
        toolVersion: '0.0.0',
        files: [{ path: `mutant-${i}.yaml`, documents: report.documents }],
      };
      const counts = severityCounts(run);
      assert.equal(counts.text, counts.json, `${label}: text and json disagree`);
      assert.equal(counts.sarif, counts.json, `${label}: sarif and json disagree`);
    }
  });
});
