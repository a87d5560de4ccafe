import { editingLimitExceeded } from '../source/limits';
import type { Position, Range, OurKind } from '../types';
import { containerOf, siblingKeys } from '../yamlText/blockPath';
import type { PathStep, ShapedLines } from '../yamlText/blockPath';
import { documentAt } from '../yamlText/documentAt';
import { framesAt, scanDocument } from '../yamlText/flowScan';
import type { DocumentScan, FlowFrame } from '../yamlText/flowScan';
import type { LruCache } from '../store/lru';
import type { TextSource } from '../source/chunkedText';
import { firstColumn, lineShape, stripComment } from '../yamlText/lineShape';
import { shiftRange } from '../source/positions';

/**
 * Where the cursor is, in YAML terms: writing a key of the map at `path`, the value of the field
 * at `path`, or a list item at `path` (whose type decides whether a key or a value comes next).
 * Read from the text line by line, so it works while the document does not parse.
 */
export interface CursorContext {
  type: 'key' | 'value' | 'item';
  path: PathStep[];
  kind: OurKind | undefined;
  apiVersion: string | undefined;
  /** What is typed of the word being completed. */
  prefix: string;
  /** The word being completed, in file coordinates. */
  range: Range;
  /** Inside `[...]` or `{...}`: insert text stays on one line. */
  flow: boolean;
  /** Column where the key or item being written starts (nested lines indent from it). */
  column: number;
  /** Spaces one level of indentation takes in this document. */
  indentUnit: number;
  /** Keys the map already has (key completion leaves them out). */
  siblings: Set<string>;
  /** The key already has its `:` and value after the cursor: complete the name only. */
  keyOnly: boolean;
  /** The value is inside quotes the user typed: insert it bare. */
  quoted: boolean;
  /** The cursor is right after `key:` with no blank: a value needs one first. */
  needsSpace: boolean;
  /** The text of the document the cursor is in, and its first line in the file. */
  documentText: string;
  documentStart: number;
}

type Base = Pick<CursorContext, 'kind' | 'apiVersion' | 'indentUnit' | 'documentText' | 'documentStart'>;

/** What completion reads of a document whatever the cursor: computed once per document text. */
export interface DocumentAnalysis {
  shaped: ShapedLines;
  scan: DocumentScan;
  indentUnit: number;
}

export type AnalysisCache = LruCache<DocumentAnalysis>;

function analyse(lines: readonly string[]): DocumentAnalysis {
  const scan = scanDocument(lines);
  const shaped: ShapedLines = { shapes: lines.map(lineShape), continuation: scan.continuation };
  return { shaped, scan, indentUnit: indentUnit(shaped) };
}

/**
 * The cursor's context. With a cache, the line shapes and the flow scan of a document are kept
 * by its text, so requests at several positions of an unchanged document (a completion list
 * refiltered, hover after completion) cost only the walk around the cursor.
 */
export function cursorContext(
  source: TextSource,
  position: Position,
  cache?: AnalysisCache,
): CursorContext | undefined {
  const doc = documentAt(source, position.line);
  const rel = { line: position.line - doc.chunk.startLine, character: position.character };
  // Past the end of the text there is nothing to complete; beyond a limit completion is off.
  if (rel.line > doc.lines.length || editingLimitExceeded(doc.chunk.text)) return undefined;
  const lineText = doc.lines[rel.line] ?? '';
  rel.character = Math.min(rel.character, lineText.length);
  const analysis = cache ? cache.getOrCompute(doc.chunk.text, () => analyse(doc.lines)) : analyse(doc.lines);
  const flow = framesAt(analysis.scan, doc.lines, rel);
  const shaped = analysis.shaped;
  const base: Base = {
    kind: doc.kind,
    apiVersion: doc.apiVersion,
    indentUnit: analysis.indentUnit,
    documentText: doc.chunk.text,
    documentStart: doc.chunk.startLine,
  };
  const found =
    flow.frames.length > 0
      ? flowContext(shaped, flow.frames, lineText, rel, base)
      : blockContext(shaped, lineText, rel, base);
  if (!found) return undefined;
  return placed(found, doc.chunk.startLine);
}

