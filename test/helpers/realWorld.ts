import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { decodeText } from '../../server/src/cli/files';

/**
 * The real-world fixture corpus (test/fixtures/real-world) and its expected results
 * (test/fixtures/real-world.expected.json), shared by the engine, server and CLI tests so the
 * three are held to the same answers.
 */
export const realWorldDir = resolve(__dirname, '../../../test/fixtures/real-world');
const expectedFile = resolve(__dirname, '../../../test/fixtures/real-world.expected.json');

/** One object of a fixture as the tests summarize it: where, what, the verdict, the findings. */
export interface ExpectedObject {
  /** `index` or `index.item` for a List item. */
  at: string;
  kind: string | null;
  verdict: 'accepted' | 'rejected' | 'decode-error' | 'not-found' | 'not-sent';
  /** `line:column severity code`, 1-based as editors show them, in report order. */
  diagnostics: string[];
}

export type Expected = Record<string, ExpectedObject[]>;

/** The parts of a report document (engine or CLI JSON) a summary reads. */
export interface ReportedDocument {
  index: number;
  item?: number | null;
  apiVersion?: string | null;
  kind?: string | null;
  templated?: boolean;
  diagnostics: ReportedDiagnostic[];
}

export interface ReportedDiagnostic {
  range: { start: { line: number; character: number } };
  severity: string;
  code: string;
  origin: string;
  reason: string;
}

export function loadExpected(): Expected {
  return JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected;
}

/** Every fixture, relative to the corpus, in a stable order. */
export function fixtureFiles(dir = realWorldDir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return fixtureFiles(path).map((f) => join(entry.name, f));
      return /\.(ya?ml|json)$/.test(entry.name) ? [relative(dir, path)] : [];
    })
    .sort();
}

/** A fixture's text as the CLI reads it (BOM dropped, UTF-16 decoded). */
export function readFixture(file: string): string {
  return decodeText(readFileSync(join(realWorldDir, file)));
}

export function diagnosticLine(d: ReportedDiagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}`;
}

/** The objects worth listing: ours (or templated ones of our kinds), and anything with a finding. */
export function summarize(documents: readonly ReportedDocument[]): ExpectedObject[] {
  return documents
    .filter((d) => isOurs(d) || d.diagnostics.length > 0)
    .map((d) => ({
      at: d.item === undefined || d.item === null ? `${d.index}` : `${d.index}.${d.item}`,
      kind: d.kind ?? null,
      verdict: verdictOf(d),
      diagnostics: d.diagnostics.map(diagnosticLine),
    }));
}

function isOurs(d: ReportedDocument): boolean {
  const apiVersion = d.apiVersion ?? '';
  if (d.kind === 'EndpointSlice') return apiVersion.startsWith('discovery.k8s.io/') || d.templated === true;
  if (d.kind === 'Endpoints') return apiVersion === 'v1' || d.templated === true;
  return false;
}

/** What happens to the object: never sent (client-side syntax), or the apiserver's answer. */
export function verdictOf(d: ReportedDocument): ExpectedObject['verdict'] {
  const errors = d.diagnostics.filter((x) => x.severity === 'error');
  if (errors.some((x) => x.origin === 'syntax')) return 'not-sent';
  if (errors.some((x) => x.reason === 'NotFound')) return 'not-found';
  if (errors.some((x) => x.reason === 'BadRequest')) return 'decode-error';
  return errors.length > 0 ? 'rejected' : 'accepted';
}
