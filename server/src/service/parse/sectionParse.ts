import { LineCounter, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Scalar, YAMLMap } from 'yaml';
import { copyItem, copyShell, isCopyable } from './sectionCopy';
import { gapProps, splitSections } from './sectionSplit';
import type { GapProps, Section } from './sectionSplit';
import { parseChunk } from './yamlDocument';
import type { ParsedChunk } from './yamlDocument';

/**
 * Incremental parsing of a YAML document by top-level sections, in the spirit of
 * rust-analyzer's block reparsing: a keystroke in a large manifest changes one top-level key's
 * text (`metadata`, say), so only that section is parsed again and the others come from a cache
 * keyed by their text. The sections' trees are then copied, with ranges moved to their place in
 * the document, into one fresh Document that is indistinguishable from `parseChunk(text)`.
 *
 * Equivalence is the contract, so whenever it is not certain the parser falls back to
 * `parseChunk` on the whole text: when the root is not a column-0 block mapping, when a section
 * has errors or warnings on its own (a half-typed line, an unterminated quote or flow collection
 * running into the next key), when a section holds anchors, aliases, merge keys or values that
 * are neither primitives nor dates, and when the text has directives, a second `---`, a `...`,
 * tabs or YAML indicators at column 0.
 */

/** One section's standalone parse and what composing needs from it. */
interface SectionParse {
  chunk: ParsedChunk;
  /** The section's root mapping, or undefined if the section cannot be composed. */
  map: YAMLMap | undefined;
  /** What the lines after the section's last value give the next section's key. */
  gap: GapProps | undefined;
}

interface Composable {
  section: Section;
  parse: SectionParse & { map: YAMLMap };
}

export interface SectionStats {
  sectionHits: number;
  sectionMisses: number;
  fallbacks: number;
}

export class SectionedYamlParser {
  readonly stats: SectionStats = { sectionHits: 0, sectionMisses: 0, fallbacks: 0 };
  private readonly capacity: number;
  private readonly maxChars: number;
  private cachedChars = 0;
  /** Section parses by section text, least recently used first (a Map keeps insertion order). */
  private readonly cache = new Map<string, SectionParse>();

  /**
   * `capacity` bounds the number of cached section parses, `maxChars` their total text length:
   * typing inside the one large section of a big slice adds a new parse of it (several MB of
   * nodes for 333 KB of text) on every keystroke, which a count alone would not bound.
   */
  constructor(options?: { capacity?: number; maxChars?: number }) {
    this.capacity = Math.max(1, options?.capacity ?? 512);
    this.maxChars = Math.max(1, options?.maxChars ?? 1_000_000);
  }

  /** Equivalent to parseChunk(text, 'yaml'); the result shares no mutable node with the cache or with other results. */
  parse(text: string): ParsedChunk {
    const parts = this.composable(text);
    if (!parts) {
      this.stats.fallbacks++;
      return parseChunk(text, 'yaml');
    }
    return compose(text, parts);
  }

  /** The sections with their parses, or undefined if any of them makes composing uncertain. */
  private composable(text: string): Composable[] | undefined {
    const sections = splitSections(text);
    if (!sections) return undefined;
    const parts: Composable[] = [];
    for (let i = 0; i < sections.length; i++) {
      const section = sections[i];
      const parse = this.sectionParse(section.text);
      if (!parse.map) return undefined;
      if (i > 0 && !startsWithBareKey(parse.map)) return undefined;
      if (i < sections.length - 1 && !parse.gap) return undefined;
      parts.push({ section, parse: { ...parse, map: parse.map } });
    }
    return parts;
  }

  private sectionParse(text: string): SectionParse {
    const cached = this.cache.get(text);
    if (cached) {
      this.stats.sectionHits++;
      // Re-inserting moves the entry to the most recently used end. It goes back under its own
      // flat key (the parsed text), not under `text`, which is a slice of the whole document.
      this.cache.delete(text);
      this.cache.set(cached.chunk.text, cached);
      return cached;
    }
    this.stats.sectionMisses++;
    // The key must not be a slice of the whole document, or the cache would keep every
    // document version alive; the parse also slices its scalars' sources from this copy.
    const own = flatCopy(text);
    const parse = analyse(parseChunk(own, 'yaml'));
    this.cache.set(own, parse);
    this.cachedChars += own.length;
    this.evict();
    return parse;
  }

  /** Drops the least recently used parses beyond the bounds, but always keeps the newest. */
  private evict(): void {
    while (this.cache.size > 1 && (this.cache.size > this.capacity || this.cachedChars > this.maxChars)) {
      const oldest = this.cache.keys().next();
      if (oldest.done) return;
      this.cache.delete(oldest.value);
      this.cachedChars -= oldest.value.length;
    }
  }
}

/** Decides once per section text whether it can be composed, and reads its gap. */
function analyse(chunk: ParsedChunk): SectionParse {
  const { doc, text } = chunk;
  const root = doc.contents;
  const usable =
    doc.errors.length === 0 &&
    doc.warnings.length === 0 &&
    isMap(root) &&
    !root.flow &&
    root.items.length > 0 &&
    root.items.every(isCopyable);
  if (!usable) return { chunk, map: undefined, gap: undefined };
  const last = root.items[root.items.length - 1]?.value as Node | null | undefined;
  return { chunk, map: root, gap: last ? trailingGap(text, last) : undefined };
}

