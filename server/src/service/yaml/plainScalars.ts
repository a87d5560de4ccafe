import { isScalar } from 'yaml';
import type { Document, Scalar, ScalarTag } from 'yaml';
import { newScalar } from './sectionCopy';

/**
 * Scalars for the plain reader (plainParse.ts), built as the `yaml` package's composer builds
 * them (`composeScalar`): a plain scalar takes the first default tag of the document's schema
 * whose test matches its source (`default: 'key'` tags too, at a key), and that tag's `resolve`
 * gives its value; a quoted scalar is a string. The node carries `range`, `source`, `type` and
 * the tag's `format`, as the composer sets them. Whatever the composer would report (a tag that
 * fails to resolve) or a schema option that changes the rules ends the plain reading instead.
 */

/**
 * Thrown where the plain reader is not certain to build what the full parse builds; the caller
 * falls back to the full parse. Its cost (a stack trace) is paid once per document that falls
 * back, next to a full parse of that document.
 */
export class NotPlain extends Error {
  constructor(readonly reason: string) {
    super(`not plain: ${reason}`);
  }
}

/**
 * A tag's answer for a source: a primitive value and the tag's format, or (`node`) a node the tag
 * built that carries more than its value, which serves one scalar only.
 */
interface Resolution {
  value: unknown;
  format: string | undefined;
  node?: Scalar;
}

const stringTag = 'tag:yaml.org,2002:str';

/** Sources kept at most by ScalarResolutions, a few hundred kilobytes. */
const maxKept = 10_000;

/**
 * What the plain scalars of the documents one store parses resolve to, by source: manifests
 * repeat their keys (`name`, `ip`) and many values (`true`, `TCP`), within a document and across
 * a workspace's documents, and each new source otherwise runs the tags' regular expressions.
 * A resolution depends on the parse options only, so the memo starts over when they change
 * (they are one object for every plain parse: yamlDocument.ts's kubectlYaml) and when it is full.
 */
export class ScalarResolutions {
  readonly keys = new Map<string, Resolution>();
  readonly values = new Map<string, Resolution>();
  private options: object | undefined;

  /** The memo for documents parsed with `options`. */
  for(options: object): this {
    if (this.options !== options || this.keys.size + this.values.size > maxKept) {
      this.keys.clear();
      this.values.clear();
      this.options = options;
    }
    return this;
  }
}

/** Resolves the scalars of one document, through the memo of resolutions it is given. */
export class PlainScalars {
  private readonly tags: ScalarTag[];
  /**
   * Whether a scalar was built that fails kubectl's conversion to JSON (a null key, `.inf` or
   * `.nan`; yaml/conversion.ts). The reader builds no alias, anchor or merge key, so without one
   * the document converts, and the conversion's walk over its nodes can be skipped.
   */
  failsConversion = false;

  constructor(
    private readonly doc: Document,
    private readonly resolutions: ScalarResolutions,
  ) {
    // A compat schema warns about ambiguous scalars and `stringKeys` reads keys as strings: both
    // change what the composer builds, and kubectl's reading sets neither.
    if (doc.schema.compat || doc.options.stringKeys) throw new NotPlain('schema options');
    this.tags = doc.schema.tags.filter((tag): tag is ScalarTag => !tag.collection);
    const str = this.tags.find((tag) => tag.tag === stringTag);
    if (str?.resolve('x', () => undefined, doc.options) !== 'x' || str.format) {
      throw new NotPlain('string tag');
    }
  }

  /** A plain scalar whose source runs from `start` to `end`; its node ends at `nodeEnd`. */
  plain(start: number, end: number, nodeEnd: number, source: string, atKey: boolean): Scalar {
    // (No `isScalar` here: on the many shapes of nodes it is a megamorphic symbol lookup, and
    // this runs for every plain scalar.)
    const memo = atKey ? this.resolutions.keys : this.resolutions.values;
    let resolved = memo.get(source);
    if (resolved === undefined) {
      resolved = this.resolve(source, atKey);
      if (resolved.node === undefined) memo.set(source, resolved);
    }
    const scalar = resolved.node ?? newScalar(resolved.value);
    scalar.range = [start, end, nodeEnd];
    scalar.source = source;
    scalar.type = 'PLAIN';
    if (resolved.node === undefined && resolved.format) scalar.format = resolved.format;
    const value = scalar.value;
    if ((atKey && value === null) || (typeof value === 'number' && !Number.isFinite(value))) {
      this.failsConversion = true;
    }
    return scalar;
  }

  /** A quoted scalar (its value already unescaped): a string, as the composer's default tag. */
  quoted(value: string, type: 'QUOTE_DOUBLE' | 'QUOTE_SINGLE', range: [number, number, number]): Scalar {
    const scalar = newScalar(value);
    scalar.range = range;
    scalar.source = value;
    scalar.type = type;
    return scalar;
  }

  /**
   * The composer's `findScalarTagByTest` and `tag.resolve`. A tag that yields a node of its own
   * is kept only when that node holds nothing but its value (the null tag's); others (a float
   * with its fraction digits) are returned for this scalar alone.
   */
  private resolve(source: string, atKey: boolean): Resolution {
    const tag = this.tags.find(
      (t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source),
    );
    if (!tag) return { value: source, format: undefined };
    if (tag.default === 'key') throw new NotPlain('merge key');
    let failed = false;
    const result = tag.resolve(
      source,
      () => {
        failed = true;
      },
      this.doc.options,
    );
    if (failed) throw new NotPlain('tag resolution');
    if (isScalar(result)) {
      const keys = Object.keys(result);
      if (keys.length !== 1 || keys[0] !== 'value' || isObject(result.value)) {
        if (tag.format) result.format = tag.format;
        return { value: result.value, format: undefined, node: result };
      }
      return { value: result.value, format: tag.format };
    }
    if (isObject(result)) throw new NotPlain('object value');
    return { value: result, format: tag.format };
  }
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}
