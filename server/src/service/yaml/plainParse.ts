import { Document } from 'yaml';
import type {
  DocumentOptions,
  Node,
  Pair,
  ParseOptions,
  Scalar,
  SchemaOptions,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import {
  COLON,
  DASH,
  DQUOTE,
  HASH,
  LBRACE,
  LBRACKET,
  NEWLINE,
  RBRACE,
  SPACE,
  SQUOTE,
  indicators,
} from './plainChars';
import { flowSequence, quotedAt, quotedType } from './plainFlow';
import type { FlowLine } from './plainFlow';
import { NotPlain, PlainScalars, ScalarResolutions } from './plainScalars';
import { markConvertible } from './conversion';
import { newMap, newPair, newSeq } from './sectionCopy';

/**
 * The plain reader: the fast path of the YAML parse. Manifests are almost always written in a
 * small part of YAML: block mappings and sequences indented by spaces, one-line plain or quoted
 * scalars, one-line flow sequences of such scalars (plainFlow.ts), `{}`, and comments after
 * values or before top-level keys. For such a document this reader builds, in one pass over its
 * lines, the same `yaml` nodes (YAMLMap, YAMLSeq, Pair, Scalar, with the same ranges, values,
 * comments and properties) and the same Document that `parseDocument` builds through its lexer,
 * CST parser and composer, at a fraction of the cost, so every reader of the parse works
 * unchanged.
 *
 * The rule is to be certain or to step aside: anything the reader does not reproduce exactly
 * makes it throw NotPlain and the caller parses in full (yamlDocument.ts). That is a comment
 * other than one after a scalar value or comment lines at column 0 before a key at column 0
 * (not after `---`, nor after an empty value, whose null would take them), a tab, a CR, a blank
 * line before the content ends, an anchor, alias, tag, merge key, block scalar, multi-line
 * scalar, flow mapping other than `{}`, flow sequence across lines or holding more than
 * scalars, escape in a double-quoted scalar, quoted key, key longer than 1000 characters,
 * document marker or directive, a root that is not a column-0 mapping or sequence, deep
 * nesting, and any indentation the block rules do not read one way only. Equivalence is proven
 * by test/unit/plainParse.test.ts.
 */

/** Characters the reader never reads; a document holding one is parsed in full. */
const unread = /[\t\r\\\uFEFF\u0085\u2028\u2029]/;

/** Block collections nested deeper than this are read in full. */
const maxDepth = 100;

/**
 * A Document equal to `parseDocument(text, options)`, or undefined when the text is not in the
 * plain subset. `options` are those of the full parse, so the schema is the same; `resolutions`
 * is the memo of scalar resolutions of whoever parses many documents (a document store).
 */
export function plainDocument(
  text: string,
  options: DocumentOptions & SchemaOptions & ParseOptions,
  resolutions = new ScalarResolutions(),
): Document.Parsed | undefined {
  if (unread.test(text)) return undefined;
  try {
    const doc = new Document(undefined, options) as Document.Parsed;
    const reader = new PlainReader(text, doc, resolutions.for(options));
    const root = reader.read();
    doc.contents = root as Document.Parsed['contents'];
    if (!reader.failsConversion) markConvertible(doc);
    // The document starts where its content does, after comment lines (not after `---`).
    const [start, , end] = root.range as [number, number, number];
    doc.range = [doc.directives.docStart ? 0 : start, end, text.length];
    return doc;
  } catch (e) {
    if (e instanceof NotPlain) return undefined;
    throw e;
  }
}

class PlainReader {
  private readonly scalars: PlainScalars;
  private readonly n: number;
  /** The current line: where it starts, its first non-space character, its end (its LF or the text's end). */
  private start = 0;
  private content = 0;
  private eol = 0;
  private atEnd = false;
  /** Comment lines read before the current line, waiting for its key (commentLines). */
  private pendingComment: string | undefined;
  /** How many block collections hold the line being read. */
  private depth = 0;
  /** Whether the last node read is the null of a key or item without a value. */
  private lastEmpty = false;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
    resolutions: ScalarResolutions,
  ) {
    this.scalars = new PlainScalars(doc, resolutions);
    this.n = text.length;
  }

  /** Whether a node was read that fails kubectl's conversion to JSON (then yaml/conversion.ts judges). */
  get failsConversion(): boolean {
    return this.scalars.failsConversion;
  }

  read(): YAMLMap | YAMLSeq {
    // Every document after a file's first starts with its `---` line (source/split.ts).
    const marked = this.text.startsWith('---\n');
    if (marked) this.doc.directives.docStart = true;
    this.enterLine(marked ? 4 : 0);
    if (marked && this.pendingComment !== undefined) throw new NotPlain('comment after ---');
    if (this.atEnd || this.indent !== 0) throw new NotPlain('root');
    const root = this.block(0);
    if (!this.atEnd) throw new NotPlain('after root');
    // The composer gives the document's last lines to a null that ends it (its range, and
    // `spaceBefore` after a blank line), unlike any other last node.
    if (this.lastEmpty) throw new NotPlain('empty last value');
    return root;
  }

  private get indent(): number {
    return this.content - this.start;
  }

  /**
   * Makes the line starting at `start` current. A blank line ends the content: only blank lines
   * may follow it (they belong to the document's end), anything else is read in full.
   */
  private enterLine(start: number): void {
    const { text, n } = this;
    if (start >= n) {
      this.atEnd = true;
      return;
    }
    let content = start;
    while (content < n && text.charCodeAt(content) === SPACE) content++;
    const newline = text.indexOf('\n', content);
    const eol = newline < 0 ? n : newline;
    if (content === eol) {
      if (text.slice(eol).trim() !== '') throw new NotPlain('blank line');
      this.atEnd = true;
      return;
    }
    if (text.charCodeAt(content) === HASH) {
      if (content !== start) throw new NotPlain('indented comment');
      this.commentLines(start);
      return;
    }
    if (content === start && isMarker(text, start)) throw new NotPlain('marker');
    this.start = start;
    this.content = content;
    this.eol = eol;
  }

  /**
   * Comment lines from `start`, then the line after them. The reader takes only comment lines at
   * column 0 right before a key at column 0, which the composer gives that key as its
   * `commentBefore` (one line of text after each `#`, a lone `#` read as a blank, joined by
   * LFs); anywhere else, comments end up on the collection before them or after a blank line.
   */
  private commentLines(start: number): void {
    const { text, n } = this;
    const lines: string[] = [];
    let at = start;
    while (at < n && text.charCodeAt(at) === HASH) {
      const newline = text.indexOf('\n', at);
      const eol = newline < 0 ? n : newline;
      lines.push(text.slice(at + 1, eol) || ' ');
      at = eol + 1;
    }
    if (at >= n || this.pendingComment !== undefined) throw new NotPlain('comment lines');
    this.pendingComment = lines.join('\n');
    this.enterLine(at);
    if (this.atEnd || this.indent !== 0) throw new NotPlain('comment before an indented line');
  }

  /** The comment lines before the current line's key, taken by the key they belong to. */
  private takeComment(): string | undefined {
    const comment = this.pendingComment;
    this.pendingComment = undefined;
    return comment;
  }

  private nextLine(): void {
    this.enterLine(this.eol + 1);
  }

  /** Where a node on the current line ends: after the line's LF, as the composer counts it. */
  private get nodeEnd(): number {
    return this.eol < this.n ? this.eol + 1 : this.n;
  }

  /** A block mapping or sequence whose entries start at column `col` of the current line. */
  private block(col: number): YAMLMap | YAMLSeq {
    // The reader recurses once per level; deep nesting, which no manifest has, is the full
    // parse's to read (and to bound: source/limits.ts), never a stack overflow here.
    if (++this.depth > maxDepth) throw new NotPlain('deep nesting');
    const node = this.isDash(this.content) ? this.sequence(col) : this.mapping(col, this.content);
    this.depth--;
    return node;
  }

  private isDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = at + 1;
    return next === this.eol || this.text.charCodeAt(next) === SPACE;
  }

  private mapping(col: number, first: number): YAMLMap {
    const map = newMap(this.doc.schema);
    const items = map.items;
    let keyAt = first;
    for (;;) {
      items.push(this.entry(col, keyAt));
      if (this.atEnd || this.indent < col) break;
      if (this.indent > col || this.isDash(this.content)) throw new NotPlain('mapping indentation');
      keyAt = this.content;
    }
    return withRange(map, first, items[items.length - 1]?.value as Node);
  }

  /** One `key: value` whose key starts at `keyAt` on the current line, with its value's lines. */
  private entry(col: number, keyAt: number): Pair {
    const colon = this.keyEnd(keyAt);
    if (colon < 0) throw new NotPlain('not a key');
    const key = this.scalars.plain(keyAt, colon, colon, this.text.slice(keyAt, colon), true);
    const comment = this.takeComment();
    if (comment !== undefined) key.commentBefore = comment;
    let valueAt = colon + 1;
    while (valueAt < this.eol && this.text.charCodeAt(valueAt) === SPACE) valueAt++;
    if (valueAt < this.eol) {
      const value = this.inline(valueAt);
      this.nextLine();
      if (!this.atEnd && this.indent > col) throw new NotPlain('continued scalar');
      return newPair(key, value);
    }
    this.nextLine();
    // A null's node would take the comment lines after it.
    if (this.pendingComment !== undefined) throw new NotPlain('comment after an empty value');
    if (!this.atEnd && this.indent > col) return newPair(key, this.block(this.indent));
    if (!this.atEnd && this.indent === col && this.isDash(this.content)) {
      return newPair(key, this.sequence(col));
    }
    return newPair(key, this.empty(valueAt));
  }

  private sequence(col: number): YAMLSeq {
    const seq = newSeq(this.doc.schema);
    const items = seq.items as Node[];
    const first = this.content;
    for (;;) {
      items.push(this.item(col, this.content));
      if (this.atEnd || this.indent < col) break;
      if (this.indent > col) throw new NotPlain('sequence indentation');
      if (!this.isDash(this.content)) break;
    }
    return withRange(seq, first, items[items.length - 1]);
  }

  /** One `- …` item whose dash is at `dash` on the current line, with its lines. */
  private item(col: number, dash: number): Node {
    let at = dash + 1;
    while (at < this.eol && this.text.charCodeAt(at) === SPACE) at++;
    if (this.pendingComment !== undefined) throw new NotPlain('comment before an item');
    if (at === this.eol) {
      this.nextLine();
      if (this.pendingComment !== undefined) throw new NotPlain('comment after an empty item');
      if (!this.atEnd && this.indent > col) return this.block(this.indent);
      return this.empty(at);
    }
    if (this.isDash(at)) throw new NotPlain('compact sequence');
    if (this.keyEnd(at) >= 0) return this.mapping(at - this.start, at);
    const value = this.inline(at);
    this.nextLine();
    if (!this.atEnd && this.indent > col) throw new NotPlain('continued item');
    return value;
  }

  /**
   * Where the plain key starting at `at` ends: at the first `:` followed by a space or the line's
   * end; -1 when the line holds no such key or starts with an indicator.
   */
  private keyEnd(at: number): number {
    const { text, eol } = this;
    const first = text.charCodeAt(at);
    // A quoted key, an explicit key and any other indicator are the full parse's to read.
    if (indicators.has(first) && !(first === DASH && at + 1 < eol && text.charCodeAt(at + 1) !== SPACE)) {
      return -1;
    }
    for (let colon = at; colon < eol; colon++) {
      if (text.charCodeAt(colon) !== COLON) continue;
      if (colon + 1 !== eol && text.charCodeAt(colon + 1) !== SPACE) continue;
      if (text.charCodeAt(colon - 1) === SPACE || colon - at > 1000) throw new NotPlain('key shape');
      return this.commentStart(at, colon) >= 0 ? -1 : colon;
    }
    return -1;
  }

  /** A value that starts at `at` and ends the current line. */
  private inline(at: number): Node {
    const code = this.text.charCodeAt(at);
    if (code === DQUOTE || code === SQUOTE) return this.quoted(at, code);
    if (code === LBRACKET) return this.flowSequence(at);
    if (code === LBRACE) return this.emptyFlowMap(at);
    if (
      indicators.has(code) &&
      !(code === DASH && at + 1 < this.eol && this.text.charCodeAt(at + 1) !== SPACE)
    ) {
      throw new NotPlain('indicator');
    }
    const hash = this.plainValueEnd(at);
    let end = hash < 0 ? this.eol : hash;
    while (this.text.charCodeAt(end - 1) === SPACE) end--;
    const scalar = this.scalars.plain(at, end, this.nodeEnd, this.text.slice(at, end), false);
    if (hash >= 0) scalar.comment = commentText(this.text, hash, this.eol);
    return scalar;
  }

  /**
   * Where a comment starts on the current line after `at` and before `before` (the line's end by
   * default): a `#` after a blank; -1 if none.
   */
  private commentStart(at: number, before = this.eol): number {
    const { text } = this;
    // Loops over the line here and below, not indexOf: in a document without comments (or a
    // list without colons) indexOf would run on from every value to the text's end.
    for (let hash = at + 1; hash < before; hash++) {
      if (text.charCodeAt(hash) === HASH && text.charCodeAt(hash - 1) === SPACE) return hash;
    }
    return -1;
  }

  /**
   * Where the comment after the plain value starting at `at` starts (-1 if none), in one pass
   * over the line. A colon before the comment that a blank or the line's end follows (`: `, or a
   * `:` ending the value) makes the value a mapping, which the full parse reads.
   */
  private plainValueEnd(at: number): number {
    const { text, eol } = this;
    for (let i = at; i < eol; i++) {
      const code = text.charCodeAt(i);
      if (code === HASH && i > at && text.charCodeAt(i - 1) === SPACE) return i;
      if (code === COLON && (i + 1 === eol || text.charCodeAt(i + 1) === SPACE)) {
        throw new NotPlain('colon in value');
      }
    }
    return -1;
  }

  private quoted(at: number, quote: number): Scalar {
    const { value, close } = quotedAt(this.line, at);
    let hash = close;
    while (hash < this.eol && this.text.charCodeAt(hash) === SPACE) hash++;
    const scalar = this.scalars.quoted(value, quotedType(quote), [at, close, this.nodeEnd]);
    if (hash === this.eol) return scalar;
    if (hash === close || this.text.charCodeAt(hash) !== HASH) throw new NotPlain('text after a value');
    scalar.comment = commentText(this.text, hash, this.eol);
    return scalar;
  }

  private flowSequence(at: number): YAMLSeq {
    const seq = flowSequence(this.line, at, this.nodeEnd);
    this.restIsBlank((seq.range as [number, number, number])[1]);
    return seq;
  }

  /** `{}`, a flow mapping with no items. */
  private emptyFlowMap(at: number): YAMLMap {
    if (this.text.charCodeAt(at + 1) !== RBRACE) throw new NotPlain('flow mapping');
    this.restIsBlank(at + 2);
    const map = newMap(this.doc.schema);
    map.flow = true;
    map.range = [at, at + 2, this.nodeEnd];
    return map;
  }

  /** The current line, for the scanners of plainFlow.ts. */
  private get line(): FlowLine {
    return { text: this.text, eol: this.eol, scalars: this.scalars, schema: this.doc.schema };
  }

  private restIsBlank(from: number): void {
    for (let i = from; i < this.eol; i++) {
      if (this.text.charCodeAt(i) !== SPACE) throw new NotPlain('text after a value');
    }
  }

  /** The null of a key or item with no value, where the composer places it. */
  private empty(at: number): Scalar {
    this.lastEmpty = this.atEnd;
    return this.scalars.plain(at, at, at, '', false);
  }
}

/** A comment's text as the composer keeps it: what follows the `#`, a blank when nothing does. */
function commentText(text: string, hash: number, eol: number): string {
  return text.slice(hash + 1, eol) || ' ';
}

/** `---` or `...` at a line's start: a document marker to the full parse. */
function isMarker(text: string, at: number): boolean {
  const three = text.slice(at, at + 3);
  if (three !== '---' && three !== '...') return false;
  const next = text.charCodeAt(at + 3);
  return Number.isNaN(next) || next === SPACE || next === NEWLINE;
}

/** A collection's range as the composer gives it: from its first entry to its last node's end. */
function withRange<T extends YAMLMap | YAMLSeq>(node: T, start: number, last: Node | undefined): T {
  const end = (last?.range as [number, number, number] | undefined)?.[2] ?? start;
  node.range = [start, end, end];
  return node;
}
