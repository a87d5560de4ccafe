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
 * The apiserver's cause types (`details.causes[].reason`), plus `BadRequest` for decode errors (and
 * a request kubectl cannot make), `Warning` for `Warning:` headers, `NotFound` for an unserved
 * apiVersion or a namespace that cannot exist, and our own reasons for advice and syntax problems.
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
  /** Places elsewhere that explain it (the pod template a selector misses), as LSP relatedInformation. */
  related?: RelatedPlace[];
}

/** A place in another file (or this one) a diagnostic refers to. */
export interface RelatedPlace {
  uri: string;
  range: Range;
  message: string;
}

/** The two kinds this service understands. */
export type OurKind = 'EndpointSlice' | 'Endpoints';

/**
 * One `---` document of a file (or one JSON value of a JSON file) and what was found in it. A
 * `List` document is followed by one report per item (same `index`, with `item`), because
 * kubectl sends each item as its own create.
 */
export interface DocumentReport {
  /** 0-based position of the document in its file. */
  index: number;
  /** For an item of a `List`: its 0-based position among the list's unpacked items. */
  item?: number;
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** Set when the document holds template tags (Helm, Jinja): only its literal parts were checked. */
  templated?: boolean;
  /** The lines the document (or the item) spans. */
  range: Range;
  diagnostics: EndpointDiagnostic[];
}

export interface FileReport {
  documents: DocumentReport[];
  /** Every diagnostic of every document, in document order. */
  diagnostics: EndpointDiagnostic[];
}
