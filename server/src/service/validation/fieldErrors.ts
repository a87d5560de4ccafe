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

/** Go's %q for the strings we meet: JSON quoting with Go's escapes for control characters. */
export function goQuote(value: string): string {
  return JSON.stringify(value).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

interface Where {
  code: string;
  target?: string;
  targetKey?: boolean;
}

function make(type: ErrorType, field: string, body: string, where: Where): FieldError {
  const error: FieldError = { type, field, body, code: where.code };
  if (where.target !== undefined) error.target = where.target;
  if (where.targetKey) error.targetKey = true;
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
