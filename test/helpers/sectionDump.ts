import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isCollection, isPair, isScalar } from 'yaml';
import type { SectionedYamlParser } from '../../server/src/service/yaml/sectionParse';
import { splitDocuments } from '../../server/src/service/source/split';
import { parseChunk } from '../../server/src/service/yaml/yamlDocument';
import type { ParsedChunk } from '../../server/src/service/yaml/yamlDocument';
import { random } from './random';

export { random };

/**
 * The sectioned parser must be indistinguishable from parseChunk: every node's class, range and
 * own properties (value, type, source, tag, comments...), the errors, the line starts and the
 * JavaScript value. The dump below is strict about all of them, comments included.
 */

type Props = Record<string, unknown>;

function dumpValue(value: unknown): unknown {
  if (value instanceof Date) return { date: value.toISOString() };
  if (typeof value === 'symbol') return { symbol: value.description };
  if (typeof value === 'function') return 'function';
  return value;
}

function dumpNode(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  const out: Props = { class: node.constructor.name };
  for (const [key, value] of Object.entries(node as Props)) {
    if (key !== 'items' && key !== 'key' && key !== 'value') out[key] = dumpValue(value);
  }
  if (isPair(node)) return { ...out, key: dumpNode(node.key), value: dumpNode(node.value) };
  if (isScalar(node)) return { ...out, value: dumpValue(node.value) };
  if (isCollection(node)) return { ...out, items: node.items.map(dumpNode) };
  if (isAlias(node)) return out;
  throw new Error(`unexpected node ${JSON.stringify(out)}`);
}

function toJS(chunk: ParsedChunk): unknown {
  try {
    return chunk.doc.toJS({ mapAsMap: true });
  } catch (e) {
    return { throws: (e as Error).message };
  }
}

export function dump(chunk: ParsedChunk): unknown {
  const { doc } = chunk;
  const problems = (list: typeof doc.errors) => list.map((e) => [e.code, e.message, e.pos]);
  return {
    range: doc.range,
    commentBefore: doc.commentBefore,
    comment: doc.comment,
    directives: [doc.directives.docStart, doc.directives.docEnd, doc.directives.yaml],
    contents: dumpNode(doc.contents),
    errors: problems(doc.errors),
    warnings: problems(doc.warnings),
    lines: chunk.lines.lineStarts,
    text: chunk.text,
    js: toJS(chunk),
  };
}

export function assertSame(parser: SectionedYamlParser, text: string): void {
  assert.deepEqual(dump(parser.parse(text)), dump(parseChunk(text)), JSON.stringify(text));
}

/** The count of parses that were composed from sections rather than falling back. */
export function composedCount(parser: SectionedYamlParser, texts: string[]): number {
  let composed = 0;
  for (const text of texts) {
    const before = parser.stats.fallbacks;
    assertSame(parser, text);
    if (parser.stats.fallbacks === before) composed++;
  }
  return composed;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

export const fixtureDocuments = yamlFiles(join(__dirname, '../../../test/fixtures')).flatMap((file) =>
  splitDocuments(readFileSync(file, 'utf8')).map((chunk) => chunk.text),
);

const editChars = 'abz019 :-"\'#\n[{|';

export function* randomEdits(seed: number, documents: string[], count: number): Generator<string> {
  const next = random(seed);
  let text = '';
  for (let i = 0; i < count; i++) {
    // Restart from a real document now and then, so most texts stay close to valid manifests.
    if (i % 10 === 0) text = documents[Math.floor(next() * documents.length)] ?? '';
    const at = Math.floor(next() * (text.length + 1));
    if (next() < 0.4 && text.length > 0) text = text.slice(0, at) + text.slice(at + 1);
    else text = text.slice(0, at) + (editChars[Math.floor(next() * editChars.length)] ?? '') + text.slice(at);
    yield text;
  }
}
