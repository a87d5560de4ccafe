import { crossFileAdvice } from '../service';
import type { DocumentReport, EndpointDiagnostic, FileSummary } from '../service';

/**
 * Adds the advice that needs the other inputs (a Service and the Deployment it should select)
 * to each file's documents. It is computed after every file was validated, from their summaries
 * (`summaries[i]` is `files[i]`'s, placed under its path), so it does not depend on how the
 * per-file pass was spread over threads.
 */
export function withCrossFileAdvice<File extends { documents: DocumentReport[] }>(
  files: readonly File[],
  summaries: readonly FileSummary[],
): File[] {
  const advice = crossFileAdvice(summaries);
  return files.map((file, i) => {
    const mine = advice[i] ?? [];
    return mine.length === 0 ? file : { ...file, documents: placeAdvice(file.documents, mine) };
  });
}

/** Each piece of advice joins the document (or List item) whose lines hold its start. */
function placeAdvice(
  documents: readonly DocumentReport[],
  advice: readonly EndpointDiagnostic[],
): DocumentReport[] {
  const out = documents.map((document) => ({ ...document, diagnostics: [...document.diagnostics] }));
  for (const diagnostic of advice) {
    const line = diagnostic.range.start.line;
    // The last match: a List's own report comes before its items', which are narrower.
    const owner = [...out].reverse().find((d) => d.range.start.line <= line && line <= d.range.end.line);
    owner?.diagnostics.push(diagnostic);
  }
  return out;
}
