import type { Position } from '../types';
import { splitFile } from './fileChunks';
import type { Chunk } from './chunk';
import { isJsonStream } from './jsonStream';
import { lastAtMostIn as lastAtMost } from './search';
import { splitDocuments } from './split';

/**
 * What the service reads a file from: its text, or a `ChunkedText` that an editor keeps up to
 * date edit by edit. The chunks are the file's documents as `splitFile` cuts them.
 */
export interface ChunkedSource {
  readonly chunks: readonly Chunk[];
  text(): string;
}

export type TextSource = string | ChunkedSource;

/**
 * The documents of a source. A string is split on every call: the language service hands its
 * features a source split once (`DocumentStore.source`).
 */
export function chunksOf(source: TextSource): readonly Chunk[] {
  return typeof source === 'string' ? splitFile(withLineFeeds(source)) : source.chunks;
}

/** The `---` documents of a source, also for a JSON file (whose chunks are JSON values). */
export function yamlChunksOf(source: TextSource): readonly Chunk[] {
  const chunks = chunksOf(source);
  if (chunks[0]?.format !== 'json') return chunks;
  return splitDocuments(textOf(source));
}

export function textOf(source: TextSource): string {
  return typeof source === 'string' ? withLineFeeds(source) : source.text();
}

const loneCarriageReturn = /\r(?!\n)/;

/**
 * The text with each lone CR turned into a LF: go-yaml, editors and the LSP count a lone CR as
 * a line break, and the yaml library and our line scans count LFs. The length and every offset
 * stay the same. (A `ChunkedText` never holds a lone CR: the server keeps such files as strings.)
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') && loneCarriageReturn.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** One document's text; its line starts are computed when a position inside it is asked for. */
interface StoredChunk {
  text: string;
  newlines: number;
  lineStarts?: number[];
}

/**
 * A file kept as its `---` documents, so that an edit costs what the edited document costs, not
 * what the file costs. A keystroke in a 9 MB file of 500 documents used to copy the file (the
 * string concatenation), split it again (a scan of 400,000 lines) and compare every document
 * with its predecessor; here it re-splits the edited document and its two neighbours, and every
 * other document keeps its string, so whoever caches by document sees the same object again.
 *
 * The file's text is the documents joined with line breaks (a document ends before the line
 * break that precedes the next one's first line); it is built only when somebody asks for it.
 * A JSON stream is one segment: kubectl reads it as JSON values, which `splitFile` finds.
 * Positions count `\n` line breaks (a `\r\n` pair is one); the editor's layer keeps a file with
 * a lone `\r` as a plain string, because editors count that as a line break too.
 */
export class ChunkedText implements ChunkedSource {
  private segments: StoredChunk[] = [];
  private json = false;
  private firstLine: number[] = [];
  private firstOffset: number[] = [];
  private joined: string | undefined;
  private chunkList: readonly Chunk[] | undefined;

  constructor(text: string) {
    this.reset(text);
  }

  get chunks(): readonly Chunk[] {
    this.chunkList ??= this.json
      ? splitFile(this.text())
      : this.segments.map((s, index) => ({
          index,
          startLine: this.firstLine[index] ?? 0,
          text: s.text,
          format: 'yaml' as const,
        }));
    return this.chunkList;
  }

  text(): string {
    this.joined ??= this.segments.map((s) => s.text).join('\n');
    return this.joined;
  }

  get length(): number {
    const last = this.segments.length - 1;
    return (this.firstOffset[last] ?? 0) + (this.segments[last]?.text.length ?? 0);
  }

  get lineCount(): number {
    const last = this.segments.length - 1;
    return (this.firstLine[last] ?? 0) + (this.segments[last]?.newlines ?? 0) + 1;
  }

  /** The text between two offsets, without joining the file when they fall in one document. */
  slice(start: number, end: number): string {
    const i = this.segmentAtOffset(start);
    const base = this.firstOffset[i] ?? 0;
    const segment = this.segments[i];
    if (segment && end - base <= segment.text.length) return segment.text.slice(start - base, end - base);
    return this.text().slice(start, end);
  }

