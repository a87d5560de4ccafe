import { firstAtLeast } from '../source/search';
/**
 * Finds template tags in a manifest: Go templates as Helm uses them (`{{ … }}`, `{{- … -}}`,
 * `{{/* … *\/}}`) and Jinja (`{{ … }}`, `{% … %}`, `{# … #}`). A chart's `templates/*.yaml` is
 * not YAML until rendered, so the parse layer masks these tags before parsing; this module only
 * says where they are and what they do to the text around them.
 */

/**
 * What a tag does to the rendered text:
 * - `output` prints something (a value, an include, a toYaml block);
 * - `silent` prints nothing (comments, assignments, imports);
 * - `open` / `middle` / `close` delimit conditional or repeated content (if/else/end, for, with,
 *   range, block);
 * - `hidden` opens content that is not rendered in place (define, macro, a block `set`).
 */
export type TagRole = 'output' | 'silent' | 'open' | 'middle' | 'close' | 'hidden';

export interface TemplateTag {
  start: number;
  /** Offset just past the closing delimiter. */
  end: number;
  role: TagRole;
  /** For output tags: the indentation `nindent N` / `indent N` asks for, if any. */
  indent?: { by: number; newline: boolean };
}

/** Past this length an unclosed-looking `{{` is literal text, not a tag (bounds the scan). */
const maxTagLength = 20_000;

const delimiters: Readonly<Record<string, string>> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/** Every tag of the text, in order and without overlaps. Cheap when there are none. */
export function scanTemplateTags(text: string): TemplateTag[] {
  if (!/\{[{%#]/.test(text)) return [];
  const tags: TemplateTag[] = [];
  const closers = new Closers(text);
  let from = 0;
  for (;;) {
    const start = nextOpening(text, from);
    if (start < 0) return tags;
    const open = text.slice(start, start + 2);
    const close = delimiters[open] ?? '}}';
    const closeAt = closers.next(close, start + 2);
    if (closeAt < 0 || closeAt - start > maxTagLength) {
      from = start + 2;
      continue;
    }
    const end = closeAt + 2;
    tags.push({ start, end, ...classify(open, text.slice(start + 2, closeAt)) });
    from = end;
  }
}

function nextOpening(text: string, from: number): number {
  const re = /\{[{%#]/g;
  re.lastIndex = from;
  const match = re.exec(text);
  return match ? match.index : -1;
}

/**
 * The positions of each closing delimiter, searched by bisection, so many opening braces
 * without a close (a regex, a JSON blob in an annotation) cost a logarithm each, not a rescan.
 */
class Closers {
  private readonly positions = new Map<string, number[]>();

  constructor(private readonly text: string) {}

  next(close: string, from: number): number {
    const list = this.list(close);
    return list[firstAtLeast(list.length, (i) => list[i] ?? 0, from)] ?? -1;
  }

  private list(close: string): number[] {
    let list = this.positions.get(close);
    if (!list) {
      list = [];
      for (let i = this.text.indexOf(close); i >= 0; i = this.text.indexOf(close, i + 1)) list.push(i);
      this.positions.set(close, list);
    }
    return list;
  }
}

const goOpen = new Set(['if', 'range', 'with', 'block']);
const jinjaOpen = new Set(['if', 'for', 'with', 'block', 'filter', 'autoescape', 'call', 'raw']);
const jinjaSilent = new Set(['import', 'from', 'extends', 'do', 'break', 'continue']);

function classify(open: string, inner: string): Omit<TemplateTag, 'start' | 'end'> {
  // `{{- x -}}` and `{%- x -%}` trim whitespace around the tag; the markers are not the action.
  const body = inner.replace(/^[-+~]?\s*/, '').replace(/\s*[-+~]?$/, '');
  if (open === '{#') return { role: 'silent' };
  const word = /^[A-Za-z_]+/.exec(body)?.[0] ?? '';
  return open === '{%' ? classifyJinja(word, body) : classifyGo(word, body);
}

function classifyGo(word: string, body: string): Omit<TemplateTag, 'start' | 'end'> {
  if (body.startsWith('/*')) return { role: 'silent' };
  if (goOpen.has(word)) return { role: 'open' };
  if (word === 'define') return { role: 'hidden' };
  if (word === 'else') return { role: 'middle' };
  if (word === 'end') return { role: 'close' };
  if (word === 'break' || word === 'continue') return { role: 'silent' };
  // `{{ $x := … }}` and `{{ $_ := set … }}` assign and print nothing.
  if (/^\$\w*\s*:?=/.test(body)) return { role: 'silent' };
  return outputTag(body);
}

function classifyJinja(word: string, body: string): Omit<TemplateTag, 'start' | 'end'> {
  if (jinjaOpen.has(word)) return { role: 'open' };
  if (word === 'elif' || word === 'else') return { role: 'middle' };
  if (word.startsWith('end')) return { role: 'close' };
  if (word === 'macro') return { role: 'hidden' };
  // `{% set x = 1 %}` assigns; `{% set x %}…{% endset %}` captures a block that is not rendered.
  if (word === 'set') return { role: body.includes('=') ? 'silent' : 'hidden' };
  if (word === 'include') return { role: 'output' };
  if (jinjaSilent.has(word)) return { role: 'silent' };
  return { role: 'silent' };
}

function outputTag(body: string): Omit<TemplateTag, 'start' | 'end'> {
  const matches = [...body.matchAll(/\|\s*(n?indent)\s+(\d+)/g)];
  const last = matches[matches.length - 1];
  if (!last) return { role: 'output' };
  return { role: 'output', indent: { by: Number(last[2]), newline: last[1] === 'nindent' } };
}
