import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import { ChunkedText } from '../service';
import type { TextSource } from '../service';

/** A CR not followed by LF: editors count it as a line break, our documents do not. */
const loneCarriageReturn = /\r(?!\n)/;

/**
 * An open document kept as its `---` documents (see service/source/chunkedText.ts), so that a
 * keystroke in a 9 MB file neither copies the file nor re-splits it. It is the TextDocument the
 * rest of the server sees; `source` is what the language service reads. A file with a lone CR
 * (old Mac line ends) is kept as vscode's own TextDocument instead, because there a CR alone
 * ends a line and our line counting would disagree with the editor's.
 */
export class ChunkedDocument implements TextDocument {
  private chunked: ChunkedText | undefined;
  private plain: TextDocument | undefined;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    text: string,
  ) {
    this.setText(text);
  }

  static create(uri: string, languageId: string, version: number, text: string): ChunkedDocument {
    // The protocol's types are not checked on the wire; say what was wrong rather than fail deep inside.
    if (typeof text !== 'string') throw new TypeError(`${uri}: the client sent a text that is not a string`);
    return new ChunkedDocument(uri, languageId, version, text);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.chunked ? this.chunked.lineCount : (this.plain as TextDocument).lineCount;
  }

  /** What the language service reads: the documents themselves when the file is kept as them. */
  get source(): TextSource {
    return this.chunked ?? (this.plain as TextDocument).getText();
  }

  getText(range?: Range): string {
    if (!this.chunked) return (this.plain as TextDocument).getText(range);
    if (!range) return this.chunked.text();
    return this.chunked.slice(
      ...ordered(this.chunked.offsetAt(range.start), this.chunked.offsetAt(range.end)),
    );
  }

  positionAt(offset: number): Position {
    return this.chunked ? this.chunked.positionAt(offset) : (this.plain as TextDocument).positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.chunked ? this.chunked.offsetAt(position) : (this.plain as TextDocument).offsetAt(position);
  }

  getLineRange(line: number): Range {
    if (!this.chunked) return (this.plain as TextDocument).getLineRange(line);
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, this.lineCount - 1);
    const start = this.chunked.offsetAt({ line: at, character: 0 });
    const end = line < this.lineCount ? this.lineEnd(at) : this.chunked.length;
    return { start: { line: at, character: 0 }, end: { line: at, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    if (!this.chunked) return (this.plain as TextDocument).getEOLCharacters(line);
    if (line < 0 || line >= this.lineCount) return '';
    const next =
      line + 1 < this.lineCount
        ? this.chunked.offsetAt({ line: line + 1, character: 0 })
        : this.chunked.length;
    return this.chunked.slice(this.lineEnd(line), next);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.setText(change.text);
        continue;
      }
      if (!this.chunked) {
        this.plain = TextDocument.update(this.plain as TextDocument, [change], version);
        continue;
      }
      const [start, end] = ordered(this.offsetAt(change.range.start), this.offsetAt(change.range.end));
      this.chunked.replace(start, end, change.text);
      // An edit can leave a CR alone only next to itself; look there, not at the whole file.
      const around = this.chunked.slice(Math.max(0, start - 1), start + change.text.length + 2);
      if (loneCarriageReturn.test(around)) this.setText(this.chunked.text());
    }
    this.currentVersion = version;
  }

  /** Where a line's text ends, before its line break. */
  private lineEnd(line: number): number {
    return (this.chunked as ChunkedText).offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  }

  private setText(text: string): void {
    if (loneCarriageReturn.test(text)) {
      this.chunked = undefined;
      this.plain = TextDocument.create(this.uri, this.languageId, this.currentVersion, text);
    } else {
      this.plain = undefined;
      this.chunked = new ChunkedText(text);
    }
  }
}

function ordered(a: number, b: number): [number, number] {
  return a <= b ? [a, b] : [b, a];
}

/** What `TextDocuments` needs to keep open documents as ChunkedDocuments. */
export const chunkedDocuments: TextDocumentsConfiguration<ChunkedDocument> = {
  create: (uri, languageId, version, content) => ChunkedDocument.create(uri, languageId, version, content),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
