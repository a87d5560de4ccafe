import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import type { ListSpec, MapSpec, ObjectSpec, ScalarSpec, TypeSpec } from '../k8s/schemaTypes';
import { aliasTarget, conversionOf } from '../yaml/conversion';
import { goResolve } from '../yaml/goyamlScalars';
import { Locations, isNode, locationOf, valueRange } from './locations';
import type { Location } from './locations';
import { placeholderMark } from './placeholder';

export type { Location } from './locations';

export type DecodeIssueKind = 'type' | 'unknown' | 'duplicate' | 'limit';

export interface DecodeIssue {
  kind: DecodeIssueKind;
  /** The apiserver path of the field (`ports[0].port`). */
  field: string;
  /** The text the apiserver puts in its error (without the strict-decoding prefix). */
  message: string;
  location: Location;
}

export interface Decoded {
  /** The object as the apiserver's JSON decoder would fill it; absent and null are `undefined`. */
  value: Record<string, unknown>;
  issues: DecodeIssue[];
  /** Every decoded field by path; map entries as `metadata.labels[key]`. */
  locations: Locations;
  /** Paths whose value is (or contains) a template placeholder: unknown until rendered. */
  templated: Set<string>;
  /** Objects with a templated key: they may hold any field, so what is missing is not known. */
  uncertain: Set<string>;
}

export interface DecodeOptions {
  /** The node to decode (a `List` item); the document's root by default. */
  root?: unknown;
  /** Treat scalars holding template placeholders as unknown values instead of checking them. */
  templated?: boolean;
}

interface Field {
  pair: Pair;
  name: string;
  duplicate: boolean;
}

interface Context {
  path: string;
  /** Field names without indexes: Go's json reports `ports.port`, not `ports[0].port`. */
  jsonPath: string;
  /** The innermost Go struct, as in `Go struct field EndpointPort.ports.port`. */
  struct: string;
}

/** More alias references than a real manifest needs; past it decoding stops (no alias bombs). */
const aliasBudget = 10_000;
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

class AliasLimitExceeded extends Error {}

/**
 * Decodes a parsed YAML document the way kubectl's YAML-to-JSON conversion followed by the
 * apiserver's JSON decoder would: type mismatches become Go's `json: cannot unmarshal` errors,
 * fields the type does not have are reported for strict field validation, and the result is a
 * plain object the rules read.
 */
export function decode(doc: Document.Parsed, spec: ObjectSpec, options: DecodeOptions = {}): Decoded {
  const decoder = new Decoder(doc, options.templated ?? false);
  const root = 'root' in options ? options.root : doc.contents;
  let value: Record<string, unknown> = {};
  try {
    value = decoder.object(root, spec, { path: '', jsonPath: '', struct: spec.goType }) ?? {};
  } catch (error) {
    if (!(error instanceof AliasLimitExceeded)) throw error;
    decoder.issues.push({
      kind: 'limit',
      field: '',
      message: `more than ${aliasBudget} alias references; the document was not decoded`,
      location: { value: [0, 0] },
    });
  }
  const { issues, locations, templated, uncertain } = decoder;
  return { value, issues, locations, templated, uncertain };
}

