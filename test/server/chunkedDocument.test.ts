import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { ChunkedDocument } from '../../server/src/lsp/chunkedDocument';
import { splitFile } from '../../server/src/service/source/fileChunks';
import { withLineFeeds } from '../../server/src/service/source/chunkedText';
import { chunksOf } from '../../server/src/service';
import { random } from '../helpers/random';

/**
 * The server's open documents are ChunkedDocuments; to the editor they must be exactly what
 * vscode's TextDocument is after the same changes, including files with CRLF and lone CR line
 * ends, edits given as ranges in either order, several changes in one notification, and full
 * replacements.
 */

const texts = [
  'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: a\n---\nkind: EndpointSlice\naddressType: IPv4\n',
  'a: 1\r\nb: 2\r\n---\r\nc: 3\r\n',
  '# preamble\n---\nx: 1\n...\ny: 2\n',
  '{"kind": "EndpointSlice"}\n',
  '',
];
const inserts = ['a', '\n', '---\n', '\r\n', '\r', ' ', '', '# c\n', '{', '...\n'];

function compare(ours: ChunkedDocument, theirs: TextDocument, next: () => number, where: string): void {
  const text = theirs.getText();
  assert.equal(ours.getText(), text, `${where}: text`);
  assert.equal(ours.lineCount, theirs.lineCount, `${where}: lineCount`);
  assert.deepEqual(
    chunksOf(ours.source).map((c) => [c.startLine, c.text]),
    // The service reads a lone CR as the line break editors and kubectl take it for.
    splitFile(withLineFeeds(text)).map((c) => [c.startLine, c.text]),
    `${where}: documents`,
  );
  for (let k = 0; k < 10; k++) {
    const line = Math.floor(next() * (theirs.lineCount + 2)) - 1;
    const position = { line, character: Math.floor(next() * 15) };
    const offset = Math.floor(next() * (text.length + 2));
    assert.equal(ours.offsetAt(position), theirs.offsetAt(position), `${where}: offsetAt`);
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${where}: positionAt`);
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${where}: getLineRange(${line})`);
    assert.equal(
      ours.getEOLCharacters(line),
      theirs.getEOLCharacters(line),
      `${where}: getEOLCharacters(${line})`,
    );
    const range = { start: theirs.positionAt(offset), end: position };
    assert.equal(ours.getText(range), theirs.getText(range), `${where}: getText(range)`);
  }
}

function randomChange(theirs: TextDocument, next: () => number): TextDocumentContentChangeEvent {
  const text = inserts[Math.floor(next() * inserts.length)] ?? '';
  if (next() < 0.02) return { text: `${theirs.getText()}${text}` };
  const length = theirs.getText().length;
  const a = theirs.positionAt(Math.floor(next() * (length + 1)));
  const b = next() < 0.6 ? a : theirs.positionAt(Math.floor(next() * (length + 1)));
  return { range: next() < 0.5 ? { start: a, end: b } : { start: b, end: a }, text };
}

describe('ChunkedDocument', () => {
  it('is the TextDocument vscode would have after the same changes', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const next = random(seed);
      const initial = texts[seed % texts.length] ?? '';
      const ours = ChunkedDocument.create('file:///a.yaml', 'yaml', 1, initial);
      let theirs = TextDocument.create('file:///a.yaml', 'yaml', 1, initial);
      for (let step = 0; step < 120; step++) {
        const changes = [randomChange(theirs, next)];
        // Several changes in one notification apply one after the other.
        if (next() < 0.2) {
          const after = TextDocument.update(
            TextDocument.create('x', 'yaml', 0, theirs.getText()),
            changes,
            1,
          );
          changes.push(randomChange(after, next));
        }
        ours.update(changes, step + 2);
        theirs = TextDocument.update(theirs, changes, step + 2);
        assert.equal(ours.version, step + 2);
        compare(ours, theirs, next, `seed ${seed}, step ${step}, ${JSON.stringify(changes)}`);
      }
    }
  });

  it('refuses a text that is not a string with a message naming the document', () => {
    assert.throws(
      () => ChunkedDocument.create('file:///bad.yaml', 'yaml', 1, 42 as unknown as string),
      /file:\/\/\/bad\.yaml: the client sent a text that is not a string/,
    );
  });
});
