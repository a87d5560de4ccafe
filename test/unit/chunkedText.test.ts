import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../../server/src/service/source/chunkedText';
import { splitFile } from '../../server/src/service/source/fileChunks';
import { random } from '../helpers/random';

/**
 * A file kept as documents must always be the file: after any edit, its text, its documents
 * and its positions are what splitting the whole text (and vscode's own TextDocument) give.
 */

const starts = [
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\nkind: Endpoints\nsubsets: []\n---\n# only a comment\n---\nkind: X\n',
  '# preamble\n# more\n---\na: 1\n---\nb: 2\n...\nc: 3\n--- # comment\nd: [1,\n  2]\n',
  '---\n---\n---\n',
  'a: 1\r\n---\r\nb: 2\r\n---\r\nc: 3',
  '{"kind": "EndpointSlice"}\n{"kind": "Endpoints"}\n',
  '',
  'x\n',
];

const pieces = ['\n', '-', '---\n', '...\n', '#', ' ', 'a', ':', '{', '\r\n', '--- ', 'k: v\n', ''];

function check(chunked: ChunkedText, text: string, where: string): void {
  assert.equal(chunked.text(), text, `${where}: text`);
  const expected = splitFile(text).map((c) => [c.index, c.startLine, c.text, c.format]);
  const actual = chunked.chunks.map((c) => [c.index, c.startLine, c.text, c.format]);
  assert.deepEqual(actual, expected, `${where}: documents`);
}

function checkPositions(
  chunked: ChunkedText,
  reference: TextDocument,
  next: () => number,
  where: string,
): void {
  assert.equal(chunked.lineCount, reference.lineCount, `${where}: lineCount`);
  for (let k = 0; k < 20; k++) {
    const offset = Math.floor(next() * (reference.getText().length + 3)) - 1;
    assert.deepEqual(
      chunked.positionAt(offset),
      reference.positionAt(offset),
      `${where}: positionAt(${offset})`,
    );
    const position = {
      line: Math.floor(next() * (reference.lineCount + 2)) - 1,
      character: Math.floor(next() * 12),
    };
    assert.equal(
      chunked.offsetAt(position),
      reference.offsetAt(position),
      `${where}: offsetAt(${JSON.stringify(position)})`,
    );
    const end = Math.max(0, offset + Math.floor(next() * 40));
    assert.equal(
      chunked.slice(Math.max(0, offset), end),
      reference.getText().slice(Math.max(0, offset), end),
      `${where}: slice(${offset}, ${end})`,
    );
  }
}

describe('ChunkedText', () => {
  it('starts as the split of its text', () => {
    for (const text of starts) check(new ChunkedText(text), text, JSON.stringify(text));
  });

  it('stays the split of its text through thousands of random edits', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      let text = starts[seed % starts.length] ?? '';
      const chunked = new ChunkedText(text);
      for (let step = 0; step < 150; step++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + (next() < 0.7 ? 0 : Math.floor(next() * 30)));
        const inserted = pieces[Math.floor(next() * pieces.length)] ?? '';
        chunked.replace(start, end, inserted);
        text = text.slice(0, start) + inserted + text.slice(end);
        const where = `seed ${seed}, step ${step}, text ${JSON.stringify(text.slice(0, 60))}`;
        check(chunked, text, where);
        // Editors count a lone CR as a line break; the editor's layer keeps such a file whole.
        const reference = TextDocument.create('file:///x.yaml', 'yaml', step, text);
        if (!/\r(?!\n)/.test(text)) checkPositions(chunked, reference, next, where);
      }
    }
  });

  it('keeps the strings of documents an edit did not touch', () => {
    const documents = Array.from({ length: 50 }, (_, i) => `kind: EndpointSlice\nmetadata:\n  name: s${i}\n`);
    const chunked = new ChunkedText(documents.join('---\n'));
    const before = chunked.chunks;
    const offset = chunked.offsetAt({ line: 25 * 4 + 2, character: 11 });
    chunked.replace(offset, offset, 'x');
    const after = chunked.chunks;
    assert.equal(after.length, 50);
    assert.equal(after[25]?.text.includes('s25x'), true);
    after.forEach((chunk, i) => {
      if (i !== 25) assert.equal(chunk.text, before[i]?.text);
    });
  });
});