class Decoder {
  readonly issues: DecodeIssue[] = [];
  readonly locations = new Locations();
  readonly templated = new Set<string>();
  readonly uncertain = new Set<string>();
  private aliasesLeft = aliasBudget;
  private readonly merging = new Set<unknown>();
  /**
   * Whether the document holds an alias (the conversion found every one). Most hold none, and
   * then `resolve` skips its test on every node, a symbol lookup on nodes of many shapes.
   */
  private readonly hasAliases: boolean;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly templates: boolean,
  ) {
    this.hasAliases = conversionOf(doc).targets.size > 0;
  }

  object(node: unknown, spec: ObjectSpec, ctx: Context): Record<string, unknown> | undefined {
    const target = this.resolve(node);
    if (isNull(target) || this.isTemplated(target, ctx)) return undefined;
    if (!isMap(target)) return this.typeError(target, `v1.${spec.goType}`, ctx);
    const out: Record<string, unknown> = {};
    for (const { pair, name, duplicate } of this.fieldsOf(target)) {
      if (this.templates && name.includes(placeholderMark)) {
        // A templated key may render as any field, so nothing is known to be missing here.
        this.uncertain.add(ctx.path);
        continue;
      }
      const path = ctx.path ? `${ctx.path}.${name}` : name;
      if (duplicate) this.issue('duplicate', path, `duplicate field "${path}"`, locationOf(pair));
      const field = spec.fields[name];
      if (!field) {
        this.issue('unknown', path, `unknown field "${path}"`, locationOf(pair));
        continue;
      }
      this.locations.set(path, pair);
      const jsonPath = ctx.jsonPath ? `${ctx.jsonPath}.${name}` : name;
      const value = this.value(pair.value, field.type, { path, jsonPath, struct: spec.goType });
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private value(node: unknown, type: TypeSpec, ctx: Context): unknown {
    switch (type.kind) {
      case 'object':
        return this.object(node, type, ctx);
      case 'list':
        return this.list(node, type, ctx);
      case 'map':
        return this.map(node, type, ctx);
      case 'raw':
        return this.raw(node);
      default:
        return this.scalar(node, type, ctx);
    }
  }

  private list(node: unknown, spec: ListSpec, ctx: Context): unknown[] | undefined {
    const target = this.resolve(node);
    if (isNull(target) || this.isTemplated(target, ctx)) return undefined;
    if (!isSeq(target)) return this.typeError(target, spec.goType, ctx);
    return target.items.map((item, index) => {
      const path = `${ctx.path}[${index}]`;
      const resolved = this.resolve(item);
      if (isNode(item)) this.locations.set(path, item);
      // Go's json leaves a null element at its zero value.
      if (isNull(resolved)) return zeroValue(spec.item);
      return this.value(resolved, spec.item, { ...ctx, path });
    });
  }

  private map(node: unknown, spec: MapSpec, ctx: Context): Record<string, string> | undefined {
    const target = this.resolve(node);
    if (isNull(target) || this.isTemplated(target, ctx)) return undefined;
    if (!isMap(target)) return this.typeError(target, spec.goType, ctx);
    const out: Record<string, string> = {};
    for (const { pair, name, duplicate } of this.fieldsOf(target)) {
      const path = `${ctx.path}[${name}]`;
      if (this.templates && name.includes(placeholderMark)) this.templated.add(path);
      if (duplicate) this.issue('duplicate', path, `duplicate field "${ctx.path}.${name}"`, locationOf(pair));
      this.locations.set(path, pair);
      // A templated value is known by its entry, so a literal neighbour is still checked.
      const entry = this.isTemplated(this.resolve(pair.value), { ...ctx, path }) ? undefined : pair.value;
      const value = entry === undefined ? placeholderMark : this.scalar(entry, spec.value, ctx);
      out[name] = typeof value === 'string' ? value : '';
    }
    return out;
  }

  private scalar(node: unknown, spec: ScalarSpec, ctx: Context): unknown {
    const target = this.resolve(node);
    if (isNull(target)) return undefined;
    if (this.isTemplated(target, ctx)) {
      // The placeholder stays as a string (unique, so never a false duplicate); other types are unknown.
      return spec.kind === 'string' && isScalar(target) ? String(target.value) : undefined;
    }
    if (!isScalar(target)) return this.typeError(target, spec.goType, ctx);
    const value: unknown = target.value instanceof Date ? String(target.source) : target.value;
    switch (spec.kind) {
      case 'string':
        return typeof value === 'string' ? value : this.typeError(target, spec.goType, ctx);
      case 'bool':
        return typeof value === 'boolean' ? value : this.typeError(target, spec.goType, ctx);
      case 'time':
        return this.time(target, value, ctx);
      default:
        return this.integer(target, value, spec, ctx);
    }
  }

  private integer(node: Node, value: unknown, spec: ScalarSpec, ctx: Context): number | undefined {
    if (typeof value !== 'number') return this.typeError(node, spec.goType, ctx);
    const bits = spec.kind === 'int32' ? 31 : 63;
    // Past 2^53 the node's number lost digits; the JSON kubectl sends has them all.
    const exact = Number.isSafeInteger(value) ? value : exactInteger(node, value);
    const limit = 2n ** BigInt(bits);
    if (typeof exact === 'bigint' && exact >= -limit && exact < limit) return Number(exact);
    if (Number.isInteger(exact) && exact >= -(2 ** bits) && exact < 2 ** bits) return Number(exact);
    return this.typeError(node, spec.goType, ctx, `number ${String(exact)}`);
  }

  private time(node: Node, value: unknown, ctx: Context): string | undefined {
    if (typeof value !== 'string') return this.typeError(node, 'v1.Time', ctx);
    if (rfc3339.test(value)) return value;
    const message = `parsing time "${value}" as "2006-01-02T15:04:05Z07:00": cannot parse "${value}" as "2006"`;
    this.issue('type', ctx.path, message, { value: valueRange(node) });
    return undefined;
  }

  private raw(node: unknown): unknown {
    const target = this.resolve(node);
    if (!isNode(target)) return undefined;
    try {
      return target.toJS(this.doc, { maxAliasCount: 100 });
    } catch (error) {
      // The yaml library's own alias-bomb guard: the same verdict as our budget, not a crash.
      if (error instanceof ReferenceError) throw new AliasLimitExceeded();
      throw error;
    }
  }

  /**
   * The pairs of a map with merge keys expanded as go-yaml v2 does: pairs apply in order, so a
   * key written after a merge wins over the merged one and a merge written after a key wins
   * over it; the maps of a merged list apply last to first, so the first one wins. Repeated
   * explicit keys are all kept (decoding reports them, the last one's value stays).
   */
  private fieldsOf(map: YAMLMap): Field[] {
    if (!map.items.some((pair) => isMergeKey(pair.key))) return this.plainFieldsOf(map);
    const applied: (Field & { explicit: boolean })[] = [];
    const seen = new Set<string>();
    for (const pair of map.items) {
      if (isMergeKey(pair.key)) {
        for (const merged of this.mergedPairs(pair.value)) {
          applied.push({
            pair: merged,
            name: keyString(this.resolve(merged.key)),
            duplicate: false,
            explicit: false,
          });
        }
        continue;
      }
      const name = keyString(this.resolve(pair.key));
      applied.push({ pair, name, duplicate: seen.has(name), explicit: true });
      seen.add(name);
    }
    const winner = new Map<string, Field & { explicit: boolean }>();
    for (const field of applied) winner.set(field.name, field);
    return applied
      .filter(
        (field) => winner.get(field.name) === field || (field.explicit && winner.get(field.name)?.explicit),
      )
      .map(({ pair, name, duplicate }) => ({ pair, name, duplicate }));
  }

  /**
   * fieldsOf for a map without merge keys, the common case: every pair in order, a repeated key
   * marked. Decoding runs over every map of a document after each keystroke, so this one builds
   * nothing but its result (a small map's repeats are found by comparing names).
   */
  private plainFieldsOf(map: YAMLMap): Field[] {
    const fields: Field[] = [];
    const seen = map.items.length > 16 ? new Set<string>() : undefined;
    for (const pair of map.items) {
      const name = keyString(this.resolve(pair.key));
      const duplicate = seen ? seen.has(name) : fields.some((field) => field.name === name);
      seen?.add(name);
      fields.push({ pair, name, duplicate });
    }
    return fields;
  }

  private mergedPairs(value: unknown): Pair[] {
    const target = this.resolve(value);
    // A map that merges itself is a conversion error (yaml/conversion.ts); never loop on it.
    if (this.merging.has(target)) return [];
    this.merging.add(target);
    try {
      // go-yaml decodes a merged map whole, so the merges inside it are expanded too.
      if (isMap(target)) return this.fieldsOf(target).map((field) => field.pair);
      if (isSeq(target)) return [...target.items].reverse().flatMap((item) => this.mergedPairs(item));
      return [];
    } finally {
      this.merging.delete(target);
    }
  }

  /** A scalar holding a template placeholder: its value is only known once rendered. */
  private isTemplated(node: unknown, ctx: Context): boolean {
    if (!this.templates || !isScalar(node)) return false;
    if (typeof node.value !== 'string' || !node.value.includes(placeholderMark)) return false;
    this.templated.add(ctx.path);
    return true;
  }

  private resolve(node: unknown): unknown {
    if (!this.hasAliases) return node;
    let current = node;
    while (isAlias(current)) {
      if (--this.aliasesLeft < 0) throw new AliasLimitExceeded();
      current = aliasTarget(this.doc, current);
    }
    return current;
  }

  private typeError(node: unknown, goType: string, ctx: Context, what = jsonKind(node)): undefined {
    const message = `json: cannot unmarshal ${what} into Go struct field ${ctx.struct}.${ctx.jsonPath} of type ${goType}`;
    this.issue('type', ctx.path, message, { value: isNode(node) ? valueRange(node) : [0, 0] });
    return undefined;
  }

  private issue(kind: DecodeIssueKind, field: string, message: string, location: Location): void {
    this.issues.push({ kind, field, message, location });
  }
}

/** The integer go-yaml read from the source, with every digit. */
function exactInteger(node: Node, value: number): number | bigint {
  const source = isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  if (source === undefined || !Number.isInteger(value)) return value;
  const resolved = goResolve(source).value;
  return typeof resolved === 'bigint' ? resolved : value;
}

function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** A plain `<<` (or `!!merge <<`); a quoted "<<" is an ordinary key for go-yaml. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/** kubectl turns every key into a string, so `1:` is the key "1". */
function keyString(key: unknown): string {
  if (isScalar(key)) return key.value instanceof Date ? String(key.source) : String(key.value);
  return String(key);
}

function jsonKind(node: unknown): string {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'number') return 'number';
    if (typeof value === 'boolean') return 'bool';
  }
  return 'string';
}

function zeroValue(type: TypeSpec): unknown {
  switch (type.kind) {
    case 'object':
      return {};
    case 'string':
    case 'time':
      return '';
    case 'int32':
    case 'int64':
      return 0;
    case 'bool':
      return false;
    default:
      return undefined;
  }
}
