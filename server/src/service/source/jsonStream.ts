/**
 * JSON manifests as kubectl reads them. kubectl's decoder treats a stream whose first
 * non-blank character is `{` as a sequence of JSON values (`yaml.NewYAMLOrJSONDecoder`),
 * anything else as YAML documents, and stops at the first JSON syntax error. The values are
 * found here with a strict JSON scanner that reports where the first error is, so a JSON file
 * gets JSON's rules (no comments, no trailing commas) and diagnostics at the exact offset.
 */

export interface JsonValue {
  start: number;
  end: number;
  /** The first syntax error of this value, after which kubectl reads nothing more. */
  error?: { offset: number; message: string };
}

/** True when kubectl would read the text as JSON: it starts with `{` that opens no template tag. */
export function isJsonStream(text: string): boolean {
  const first = skipBlank(text, 0);
  if (text[first] !== '{') return false;
  return !/[{%#]/.test(text[first + 1] ?? '');
}

/** The top-level values of a JSON stream, up to and including the first one with an error. */
export function jsonValues(text: string): JsonValue[] {
  const values: JsonValue[] = [];
  for (let at = skipBlank(text, 0); at < text.length; at = skipBlank(text, at)) {
    const scanner = new Scanner(text, at);
    const error = scanner.value();
    if (error) {
      values.push({ start: at, end: text.length, error });
      return values;
    }
    values.push({ start: at, end: scanner.pos });
    at = scanner.pos;
  }
  return values;
}

function skipBlank(text: string, from: number): number {
  let i = from;
  // A byte order mark is dropped by kubectl before decoding; JSON's own blanks are these four.
  while (i < text.length && (text[i] === '\uFEFF' ? i === 0 : ' \t\r\n'.includes(text[i] ?? ''))) i++;
  return i;
}

type SyntaxError = { offset: number; message: string };

/** A strict JSON scanner with an explicit stack, so deep nesting cannot overflow the call stack. */
class Scanner {
  pos: number;

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  value(): SyntaxError | undefined {
    const stack: ('{' | '[')[] = [];
    let expectValue = true;
    for (;;) {
      this.blank();
      const c = this.text[this.pos];
      if (expectValue) {
        const error = this.openOrScalar(c, stack);
        if (error === 'opened') continue;
        if (error) return error;
        if (stack.length === 0) return undefined;
        expectValue = false;
        continue;
      }
      const top = stack[stack.length - 1];
      if (c === ',') {
        this.pos++;
        if (top === '{') {
          const error = this.key();
          if (error) return error;
        }
        expectValue = true;
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        this.pos++;
        stack.pop();
        if (stack.length === 0) return undefined;
      } else {
        return this.fail(top === '{' ? 'after object key:value pair' : 'after array element');
      }
    }
  }

  /** Reads the start of a container (returning 'opened') or a whole scalar. */
  private openOrScalar(c: string | undefined, stack: ('{' | '[')[]): SyntaxError | 'opened' | undefined {
    if (c === '{') {
      this.pos++;
      this.blank();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return undefined;
      }
      stack.push('{');
      return this.key() ?? 'opened';
    }
    if (c === '[') {
      this.pos++;
      this.blank();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return undefined;
      }
      stack.push('[');
      return 'opened';
    }
    return this.scalar(c);
  }

  /** `"key":` — the colon included. */
  private key(): SyntaxError | undefined {
    this.blank();
    if (this.text[this.pos] !== '"') return this.fail('looking for beginning of object key string');
    const error = this.string();
    if (error) return error;
    this.blank();
    if (this.text[this.pos] !== ':') return this.fail('after object key');
    this.pos++;
    return undefined;
  }

  private scalar(c: string | undefined): SyntaxError | undefined {
    if (c === undefined) return this.fail('');
    if (c === '"') return this.string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.pos, this.pos + 400),
    );
    if (!literal) return this.fail('looking for beginning of value');
    this.pos += literal[0].length;
    return undefined;
  }

  /** A string, scanned by hand: a regex over a megabyte-long value would be slow. */
  private string(): SyntaxError | undefined {
    const text = this.text;
    let i = this.pos + 1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        this.pos = i + 1;
        return undefined;
      }
      if (code < 0x20) break;
      if (code === 0x5c) {
        const escape = text[i + 1] ?? '';
        if (
          escape === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !'"\\/bfnrt'.includes(escape)
        ) {
          break;
        }
        i += escape === 'u' ? 6 : 2;
        continue;
      }
      i++;
    }
    this.pos = Math.min(i, text.length);
    return this.fail('in string literal');
  }

  private blank(): void {
    while (' \t\r\n'.includes(this.text[this.pos] ?? 'x')) this.pos++;
  }

  /** Go's encoding/json wording, which is what kubectl prints. */
  private fail(where: string): SyntaxError {
    const c = this.text[this.pos];
    if (c === undefined) return { offset: this.text.length, message: 'unexpected end of JSON input' };
    const shown = c === "'" ? "'\\''" : c < ' ' ? JSON.stringify(c) : `'${c}'`;
    return { offset: this.pos, message: `invalid character ${shown} ${where}` };
  }
}