/**
 * The props the lines after a section's last value give the next key. When the section ends
 * with an empty value (`key:` with nothing after it, at any depth), the parser keeps the rest of
 * that line and any blank or comment lines after it with the empty value, which the standalone
 * parse then treats differently from the whole document; such a section is composable only if
 * nothing but the end of that line follows.
 */
function trailingGap(text: string, value: Node): GapProps | undefined {
  const leaf = lastLeaf(value);
  if (!isScalar(leaf) || leaf.source !== '' || leaf.range?.[0] !== leaf.range?.[1]) {
    return gapProps(text, (value.range as [number, number, number])[2]);
  }
  const bare = !leaf.spaceBefore && restOfLine.test(text.slice(leaf.range?.[1]));
  return bare ? { comment: '', spaceBefore: false } : undefined;
}

/** Spaces, an optional comment and the line break that end an empty value's line. */
const restOfLine = /^ *(?:#[^\r\n]*)?(?:\r?\n)?$/;

/** The node that ends last in a block collection: its last item's value, recursively. */
function lastLeaf(node: Node): Node {
  let leaf = node;
  while ((isMap(leaf) || isSeq(leaf)) && !leaf.flow && leaf.items.length > 0) {
    const item = leaf.items[leaf.items.length - 1];
    const next = isPair(item) ? (item.value ?? item.key) : item;
    if (!isNode(next)) break;
    leaf = next;
  }
  return leaf;
}

/**
 * A section after the first starts with its key at offset 0; the key's comment and blank-line
 * properties come from the previous section's gap, so the standalone key must have none.
 */
function startsWithBareKey(map: YAMLMap): boolean {
  const key = map.items[0]?.key as Node | undefined;
  return map.range?.[0] === 0 && key?.range?.[0] === 0 && !key.commentBefore && !key.spaceBefore;
}

function compose(text: string, parts: Composable[]): ParsedChunk {
  const first = parts[0].parse;
  const lastPart = parts[parts.length - 1];
  const last = lastPart.parse;
  const shift = lastPart.section.offset;
  const doc = documentShell(first.chunk.doc);
  const root = copyShell(first.map, doc.schema);
  // The first section's own trailing comment is really the second key's commentBefore.
  setOptional(root, 'comment', last.map.comment);
  const [start] = first.map.range as [number, number, number];
  const [, valueEnd, nodeEnd] = last.map.range as [number, number, number];
  root.range = [start, valueEnd + shift, nodeEnd + shift];
  root.items = composeItems(parts, doc.schema);
  doc.contents = root as YAMLMap.Parsed;
  const docRange = last.chunk.doc.range;
  doc.range = [first.chunk.doc.range[0], docRange[1] + shift, docRange[2] + shift];
  doc.comment = last.chunk.doc.comment;
  return { doc, lines: lineCounter(parts), text };
}

function composeItems(parts: Composable[], schema: Document['schema']): YAMLMap['items'] {
  const items: YAMLMap['items'] = [];
  for (let i = 0; i < parts.length; i++) {
    const { section, parse } = parts[i];
    const pairs = parse.map.items;
    for (let j = 0; j < pairs.length; j++) {
      const pair = copyItem(pairs[j], section.offset, schema) as YAMLMap['items'][number];
      if (i > 0 && j === 0) applyGap(pair.key as Scalar, parts[i - 1].parse.gap);
      items.push(pair);
    }
  }
  return items;
}

/** Gives a section's first key what the `yaml` package derives from the lines before it. */
function applyGap(key: Scalar, gap: GapProps | undefined): void {
  if (gap?.spaceBefore) key.spaceBefore = true;
  if (gap?.comment) key.commentBefore = gap.comment;
}

/**
 * A fresh Document with the first section's directives, options, schema and leading comment,
 * but without its contents: cloning with the contents detached copies no nodes.
 */
function documentShell(source: Document.Parsed): Document.Parsed {
  const contents = source.contents;
  source.contents = null;
  try {
    const shell = source.clone() as Document.Parsed;
    shell.errors = [];
    shell.warnings = [];
    return shell;
  } finally {
    source.contents = contents;
  }
}

/**
 * The parser reports line starts from its newline tokens, so a line break inside a multi-line
 * flow scalar is not among them; joining the sections' own line starts reproduces that exactly,
 * where a scan of the text for line breaks would not.
 */
function lineCounter(parts: Composable[]): LineCounter {
  const lines = new LineCounter();
  const starts: number[] = [];
  for (const { section, parse } of parts) {
    // Each section reports its own start, which the previous one already reported as the
    // position after its last line break.
    for (const start of parse.chunk.lines.lineStarts) {
      const offset = start + section.offset;
      if (starts.length === 0 || offset > starts[starts.length - 1]) starts.push(offset);
    }
  }
  lines.lineStarts = starts;
  return lines;
}

function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined || value === null || value === '') delete target[key];
  else target[key] = value;
}

/**
 * A copy of a string that shares no memory with the string it was sliced from. V8 keeps a
 * slice's parent alive; JSON.parse builds a new flat string.
 */
function flatCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