  /** Replaces the text between two offsets of the current text. */
  replace(start: number, end: number, inserted: string): void {
    if (this.json) {
      const text = this.text();
      this.reset(text.slice(0, start) + inserted + text.slice(end));
      return;
    }
    const last = this.segments.length - 1;
    // The edited documents and one neighbour on each side: a marker line's meaning depends on
    // itself and the line before it, so boundaries outside this stretch cannot change.
    const from = Math.max(0, this.segmentAtOffset(start) - 1);
    let to = Math.min(last, this.segmentAtOffset(end) + 1);
    for (;;) {
      const base = this.firstOffset[from] ?? 0;
      const stretch = this.segments
        .slice(from, to + 1)
        .map((s) => s.text)
        .join('\n');
      const edited = stretch.slice(0, start - base) + inserted + stretch.slice(end - base);
      if (from === 0 && isJsonStream(edited)) {
        const text = this.text();
        this.reset(text.slice(0, start) + inserted + text.slice(end));
        return;
      }
      const pieces = splitDocuments(edited, { fileStart: from === 0 });
      // At the top of the file, a stretch left with no marker may be a comment-only preamble
      // that belongs to the next document; take that document in and split again.
      if (from === 0 && pieces.length === 1 && to < last) {
        to++;
        continue;
      }
      this.splice(
        from,
        to,
        pieces.map((p) => p.text),
      );
      return;
    }
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineCount) return this.length;
    const i = this.segmentAtLine(position.line);
    const segment = this.segments[i];
    const base = this.firstOffset[i] ?? 0;
    const starts = lineStartsOf(segment);
    const local = position.line - (this.firstLine[i] ?? 0);
    const lineStart = base + (starts[local] ?? 0);
    const next = starts[local + 1];
    const lineEnd = next === undefined ? base + segment.text.length : base + next - 1;
    if (position.character <= 0) return lineStart;
    const offset = Math.min(lineStart + position.character, lineEnd);
    // Never between the two characters of a `\r\n` pair.
    return offset > lineStart && segment.text.charCodeAt(offset - base - 1) === 13 ? offset - 1 : offset;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const i = this.segmentAtOffset(clamped);
    const segment = this.segments[i];
    const local = Math.min(clamped - (this.firstOffset[i] ?? 0), segment.text.length);
    const starts = lineStartsOf(segment);
    const line = lastAtMost(starts, local);
    const lineStart = starts[line] ?? 0;
    const back = local > lineStart && segment.text.charCodeAt(local - 1) === 13 ? 1 : 0;
    return { line: (this.firstLine[i] ?? 0) + line, character: local - back - lineStart };
  }

  private reset(text: string): void {
    this.json = isJsonStream(text);
    const texts = this.json ? [text] : splitDocuments(text).map((c) => c.text);
    this.segments = texts.map(segmentOf);
    this.reindex();
    this.joined = text;
  }

  /** Puts new documents in place of segments `from`..`to`, keeping unchanged ones as they were. */
  private splice(from: number, to: number, texts: string[]): void {
    const old = this.segments.slice(from, to + 1);
    const fresh = texts.map((text, k) => {
      const same = old[k];
      return same !== undefined && same.text === text ? same : segmentOf(text);
    });
    this.segments.splice(from, to - from + 1, ...fresh);
    this.reindex();
  }

  private reindex(): void {
    const count = this.segments.length;
    this.firstLine = new Array<number>(count);
    this.firstOffset = new Array<number>(count);
    let line = 0;
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const segment = this.segments[i];
      this.firstLine[i] = line;
      this.firstOffset[i] = offset;
      line += segment.newlines + 1;
      offset += segment.text.length + 1;
    }
    this.joined = undefined;
    this.chunkList = undefined;
  }

  private segmentAtOffset(offset: number): number {
    return lastAtMost(this.firstOffset, offset);
  }

  private segmentAtLine(line: number): number {
    return lastAtMost(this.firstLine, line);
  }
}

function segmentOf(text: string): StoredChunk {
  let newlines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines++;
  return { text, newlines };
}

function lineStartsOf(segment: StoredChunk): number[] {
  if (segment.lineStarts) return segment.lineStarts;
  const starts = [0];
  const { text } = segment;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  segment.lineStarts = starts;
  return starts;
}
