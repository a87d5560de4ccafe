/** The `--format json` contract, as a type the tests check outputs against. */

export interface JsonPosition {
  line: number;
  character: number;
}

export interface JsonDiagnostic {
  severity: 'error' | 'warning' | 'information' | 'hint';
  origin: 'apiserver' | 'advisory' | 'syntax';
  reason: string;
  field: string;
  code: string;
  message: string;
  range: { start: JsonPosition; end: JsonPosition };
  related: { path: string; range: { start: JsonPosition; end: JsonPosition }; message: string }[];
}

export interface JsonDocument {
  index: number;
  item: number | null;
  apiVersion: string | null;
  kind: string | null;
  name: string | null;
  templated: boolean;
  diagnostics: JsonDiagnostic[];
}

export interface JsonOutput {
  kubernetesVersion: string;
  files: { path: string; documents: JsonDocument[] }[];
}

export const diagnosticKeys = [
  'severity',
  'origin',
  'reason',
  'field',
  'code',
  'message',
  'range',
  'related',
];
export const documentKeys = ['index', 'item', 'apiVersion', 'kind', 'name', 'templated', 'diagnostics'];
