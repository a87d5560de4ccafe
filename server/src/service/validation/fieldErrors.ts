import type { Reason } from '../types';

/**
 * The apiserver's field errors (k8s.io/apimachinery/pkg/util/validation/field), rendered the way
 * `kubectl` prints each cause: `<field>: <body>`. Rules build these and never format text
 * themselves, so the wording lives in one place.
 */
export type ErrorType = Exclude<Reason, 'BadRequest' | 'NotFound' | 'Warning' | 'Advisory' | 'SyntaxError'>;

export interface FieldError {
  type: ErrorType;
  /** The apiserver's path, e.g. `endpoints[0].addresses`. */
  field: string;
  /** The error body, e.g. `Invalid value: "x": must be ...`. */
  body: string;
  /** Stable diagnostic code of the rule that produced it. */
  code: string;
  /** Where to point in the source when the path is wider than the culprit (list-level errors). */
  target?: string;
  /** Point at the key rather than the value (map keys such as label names). */
  targetKey?: boolean;
  /**
   * Our second sentence, after the apiserver's line, where its wording alone misleads (a
   * duplicate `""` port name: nobody wrote `""`). The fidelity suite compares the line only.
   */
  explanation?: string;
}

/**
 * A list or struct value already written the way the apiserver prints it, for releases that print
 * such values with Go's `%#v` rather than as JSON (validation/goValues.ts).
 */
export class PrintedValue {
  constructor(readonly text: string) {}
}

/**
 * A value the way Go's field errors print it: strings quoted, numbers and booleans bare, nil as
 * null, lists and structs as JSON (or as given, when the release prints them otherwise).
 */
export function renderValue(value: unknown): string {
  if (value instanceof PrintedValue) return value.text;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Go's %q (strconv.Quote): printable characters as they are, `\a \b \f \n \r \t \v`, other
 * ASCII control characters as `\xNN`, any other unprintable character as `\uNNNN` / `\UNNNNNNNN`.
 */
export function goQuote(value: string): string {
  // Printable ASCII (the usual case) is quoted the same way by JSON.
  if (/^[\x20-\x7e]*$/.test(value)) return JSON.stringify(value);
  let quoted = '"';
  for (const ch of value) quoted += quoteRune(ch, ch.codePointAt(0) ?? 0);
  return `${quoted}"`;
}

const shortEscapes: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};

function quoteRune(ch: string, rune: number): string {
  if (ch === '"' || ch === '\\') return `\\${ch}`;
  // A lone surrogate reaches Go as U+FFFD, which is printed as is.
  if (rune >= 0xd800 && rune <= 0xdfff) return '\ufffd';
  if (isGoPrintable(rune)) return ch;
  const short = shortEscapes[rune];
  if (short) return short;
  const hex = rune.toString(16);
  if (rune < 0x20 || rune === 0x7f) return `\\x${hex.padStart(2, '0')}`;
  return rune < 0x10000 ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrintable(rune: number): boolean {
  if (rune === 0x20) return true;
  // A lone surrogate reaches Go as U+FFFD, which is printable.
  if (rune >= 0xd800 && rune <= 0xdfff) return true;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(rune));
}

interface Where {
  code: string;
  target?: string;
  targetKey?: boolean;
  explanation?: string;
}

function make(type: ErrorType, field: string, body: string, where: Where): FieldError {
  const error: FieldError = { type, field, body, code: where.code };
  if (where.target !== undefined) error.target = where.target;
  if (where.targetKey) error.targetKey = true;
  if (where.explanation !== undefined) error.explanation = where.explanation;
  return error;
}

const withDetail = (head: string, detail: string): string => (detail ? `${head}: ${detail}` : head);

export const fieldError = {
  required: (field: string, detail: string, where: Where): FieldError =>
    make('FieldValueRequired', field, withDetail('Required value', detail), where),

  invalid: (field: string, value: unknown, detail: string, where: Where): FieldError =>
    make('FieldValueInvalid', field, withDetail(`Invalid value: ${renderValue(value)}`, detail), where),

  notSupported: (field: string, value: unknown, supported: readonly string[], where: Where): FieldError => {
    const list = [...supported].sort().map(goQuote).join(', ');
    return make(
      'FieldValueNotSupported',
      field,
      `Unsupported value: ${renderValue(value)}: supported values: ${list}`,
      where,
    );
  },

  duplicate: (field: string, value: unknown, where: Where): FieldError =>
    make('FieldValueDuplicate', field, `Duplicate value: ${renderValue(value)}`, where),

  tooMany: (field: string, actual: number, max: number, where: Where): FieldError =>
    make('FieldValueTooMany', field, `Too many: ${actual}: must have at most ${max} items`, where),

  tooLong: (field: string, max: number, where: Where): FieldError =>
    make('FieldValueTooLong', field, `Too long: may not be more than ${max} bytes`, where),

  forbidden: (field: string, detail: string, where: Where): FieldError =>
    make('FieldValueForbidden', field, withDetail('Forbidden', detail), where),
};

/** The line kubectl prints for a cause. */
export function causeMessage(error: FieldError): string {
  return error.field ? `${error.field}: ${error.body}` : error.body;
}

/**
 * The diagnostic's message: the line kubectl prints, then our explanation as a second sentence,
 * so the message still starts with exactly what the apiserver says.
 */
export function diagnosticMessage(error: FieldError): string {
  const line = causeMessage(error);
  return error.explanation === undefined ? line : `${line}. ${error.explanation}`;
}
