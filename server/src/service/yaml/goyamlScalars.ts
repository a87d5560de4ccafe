import type { ScalarTag, Tags } from 'yaml';

/**
 * Scalars resolved the way kubectl's YAML reader resolves them: sigs.k8s.io/yaml on top of
 * go-yaml v2, whose `resolve` is neither YAML 1.1 nor 1.2. Settled against apimachinery's
 * decoder (`yaml.NewYAMLOrJSONDecoder`, as kubectl's builder uses it):
 *
 * - integers are what Go's `strconv.ParseInt(s, 0, 64)` reads once every `_` is removed
 *   (`0o17`, `0O17`, `0x1F`, `0b101`, `017` and `+12` are numbers), then `ParseUint`, then a
 *   float; base-60 (`1:20`) is a string, and a float too large for float64 (`1e400`) is a string;
 * - `.inf` and `.nan` are floats that JSON cannot carry, so the document fails to convert;
 * - an explicit `!!int`, `!!float`, `!!bool`, `!!null` or `!!timestamp` must resolve to its own
 *   kind (`!!float 1` is a float, `!!int abc` is an error); `!!binary` is base64 read as a string;
 *   tags go-yaml does not resolve (`!!set`, `!foo`) leave the scalar a string.
 *
 * Timestamps stay the strings they were written as (go-yaml v2 keeps them so for `interface{}`).
 */

type Resolved = string | number | bigint | boolean | null;

const boolTrue = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const boolFalse = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const nulls = new Set(['', '~', 'null', 'Null', 'NULL']);
const specialFloats: Record<string, number> = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};

/** go-yaml's `yamlStyleFloat`. */
const yamlStyleFloat = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** What `strconv.ParseInt(s, 0, 64)` accepts, by its base prefix. */
const goInteger = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/;
/** go-yaml's timestamp layouts (the value stays a string). */
const timestamp =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

type Kind = 'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp';

/** go-yaml's `resolve(tag, in)` for the tags it resolves (`tag` empty for a plain scalar). */
export function goResolve(text: string, tag: Kind | '' = ''): { kind: Kind; value: Resolved } {
  if (tag === 'str') return { kind: 'str', value: text };
  const first = text[0] ?? '';
  const mapped = lookup(text);
  if (mapped) return mapped;
  if (first === '.') {
    if (/^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(text)) {
      const value = Number(text);
      if (Number.isFinite(value)) return { kind: 'float', value };
    }
  } else if (/[-+0-9]/.test(first)) {
    if ((tag === '' || tag === 'timestamp') && timestamp.test(text)) {
      return { kind: 'timestamp', value: text };
    }
    const number = goNumber(text.replace(/_/g, ''));
    if (number) return number;
  }
  return { kind: 'str', value: text };
}

/** The longest word of the four tables (`false`, `+.inf`). */
const longestWord = 5;

function lookup(text: string): { kind: Kind; value: Resolved } | undefined {
  // Most scalars (names, addresses) are longer than every word: they skip four hashed lookups.
  if (text.length > longestWord) return undefined;
  if (boolTrue.has(text)) return { kind: 'bool', value: true };
  if (boolFalse.has(text)) return { kind: 'bool', value: false };
  if (nulls.has(text)) return { kind: 'null', value: null };
  const special = specialFloats[text];
  return special === undefined ? undefined : { kind: 'float', value: special };
}

/** ParseInt, then ParseUint, then ParseFloat, as go-yaml tries them. */
function goNumber(plain: string): { kind: Kind; value: Resolved } | undefined {
  const match = goInteger.exec(plain);
  if (match) {
    const [, sign, hex, oct, bin, leadingZero, decimal] = match;
    const digits = hex
      ? `0x${hex}`
      : oct
        ? `0o${oct}`
        : bin
          ? `0b${bin}`
          : leadingZero
            ? `0o${leadingZero}`
            : decimal;
    const magnitude = BigInt(digits ?? '0');
    const value = sign === '-' ? -magnitude : magnitude;
    if (value >= int64Min && value <= int64Max) return { kind: 'int', value: asNumber(value) };
    if (sign === '' && value <= uint64Max) return { kind: 'int', value };
  }
  if (yamlStyleFloat.test(plain)) {
    const value = Number(plain);
    // Go's ParseFloat refuses a value beyond float64's range, so go-yaml keeps the string.
    if (Number.isFinite(value)) return { kind: 'float', value };
  }
  return undefined;
}

