import { defaultSettings } from '../../server/src/service';
import type { LanguageService, Position, Range, TextEdit } from '../../server/src/service';
import { formatters } from '../../server/src/cli/formatters';
import type { LintRun } from '../../server/src/cli/lint';
import { splitFile } from '../../server/src/service/source/fileChunks';
import { withLineFeeds } from '../../server/src/service/source/chunkedText';
import type { HostileInput } from './hostileManifests';

/**
 * The invariants every service entry point keeps on any input (issue 14): no throw, no internal
 * error, ranges inside the text, a bounded amount of CPU per call, the CLI's three formats
 * counting the same findings, code actions and the conversion editing cleanly without touching
 * the other documents of the file.
 */
export type ProblemKind = 'crash' | 'hang' | 'range' | 'formats' | 'edit' | 'internal-error';

export interface Problem {
  kind: ProblemKind;
  call: string;
  detail: string;
}

export interface CheckResult {
  problems: Problem[];
  /** The CPU time of the slowest call, in milliseconds. */
  slowestMs: number;
}

export function checkHostile(service: LanguageService, input: HostileInput, boundMs: number): CheckResult {
  const check = new Checker(input.text, boundMs);
  const report = check.call('validate', () => service.validate(input.text, defaultSettings));
  if (report) {
    for (const d of report.diagnostics) {
      check.range('validate', d.range, d.code);
      if (d.code === 'internal-error') check.problem('internal-error', 'validate', d.message);
    }
    check.formats(report.documents, input.name);
  }
  const symbols = check.call('documentSymbols', () => service.documentSymbols(input.text));
  for (const s of symbols ?? []) check.range('documentSymbols', s.range, s.name);
  for (const position of check.positions()) {
    const where = `${position.line}:${position.character}`;
    check.call(`complete ${where}`, () => service.complete(input.text, position, defaultSettings));
    check.call(`hover ${where}`, () => service.hover(input.text, position, defaultSettings));
  }
  for (const d of (report?.diagnostics ?? []).slice(0, 6)) {
    const diagnostics = [{ range: d.range, code: d.code, message: d.message, field: d.field }];
    const actions = check.call(`codeActions ${d.code}`, () =>
      service.codeActions(input.text, d.range, diagnostics, defaultSettings),
    );
    for (const action of actions ?? []) check.edits(`codeAction "${action.title}"`, action.edits);
  }
  const migration = check.call('convert', () =>
    service.convertEndpointsToSlices(input.text, { maxEndpointsPerSlice: 100, skipMirror: false }),
  );
  if (migration && migration.edits.length > 0) {
    const applied = check.edits('convert', migration.edits);
    // The migrated text reads a lone CR as the LF the engine reads (parse/chunkedText.ts).
    if (applied !== undefined && applied.replace(/\r(?!\n)/g, '\n') !== migration.text) {
      check.problem('edit', 'convert', 'its edits do not give its text');
    }
  }
  return { problems: check.problems, slowestMs: check.slowestMs };
}

class Checker {
  readonly problems: Problem[] = [];
  slowestMs = 0;
  private readonly lines: string[];

  constructor(
    private readonly text: string,
    private readonly boundMs: number,
  ) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  problem(kind: ProblemKind, call: string, detail: string): void {
    this.problems.push({ kind, call, detail: detail.slice(0, 300) });
  }

