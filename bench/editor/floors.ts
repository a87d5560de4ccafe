import { parseAllDocuments, parseDocument } from 'yaml';
import type { EditorInput } from '../inputs/generate';
import { editMarker } from '../inputs/manifests';
import { timeSync } from '../util/stats';
import type { Sample } from '../util/stats';

export interface ParseFloor {
  input: string;
  /** `yaml` parseDocument of the edited document alone, after one typed letter. */
  document: Sample;
  documentBytes: number;
  /** `yaml` parseAllDocuments of the whole file. */
  file: Sample;
}

/** The edited document as it is after the first typed letter. */
export function editedDocument(input: EditorInput): string {
  const document = input.documents[input.editedIndex] ?? '';
  const lines = document.split('\n');
  const at = lines.findIndex((line) => line.includes(editMarker));
  const line = lines[at] ?? '';
  const quote = line.lastIndexOf('"');
  lines[at] = `${line.slice(0, quote)}a${line.slice(quote)}`;
  return lines.join('\n');
}

/**
 * The floor: what the `yaml` package alone needs, in this process, with warmed-up JIT. No server
 * can answer an edit faster than it can parse the edited document, and none that re-parses the
 * whole file can answer faster than the second number.
 */
export function parseFloor(input: EditorInput, documentRuns: number, fileRuns: number): ParseFloor {
  const document = editedDocument(input);
  return {
    input: input.name,
    document: timeSync(documentRuns, Math.max(10, documentRuns / 3), () => parseDocument(document)),
    documentBytes: Buffer.byteLength(document),
    file: timeSync(fileRuns, 1, () => parseAllDocuments(input.text)),
  };
}
