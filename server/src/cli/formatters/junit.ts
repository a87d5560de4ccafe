import type { DocumentReport, EndpointDiagnostic } from '../../service';
import type { LintRun, LintedFile } from '../lint';

/**
 * `--format junit`: one testsuite per file and one testcase per `---` document (and per item of
 * a List, named `[index.item]`), so CI test views list each manifest. A document fails when it has an error; warnings and advice go to
 * the testcase's system-out because JUnit has no level between passing and failing.
 */
export function formatJunit(run: LintRun): string {
  const suites = run.files.map(suite);
  const tests = run.files.reduce((sum, file) => sum + file.documents.length, 0);
  const failures = run.files.reduce((sum, file) => sum + failedDocuments(file), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="endpointslice-lint" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(file: LintedFile): string {
  const failures = failedDocuments(file);
  const header = `  <testsuite name="${attr(file.path)}" tests="${file.documents.length}" failures="${failures}" errors="0">`;
  return [header, ...file.documents.map((document) => testcase(file, document)), '  </testsuite>'].join('\n');
}

function testcase(file: LintedFile, document: DocumentReport): string {
  const position = document.item === undefined ? `${document.index}` : `${document.index}.${document.item}`;
  const name = `[${position}] ${document.kind ?? '(no kind)'} ${document.name ?? '(no name)'}`;
  const open = `    <testcase classname="${attr(file.path)}" name="${attr(name)}">`;
  const errors = document.diagnostics.filter((d) => d.severity === 'error');
  const others = document.diagnostics.filter((d) => d.severity !== 'error');
  const body: string[] = [];
  if (errors.length > 0) {
    const first = errors[0];
    const message = errors.length === 1 ? first.message : `${first.message} (and ${errors.length - 1} more)`;
    body.push(
      `      <failure message="${attr(message)}" type="${attr(first.code)}">${text(lines(errors))}</failure>`,
    );
  }
  if (others.length > 0) {
    body.push(`      <system-out>${text(lines(others))}</system-out>`);
  }
  if (body.length === 0) {
    return `${open.slice(0, -1)} />`;
  }
  return [open, ...body, '    </testcase>'].join('\n');
}

function failedDocuments(file: LintedFile): number {
  return file.documents.filter((document) => document.diagnostics.some((d) => d.severity === 'error')).length;
}

function lines(diagnostics: readonly EndpointDiagnostic[]): string {
  return diagnostics
    .map(
      (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`,
    )
    .join('\n');
}

// Characters XML 1.0 cannot carry at all, even escaped; a binary file's garbage must not make
// the report unparseable.
// eslint-disable-next-line no-control-regex
const invalidXmlChars = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value
    .replace(invalidXmlChars, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
