import { isJsonStream, jsonValues } from './jsonStream';
import { lastAtMostIn } from './search';
import { splitDocuments } from './split';
import { looksLikeOurs } from './ourKinds';
import type { Chunk } from './chunk';

/**
 * Splits a file into the documents kubectl would read: JSON values when the file starts with
 * `{` (kubectl's rule), `---` documents otherwise. A JSON value's text is padded with spaces up
 * to its column, so that offsets inside it are the file's columns once shifted to its line.
 */
export function splitFile(text: string): Chunk[] {
  if (!isJsonStream(text)) return splitDocuments(text);
  const starts = lineStarts(text);
  const values = jsonValues(text);
  return values.map((value, index) => {
    const startLine = lastAtMostIn(starts, value.start);
    const column = value.start - (starts[startLine] ?? 0);
    const chunk: Chunk = {
      index,
      startLine,
      text: ' '.repeat(column) + text.slice(value.start, value.end),
      format: 'json',
    };
    if (value.error) {
      chunk.jsonError = { offset: value.error.offset - value.start + column, message: value.error.message };
      const stray = value.error.offset === value.start;
      if (stray && values.slice(0, index).some((v) => looksLikeOurs(text.slice(v.start, v.end)))) {
        chunk.jsonError.afterOurs = true;
      }
    }
    return chunk;
  });
}

/** The cache key of a chunk: the same text read as YAML or as JSON may mean different things. */
export function chunkKey(chunk: Chunk): string {
  if (chunk.format !== 'json') return chunk.text;
  return `json${chunk.jsonError?.afterOurs ? '!' : ''}\u0000${chunk.text}`;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
