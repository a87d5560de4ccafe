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
        if (top === '{' && !this.key()) return this.fail(`expected a string key`);
        expectValue = true;
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        this.pos++;
        stack.pop();
        if (stack.length === 0) return undefined;
      } else {
        return this.fail(`expected ',' or '${top === '{' ? '}' : ']'}'`);
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
      return this.key() ? 'opened' : this.fail('expected a string key');
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
  private key(): boolean {
    this.blank();
    if (this.text[this.pos] !== '"' || this.string()) return false;
    this.blank();
    if (this.text[this.pos] !== ':') return false;
    this.pos++;
    return true;
  }

  private scalar(c: string | undefined): SyntaxError | undefined {
    if (c === undefined) return this.fail('unexpected end of JSON input');
    if (c === '"') return this.string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.pos, this.pos + 400),
    );
    if (!literal) return this.fail(`invalid character ${JSON.stringify(c)} looking for beginning of value`);
    this.pos += literal[0].length;
    return undefined;
  }

  private string(): SyntaxError | undefined {
    const re = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
    re.lastIndex = this.pos;
    const match = re.exec(this.text);
    if (!match) return this.fail('invalid or unterminated string');
    this.pos += match[0].length;
    return undefined;
  }

  private blank(): void {
    while (' \t\r\n'.includes(this.text[this.pos] ?? 'x')) this.pos++;
  }

  private fail(message: string): SyntaxError {
    return { offset: Math.min(this.pos, this.text.length), message };
  }
}
