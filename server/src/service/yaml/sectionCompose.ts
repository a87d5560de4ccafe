import { LineCounter } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { SectionParse } from './sectionAnalyse';
import { copyItem, copyNode, copyShell, newPair } from './sectionCopy';
import type { GapProps } from './sectionSplit';
import type { ParsedChunk } from './yamlDocument';

/**
 * Composition for the sectioned parser (sectionParse.ts): the cached standalone parses of a
 * document's sections, and of the pieces of a section cut into sequence items, are copied with
 * their ranges moved into one fresh Document, with the comment and blank-line properties that
 * the lines between them give the next key or item in the whole document.
 */

/** One top-level section ready to compose. */
export interface ParsedSection {
  /** Where the section starts in the document. */
  offset: number;
  /** The section's standalone parse or, for a section cut into items, its head's. */
  head: SectionParse & { map: YAMLMap };
  /** For a section cut into sequence items: the head's sequence and the later pieces. */
  split: { seq: YAMLSeq; pieces: Piece[] } | undefined;
}

/** A piece of a section cut into sequence items, after the head. */
export interface Piece {
  /** Where the piece starts in the document. */
  offset: number;
  parse: SectionParse;
  seq: YAMLSeq;
}

/** What the section's last lines give the next section's first key. */
export function gapOf(part: ParsedSection): GapProps | undefined {
  const pieces = part.split?.pieces;
  return pieces ? pieces[pieces.length - 1]?.parse.gap : part.head.gap;
}

/** The parse that holds the section's last lines, and where it starts in the document. */
function tailOf(part: ParsedSection): { parse: SectionParse; offset: number } {
  const pieces = part.split?.pieces;
  return (pieces && pieces[pieces.length - 1]) ?? { parse: part.head, offset: part.offset };
}

export function compose(text: string, parts: ParsedSection[]): ParsedChunk {
  const first = parts[0].head;
  const lastSection = parts[parts.length - 1];
  const tail = tailOf(lastSection);
  const doc = documentShell(first.chunk.doc);
  const root = copyShell(first.map, doc.schema, 0);
  root.range = [(first.map.range as [number, number, number])[0], ...sectionEnd(lastSection)];
  // The first section's own trailing comment is really the second key's commentBefore. A section
  // cut into items ends with a sequence, whose trailing comment lines the sequence or the
  // document keeps; the mapping keeps none.
  setOptional(root, 'comment', lastSection.split ? undefined : lastSection.head.map.comment);
  root.items = composeItems(parts, doc.schema);
  doc.contents = root as YAMLMap.Parsed;
  const docRange = tail.parse.chunk.doc.range;
  doc.range = [first.chunk.doc.range[0], docRange[1] + tail.offset, docRange[2] + tail.offset];
  doc.comment = tail.parse.chunk.doc.comment;
  return { doc, lines: lineCounter(parts), text };
}

/** Where the root mapping's value and node end if the section is the last one. */
function sectionEnd(part: ParsedSection): [number, number] {
  if (!part.split) {
    const [, valueEnd, nodeEnd] = part.head.map.range as [number, number, number];
    return [valueEnd + part.offset, nodeEnd + part.offset];
  }
  // A mapping's range ends where its last value does, and that value is the sequence.
  const last = part.split.pieces[part.split.pieces.length - 1] ?? never();
  const end = (last.seq.range as [number, number, number])[2] + last.offset;
  return [end, end];
}

/** ParsedSection of the types only: splitPart never makes a split part without pieces. */
function never(): never {
  throw new Error('sectionCompose: a split section without pieces');
}

function composeItems(parts: ParsedSection[], schema: Document['schema']): YAMLMap['items'] {
  const items: YAMLMap['items'] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const gap = i > 0 ? gapOf(parts[i - 1]) : undefined;
    if (part.split) {
      const pair = composeSequencePair(part, part.split, schema);
      applyGap(pair.key as Node, gap);
      items.push(pair);
      continue;
    }
    const pairs = part.head.map.items;
    for (let j = 0; j < pairs.length; j++) {
      const pair = copyItem(pairs[j], part.offset, schema) as YAMLMap['items'][number];
      if (j === 0) applyGap(pair.key as Node, gap);
      items.push(pair);
    }
  }
  return items;
}

/**
 * The section's one pair, whose value joins the items of the head's sequence and of every
 * piece. The sequence's own props come from the head, which holds the lines before its first
 * item; its end and trailing comment from the last piece.
 */
function composeSequencePair(
  part: ParsedSection,
  split: NonNullable<ParsedSection['split']>,
  schema: Document['schema'],
): Pair {
  const { head, offset } = part;
  const { seq: headSeq, pieces } = split;
  const last = pieces[pieces.length - 1] ?? never();
  const seq = copyShell(headSeq, schema, offset);
  setOptional(seq, 'comment', last.seq.comment);
  const [, valueEnd, nodeEnd] = last.seq.range as [number, number, number];
  seq.range = [
    (headSeq.range as [number, number, number])[0] + offset,
    valueEnd + last.offset,
    nodeEnd + last.offset,
  ];
  const items = seq.items as Node[];
  copyItems(items, headSeq, offset, schema);
  let gap = head.itemGap;
  for (const piece of pieces) {
    const start = items.length;
    copyItems(items, piece.seq, piece.offset, schema);
    applyGap(items[start], gap);
    gap = piece.parse.itemGap;
  }
  const key = head.map.items[0]?.key as Node;
  return newPair(copyNode(key, offset, schema), seq);
}

function copyItems(into: unknown[], seq: YAMLSeq, shift: number, schema: Document['schema']): void {
  const items = seq.items as Node[];
  for (let i = 0; i < items.length; i++) into.push(copyNode(items[i], shift, schema));
}

/** Gives a key or item what the `yaml` package derives from the lines before it. */
function applyGap(node: Node, gap: GapProps | undefined): void {
  if (gap?.spaceBefore) node.spaceBefore = true;
  if (gap?.comment) node.commentBefore = gap.comment;
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
 * flow scalar is not among them; joining the parses' own line starts reproduces that exactly,
 * where a scan of the text for line breaks would not.
 */
function lineCounter(parts: ParsedSection[]): LineCounter {
  const starts: number[] = [];
  for (const part of parts) {
    addLineStarts(starts, part.head, part.offset);
    for (const piece of part.split?.pieces ?? []) addLineStarts(starts, piece.parse, piece.offset);
  }
  const lines = new LineCounter();
  lines.lineStarts = starts;
  return lines;
}

/**
 * Each parse reports its own start, which the previous one already reported as the position
 * after its last line break.
 */
function addLineStarts(starts: number[], parse: SectionParse, shift: number): void {
  for (const start of parse.chunk.lines.lineStarts) {
    const offset = start + shift;
    if (starts.length === 0 || offset > starts[starts.length - 1]) starts.push(offset);
  }
}

function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined || value === null || value === '') delete target[key];
  else target[key] = value;
}
