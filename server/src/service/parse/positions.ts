import type { DocumentReport, EndpointDiagnostic, Range } from '../types';
import type { ObjectResult } from '../validation/validateDocument';

/** Moves a chunk's results, computed with line 0 at the chunk start, to their place in the file. */
export function shiftDocumentReport(result: ObjectResult, index: number, startLine: number): DocumentReport {
  const report: DocumentReport = {
    index,
    range: shiftRange(result.range, startLine),
    diagnostics:
      startLine === 0 ? result.diagnostics : result.diagnostics.map((d) => shiftDiagnostic(d, startLine)),
  };
  if (result.item !== undefined) report.item = result.item;
  if (result.apiVersion !== undefined) report.apiVersion = result.apiVersion;
  if (result.kind !== undefined) report.kind = result.kind;
  if (result.name !== undefined) report.name = result.name;
  if (result.templated) report.templated = true;
  return report;
}

function shiftDiagnostic(d: EndpointDiagnostic, lines: number): EndpointDiagnostic {
  return { ...d, range: shiftRange(d.range, lines) };
}

/** A range moved down by `lines` (a document's range placed in its file). */
export function shiftRange(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}
