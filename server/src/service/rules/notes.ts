/** A warning or an advisory: a path, a message and where to point, like a FieldError without a type. */
export interface Note {
  field: string;
  message: string;
  code: string;
  target?: string;
  targetKey?: boolean;
  /** Source offsets to report at when a path cannot tell (a key given twice has one path). */
  at?: [number, number];
}