function blockContext(
  shaped: ShapedLines,
  line: string,
  rel: Position,
  base: Base,
): CursorContext | undefined {
  const before = line.slice(0, rel.character);
  const shape = lineShape(before);
  const key = shape.key;
  if (key && rel.character >= key.colon) {
    const container = containerOf(shaped, rel.line, key.column, 'key');
    if (!container) return undefined;
    const start = key.valueColumn >= 0 ? key.valueColumn : rel.character;
    return valueLike('value', [...container.path, key.name], line, rel, start, key.column, base, {
      needsSpace: rel.character === key.colon && line[key.colon] !== ' ',
    });
  }
  const dash = shape.dashes[shape.dashes.length - 1];
  if (dash !== undefined && !key) {
    const seq = containerOf(shaped, rel.line, dash, 'dash');
    if (!seq) return undefined;
    const column = shape.contentColumn >= 0 ? shape.contentColumn : Math.max(dash + 2, rel.character);
    const item = valueLike('item', [...seq.path, seq.index], line, rel, column, column, base);
    item.siblings = siblingKeys(shaped, rel.line, column, true);
    return item;
  }
  const column = shape.contentColumn >= 0 ? shape.contentColumn : rel.character;
  const container = containerOf(shaped, rel.line, column, 'key');
  if (!container) return undefined;
  const context = valueLike('key', container.path, line, rel, column, column, base);
  context.siblings = siblingKeys(shaped, rel.line, column);
  return context;
}

function flowContext(
  shaped: ShapedLines,
  frames: FlowFrame[],
  line: string,
  rel: Position,
  base: Base,
): CursorContext | undefined {
  const outer = frames[0];
  if (!outer) return undefined;
  const path = openerPath(shaped, outer);
  if (!path) return undefined;
  for (const frame of frames.slice(0, -1)) {
    const step = frame.type === 'seq' ? frame.index : frame.key;
    if (step === undefined) return undefined;
    path.push(step);
  }
  const last = frames[frames.length - 1];
  const before = line.slice(0, rel.character);
  const start = rel.character - (/["']?[^\s,[\]{}"']*$/.exec(before)?.[0].length ?? 0);
  const column = outer.column;
  const flow = { flow: true };
  if (last.type === 'seq') {
    return valueLike('item', [...path, last.index], line, rel, start, column, base, flow);
  }
  const type = last.key === undefined ? 'key' : 'value';
  const context = valueLike(
    type,
    last.key === undefined ? path : [...path, last.key],
    line,
    rel,
    start,
    column,
    base,
    flow,
  );
  if (type === 'key') context.siblings = new Set(last.keys);
  return context;
}

/** The path of the value a flow collection is: of the key or list item it follows. */
function openerPath(shaped: ShapedLines, opener: FlowFrame): PathStep[] | undefined {
  const shape = shaped.shapes[opener.line];
  if (!shape) return undefined;
  if (shape.key && shape.key.valueColumn === opener.column) {
    const map = containerOf(shaped, opener.line, shape.key.column, 'key');
    return map && [...map.path, shape.key.name];
  }
  const dash = shape.dashes[shape.dashes.length - 1];
  if (dash !== undefined && shape.contentColumn === opener.column) {
    const seq = containerOf(shaped, opener.line, dash, 'dash');
    return seq && [...seq.path, seq.index];
  }
  return containerOf(shaped, opener.line, opener.column, 'key')?.path;
}

/** Builds a context whose word starts at `start` on the cursor line. */
function valueLike(
  type: CursorContext['type'],
  path: PathStep[],
  line: string,
  rel: Position,
  start: number,
  column: number,
  base: Base,
  extra: Partial<CursorContext> = {},
): CursorContext {
  const content = stripComment(line).replace(/\s+$/, '');
  const quoted = line[start] === '"' || line[start] === "'";
  const wordStart = quoted ? start + 1 : start;
  // A block value runs to the end of the line; in flow, a separator ends it.
  const end =
    type === 'value' && !quoted && !extra.flow
      ? Math.max(content.length, rel.character)
      : wordEnd(line, rel.character);
  const after = line.slice(end);
  return {
    type,
    path,
    ...base,
    prefix: line.slice(wordStart, Math.max(wordStart, rel.character)),
    range: {
      start: { line: rel.line, character: Math.min(wordStart, rel.character) },
      end: { line: rel.line, character: end },
    },
    flow: false,
    column,
    siblings: new Set(),
    keyOnly: type !== 'value' && /^\s*:/.test(after),
    quoted,
    needsSpace: false,
    ...extra,
  };
}

/** The end of the word the cursor is in: up to a blank, a separator or a quote. */
function wordEnd(line: string, from: number): number {
  const rest = /^[^\s:,[\]{}"'#]*/.exec(line.slice(from))?.[0] ?? '';
  return from + rest.length;
}

/** The smallest indentation step the document uses; 2 when it has none yet. */
function indentUnit(shaped: ShapedLines): number {
  let unit = Number.MAX_SAFE_INTEGER;
  shaped.shapes.forEach((shape, i) => {
    if (shape.blank || shaped.continuation[i]) return;
    const first = firstColumn(shape);
    if (first > 0 && first < unit) unit = first;
  });
  return unit === Number.MAX_SAFE_INTEGER || unit > 8 ? 2 : unit;
}

function placed(context: CursorContext, lines: number): CursorContext {
  return { ...context, range: shiftRange(context.range, lines) };
}