/** A JavaScript number when it is exact, the bigint otherwise (the digits reach the error text). */
function asNumber(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

const yamlTag = (name: string): string => `tag:yaml.org,2002:${name}`;

/** Every plain scalar that could be a number for go-yaml; `resolve` decides (a string otherwise). */
const plainNumber: ScalarTag = {
  tag: yamlTag('int'),
  default: true,
  // A parsed document written back (the split quick fix) writes its numbers as they were read.
  identify: (value) => typeof value === 'number',
  stringify: (item) => (typeof item.source === 'string' ? item.source : String(item.value)),
  test: /^(?:[-+0-9][-+0-9_a-fA-FxXoO.]*|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  resolve: (text) => asJsonNumber(goResolve(text).value),
};

/**
 * Node values stay JavaScript numbers (everything downstream reads numbers); an integer beyond
 * 2^53 loses digits here, and decode.ts reads its exact value from the source when it matters.
 */
function asJsonNumber(value: Resolved): Resolved {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** `!!int x` and friends: the value must resolve to the tag's own kind. */
function explicit(kind: Exclude<Kind, 'str'>): ScalarTag {
  return {
    tag: yamlTag(kind),
    identify: () => false,
    resolve(text, onError) {
      const resolved = goResolve(text, kind);
      if (resolved.kind === kind) return asJsonNumber(resolved.value);
      if (kind === 'float' && resolved.kind === 'int') return Number(resolved.value);
      onError(`cannot decode !!${resolved.kind} \`${text}\` as a !!${kind}`);
      return text;
    },
  };
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `!!binary`: Go's standard base64 (line breaks ignored), read as a string as JSON carries it. */
const binary: ScalarTag = {
  tag: yamlTag('binary'),
  identify: () => false,
  resolve(text, onError) {
    const compact = text.replace(/[\r\n]/g, '');
    if (!base64.test(compact)) {
      onError('!!binary value contains invalid base64 data');
      return text;
    }
    return goString(base64Bytes(compact));
  },
};

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Bytes(text: string): number[] {
  const bytes: number[] = [];
  let bits = 0;
  let count = 0;
  for (const ch of text.replace(/=+$/, '')) {
    bits = (bits << 6) | base64Alphabet.indexOf(ch);
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push((bits >> count) & 0xff);
    }
  }
  return bytes;
}

/** Bytes as encoding/json writes them: valid UTF-8 as is, each invalid byte as U+FFFD. */
function goString(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const [codePoint, width] = utf8At(bytes, i);
    out += String.fromCodePoint(codePoint);
    i += width;
  }
  return out;
}

function utf8At(bytes: readonly number[], i: number): [number, number] {
  const first = bytes[i] ?? 0;
  if (first < 0x80) return [first, 1];
  const width = first >= 0xf0 ? (first <= 0xf4 ? 4 : 0) : first >= 0xe0 ? 3 : first >= 0xc2 ? 2 : 0;
  if (width === 0) return [0xfffd, 1];
  let codePoint = first & (0xff >> (width + 1));
  for (let k = 1; k < width; k++) {
    const next = bytes[i + k];
    if (next === undefined || (next & 0xc0) !== 0x80) return [0xfffd, 1];
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  const minimum = [0, 0, 0x80, 0x800, 0x10000][width] ?? 0;
  const invalid = codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff);
  return invalid ? [0xfffd, 1] : [codePoint, width];
}

const replaced = new Set(['int', 'float', 'binary', 'timestamp', 'omap', 'pairs', 'set'].map(yamlTag));

/**
 * The yaml library's YAML 1.1 tags with numbers, binary, timestamps and the collection tags
 * go-yaml ignores replaced by go-yaml's rules. Nulls and booleans are the same in both.
 */
export function kubectlTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => typeof tag === 'string' || !replaced.has(tag.tag));
  return [
    ...kept,
    plainNumber,
    ...(['int', 'float', 'bool', 'null', 'timestamp'] as const).map(explicit),
    binary,
  ];
}
