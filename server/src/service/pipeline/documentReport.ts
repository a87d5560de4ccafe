import type { DocumentReport, EndpointDiagnostic } from '../types';
import { shiftRange } from '../source/positions';
import type { ObjectResult } from './validateChunk';

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