  call<T>(name: string, request: () => T): T | undefined {
    const started = process.cpuUsage();
    try {
      return request();
    } catch (error) {
      this.problem(
        'crash',
        name,
        error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error),
      );
      return undefined;
    } finally {
      const spent = process.cpuUsage(started);
      const ms = (spent.user + spent.system) / 1000;
      this.slowestMs = Math.max(this.slowestMs, ms);
      if (ms > this.boundMs) this.problem('hang', name, `${ms.toFixed(0)} ms of CPU`);
    }
  }

  /** A few places to ask at: the start, a random-looking middle, the last line, past the end. */
  positions(): Position[] {
    const last = this.lines.length - 1;
    const middle = Math.floor(last / 2);
    return [
      { line: 0, character: 0 },
      { line: middle, character: Math.min(5, this.lines[middle]?.length ?? 0) },
      { line: last, character: this.lines[last]?.length ?? 0 },
      { line: last + 3, character: 2 },
    ];
  }

  range(call: string, range: Range, what: string): void {
    const inside = (p: Position): boolean =>
      p.line >= 0 &&
      p.character >= 0 &&
      p.line < this.lines.length &&
      p.character <= (this.lines[p.line]?.length ?? 0);
    const ordered =
      range.start.line < range.end.line ||
      (range.start.line === range.end.line && range.start.character <= range.end.character);
    if (!inside(range.start) || !inside(range.end) || !ordered) {
      this.problem('range', call, `${what} at ${JSON.stringify(range)} (${this.lines.length} lines)`);
    }
  }

  formats(documents: LintRun['files'][number]['documents'], name: string): void {
    const run: LintRun = {
      settings: defaultSettings,
      toolVersion: '0.0.0',
      files: [{ path: 'hostile.yaml', documents }],
    };
    const counted = this.call('formats', () => severityCounts(run));
    if (counted && (counted.text !== counted.json || counted.sarif !== counted.json)) {
      this.problem(
        'formats',
        'formats',
        `${name}: json ${counted.json} text ${counted.text} sarif ${counted.sarif}`,
      );
    }
  }

  /** Applies edits; they must lie inside the text, not overlap, and keep every document they do not touch. */
  edits(call: string, edits: readonly TextEdit[]): string | undefined {
    for (const edit of edits) this.range(call, edit.range, 'edit');
    const sorted = [...edits].sort((a, b) => compare(a.range.start, b.range.start));
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1];
      const current = sorted[i];
      if (before && current && compare(before.range.end, current.range.start) > 0) {
        this.problem('edit', call, `overlapping edits at ${JSON.stringify(current.range)}`);
      }
    }
    const applied = this.call(`${call} (apply)`, () => applyLspEdits(this.text, edits));
    if (applied === undefined) return undefined;
    // splitFile counts lines at LF only, as kubectl does, but edits count editor lines, which a
    // lone CR ends too; the engine splits the text with lone CRs read as LFs (withLineFeeds), so
    // the check does as well, or it takes an edit in one document for a change of the next.
    const lineFed = withLineFeeds(applied);
    for (const chunk of this.call(`${call} (split)`, () => splitFile(withLineFeeds(this.text))) ?? []) {
      const end = chunk.startLine + chunk.text.split(/\r\n|\r|\n/).length - 1;
      const touched = edits.some(
        (e) => e.range.start.line <= end + 1 && e.range.end.line >= chunk.startLine - 1,
      );
      if (!touched && chunk.text.trim() !== '' && !lineFed.includes(chunk.text)) {
        this.problem('edit', call, `document ${chunk.index} (line ${chunk.startLine + 1}) was changed`);
      }
    }
    return applied;
  }
}

/** Applies edits as an editor does: lines end at LF, CRLF and CR. */
function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  const offset = (p: Position): number => {
    const start = starts[p.line];
    if (start === undefined) return text.length;
    const next = starts[p.line + 1] ?? text.length + 1;
    return Math.min(start + p.character, next - 1, text.length);
  };
  const located = edits.map((e) => ({
    start: offset(e.range.start),
    end: offset(e.range.end),
    newText: e.newText,
  }));
  located.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of located) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function severityCounts(run: LintRun): { json: string; text: string; sarif: string } {
  const json = JSON.parse(formatters.json(run)) as {
    files: { documents: { diagnostics: { severity: string }[] }[] }[];
  };
  const bySeverity = (severities: string[]): string =>
    JSON.stringify(['error', 'warning', 'information'].map((s) => severities.filter((x) => x === s).length));
  const text = formatters
    .text(run)
    .split('\n')
    .flatMap((l) => /^.*?:\d+:\d+: (error|warning|information) /.exec(l)?.[1] ?? []);
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
