/**
 * Plain data types of the language service. They mirror the LSP shapes structurally (0-based
 * lines and UTF-16 characters) so the server can pass them through without conversion, but the
 * service does not depend on any LSP package.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Where a diagnostic comes from: the emulated kube-apiserver, our own advice, or the YAML parser. */
export type Origin = 'apiserver' | 'advisory' | 'syntax';

/**
 * The apiserver's cause types (`details.causes[].reason`), plus `BadRequest` for decode errors,
 * `Warning` for `Warning:` headers, `NotFound` for an unserved apiVersion, and our own reasons
 * for advice and syntax problems.
 */
export type Reason =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueTooMany'
  | 'FieldValueTooLong'
  | 'FieldValueForbidden'
  | 'InternalError'
  | 'BadRequest'
  | 'NotFound'
  | 'Warning'
  | 'Advisory'
  | 'SyntaxError';

export interface EndpointDiagnostic {
  range: Range;
  severity: Severity;
  /** Stable per rule; quick fixes key on it. See validation/codes.ts. */
  code: string;
  message: string;
  origin: Origin;
  reason: Reason;
  /** The apiserver's field path (`endpoints[0].addresses[1]`), or '' when there is none. */
  field: string;
}

/** The two kinds this service understands. */
export type OurKind = 'EndpointSlice' | 'Endpoints';

/** One `---` document of a file and what was found in it. */
export interface DocumentReport {
  /** 0-based position of the document in its file. */
  index: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** The lines the document spans. */
  range: Range;
  diagnostics: EndpointDiagnostic[];
}

export interface FileReport {
  documents: DocumentReport[];
  /** Every diagnostic of every document, in document order. */
  diagnostics: EndpointDiagnostic[];
}
