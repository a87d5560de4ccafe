import { placeholderMark } from '../decode/placeholder';
import { lastAtMostIn } from '../source/search';
import { scanTemplateTags } from './templateScan';
import type { TemplateTag } from './templateScan';

/**
 * Turns a templated document into YAML the parser can read, without moving a single character:
 * every variant has exactly the text's length and line breaks, so offsets, lines and columns of
 * the literal parts are the user's own.
 *
 * - A tag inside a line of content becomes a placeholder scalar of the same length (marked with
 *   U+FFFC and a per-tag number, so two placeholders never look equal to a duplicate check).
 * - A line holding only tags (`{{- if .Values.x }}`, `{{ include "labels" . | nindent 4 }}`,
 *   `{% endfor %}`) is blanked; when it prints something, it is recorded as an injection point
 *   so the content it may add makes the surrounding collection uncertain.
 * - Conditionals are expanded into variants: variant k keeps the k-th branch of every
 *   if/else chain (or its last one) and blanks the others, so each literal branch is checked
 *   once and two exclusive branches never meet as duplicates.
 */

/** More variants than this are not checked (the branches past it stay unchecked). */
const maxVariants = 6;

/** Where content a template prints (or a branch not taken) may add entries. */
export interface Injection {
  /** 0-based line in the document. */
  line: number;
  /** The column the added content starts at. */
  indent: number;
  /** True when the added content is known to be sequence items, false for map entries. */
  item?: boolean;
}

export interface TemplateVariant {
  text: string;
  /** Lines with a placeholder or blanked: syntax errors there are the template's, not the user's. */
  touchedLines: ReadonlySet<number>;
  injections: readonly Injection[];
}

export interface TemplateModel {
  variantCount: number;
  variant(k: number): TemplateVariant;
}

interface Branch {
  /** First and past-the-last line of the branch's content. */
  from: number;
  to: number;
}

interface Chain {
  openLine: number;
  branches: Branch[];
  hidden: boolean;
}

/** The template structure of a document, or undefined when it has no template tags. */
export function templateModel(text: string): TemplateModel | undefined {
  const tags = scanTemplateTags(text);
  if (tags.length === 0) return undefined;
  const layout = new Layout(text, tags);
  const chains = buildChains(layout, tags);
  const branchCounts = chains.filter((c) => !c.hidden).map((c) => c.branches.length);
  const variantCount = Math.min(maxVariants, Math.max(1, ...branchCounts));
  return { variantCount, variant: (k) => buildVariant(layout, tags, chains, k) };
}

/** Lines of the text and which of them hold nothing but tags. */
class Layout {
  readonly lineStarts: number[] = [0];
  readonly templateOnly: boolean[];

