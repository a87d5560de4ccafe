/** Characters the plain reader (plainParse.ts, plainFlow.ts) looks for, as char codes. */
export const SPACE = 0x20;
export const NEWLINE = 0x0a;
export const DQUOTE = 0x22;
export const HASH = 0x23;
export const SQUOTE = 0x27;
export const COMMA = 0x2c;
export const DASH = 0x2d;
export const COLON = 0x3a;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;

/** Characters that may not start a plain scalar (`-` may, when a non-blank follows it). */
export const indicators: ReadonlySet<number> = new Set(
  '-?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)),
);