  constructor(
    readonly text: string,
    tags: readonly TemplateTag[],
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.templateOnly = this.findTemplateOnlyLines(tags);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineOf(offset: number): number {
    return lastAtMostIn(this.lineStarts, offset);
  }

  lineText(line: number): string {
    const start = this.lineStarts[line] ?? 0;
    const next = this.lineStarts[line + 1];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }

  /** The column of a line's first non-blank character. */
  indentOf(line: number): number {
    return /^ */.exec(this.lineText(line))?.[0].length ?? 0;
  }

  isBlank(line: number): boolean {
    return /^\s*(#.*)?$/.test(this.lineText(line));
  }

  private findTemplateOnlyLines(tags: readonly TemplateTag[]): boolean[] {
    const rest = this.lineStarts.map((_, line) => this.lineText(line).split(''));
    const hasTag = this.lineStarts.map(() => false);
    for (const tag of tags) {
      for (let line = this.lineOf(tag.start); line <= this.lineOf(tag.end - 1); line++) {
        hasTag[line] = true;
        const start = this.lineStarts[line] ?? 0;
        const chars = rest[line] ?? [];
        for (let i = Math.max(tag.start, start); i < Math.min(tag.end, start + chars.length); i++) {
          chars[i - start] = ' ';
        }
      }
    }
    return rest.map((chars, line) => (hasTag[line] ?? false) && chars.join('').trim() === '');
  }
}

/** The if/else (and for, with, range, define …) chains formed by tags standing on their own lines. */
function buildChains(layout: Layout, tags: readonly TemplateTag[]): Chain[] {
  const chains: Chain[] = [];
  const open: Chain[] = [];
  for (const tag of tags) {
    const line = layout.lineOf(tag.start);
    const lastLine = layout.lineOf(tag.end - 1);
    if (!layout.templateOnly[line] || tag.role === 'output' || tag.role === 'silent') continue;
    const current = open[open.length - 1];
    if (tag.role === 'open' || tag.role === 'hidden') {
      const chain: Chain = {
        openLine: line,
        branches: [{ from: lastLine + 1, to: layout.lineCount }],
        hidden: tag.role === 'hidden',
      };
      chains.push(chain);
      open.push(chain);
    } else if (tag.role === 'middle') {
      // An `else` whose `if` lies in an earlier `---` document: the text before it is branch one.
      const chain = current ?? implicitChain(chains, open);
      closeBranch(chain, line);
      chain.branches.push({ from: lastLine + 1, to: layout.lineCount });
    } else if (current) {
      closeBranch(current, line);
      open.pop();
    }
  }
  return chains;
}

function implicitChain(chains: Chain[], open: Chain[]): Chain {
  const chain: Chain = { openLine: -1, branches: [{ from: 0, to: 0 }], hidden: false };
  chains.push(chain);
  open.push(chain);
  return chain;
}

function closeBranch(chain: Chain, line: number): void {
  const last = chain.branches[chain.branches.length - 1];
  if (last) last.to = Math.max(last.from, line);
}

function buildVariant(
  layout: Layout,
  tags: readonly TemplateTag[],
  chains: readonly Chain[],
  k: number,
): TemplateVariant {
  const dropped = droppedLines(layout, chains, k);
  const chars = layout.text.split('');
  const touched = new Set<number>();
  tags.forEach((tag, index) =>
    isBlockTag(layout, tag) ? blankSpan(chars, tag) : maskTag(chars, tag, index),
  );
  for (let line = 0; line < layout.lineCount; line++) {
    if (!layout.templateOnly[line] && !dropped[line]) continue;
    blankLine(chars, layout, line);
  }
  for (const tag of tags) {
    for (let line = layout.lineOf(tag.start); line <= layout.lineOf(tag.end - 1); line++) touched.add(line);
  }
  dropped.forEach((isDropped, line) => {
    if (isDropped) touched.add(line);
  });
  const injections = [
    ...outputInjections(layout, tags, dropped),
    ...branchInjections(layout, chains, dropped, k),
  ];
  return { text: chars.join(''), touchedLines: touched, injections };
}

/** Lines of branches variant k does not take, and the bodies of define/macro blocks. */
function droppedLines(layout: Layout, chains: readonly Chain[], k: number): boolean[] {
  const dropped = new Array<boolean>(layout.lineCount).fill(false);
  for (const chain of chains) {
    const chosen = chain.hidden ? -1 : Math.min(k, chain.branches.length - 1);
    chain.branches.forEach((branch, i) => {
      if (i === chosen) return;
      for (let line = branch.from; line < branch.to; line++) dropped[line] = true;
    });
  }
  return dropped;
}

/**
 * `labels: {{- include "labels" . | nindent 4 }}`: an output tag that ends a line after a key (or
 * a dash) and starts its text on a new line prints a block under that key. It is blanked rather
 * than replaced by a placeholder, so literal entries written below it stay part of the block.
 */
function isBlockTag(layout: Layout, tag: TemplateTag): boolean {
  if (tag.role !== 'output' || !tag.indent?.newline) return false;
  const line = layout.lineOf(tag.start);
  if (layout.templateOnly[line] || layout.lineOf(tag.end - 1) !== line) return false;
  const start = layout.lineStarts[line] ?? 0;
  const before = layout.text.slice(start, tag.start).trimEnd();
  const after = layout.text.slice(tag.end, start + layout.lineText(line).length).trim();
  return after === '' && (before.endsWith(':') || /^\s*-$/.test(before));
}

function blankSpan(chars: string[], tag: TemplateTag): void {
  for (let i = tag.start; i < tag.end; i++) {
    if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  }
}

/** A placeholder for a tag inside content: same length, line breaks kept, unique per tag. */
function maskTag(chars: string[], tag: TemplateTag, index: number): void {
  const id = `${placeholderMark}${index.toString(36)}`;
  for (let i = tag.start, j = 0; i < tag.end; i++, j++) {
    const c = chars[i];
    if (c === '\n' || c === '\r') continue;
    chars[i] = id[j] ?? placeholderMark;
  }
}

function blankLine(chars: string[], layout: Layout, line: number): void {
  const start = layout.lineStarts[line] ?? 0;
  const end = start + layout.lineText(line).length;
  for (let i = start; i < end; i++) {
    if (chars[i] !== '\r') chars[i] = ' ';
  }
}

/** Lines that print a block (`{{ include … | nindent 4 }}`): their content lands at that indent. */
function outputInjections(
  layout: Layout,
  tags: readonly TemplateTag[],
  dropped: readonly boolean[],
): Injection[] {
  const out: Injection[] = [];
  for (const tag of tags) {
    const line = layout.lineOf(tag.start);
    if (dropped[line]) continue;
    // After `key:` on the same line: the block lands below that key, as if on a line of its own.
    if (isBlockTag(layout, tag)) out.push({ line: line + 0.5, indent: tag.indent?.by ?? 0 });
    if (tag.role !== 'output' || !layout.templateOnly[line]) continue;
    const column = tag.start - (layout.lineStarts[line] ?? 0);
    const indent = tag.indent ? (tag.indent.newline ? tag.indent.by : column + tag.indent.by) : column;
    out.push({ line, indent });
  }
  return out;
}

/** For a branch not taken, where its content would have gone. */
function branchInjections(
  layout: Layout,
  chains: readonly Chain[],
  dropped: readonly boolean[],
  k: number,
): Injection[] {
  const out: Injection[] = [];
  for (const chain of chains) {
    if (chain.hidden || chain.branches.length < 2 || (chain.openLine >= 0 && dropped[chain.openLine])) {
      continue;
    }
    const chosen = Math.min(k, chain.branches.length - 1);
    chain.branches.forEach((branch, i) => {
      if (i === chosen) return;
      const injection = branchContent(layout, branch);
      if (injection) out.push(injection);
    });
  }
  return out;
}

function branchContent(layout: Layout, branch: Branch): Injection | undefined {
  let first: number | undefined;
  let indent = Infinity;
  for (let line = branch.from; line < branch.to; line++) {
    if (layout.templateOnly[line] || layout.isBlank(line)) continue;
    first ??= line;
    indent = Math.min(indent, layout.indentOf(line));
  }
  if (first === undefined) return undefined;
  return {
    line: first,
    indent,
    item: /^\s*- /.test(layout.lineText(first)) || /^\s*-$/.test(layout.lineText(first)),
  };
}
