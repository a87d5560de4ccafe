/**
 * A `kind: List` dump (`kubectl get -o yaml`) cut into its items by a line scan, so each item is
 * parsed, validated and released on its own: the yaml library's tree of a whole 50 MB dump
 * took 3.2 GB, 65 times the text. The cut is only made where it is certain to mean what the
 * whole parse means: `items:` at column 0 followed by a block sequence whose `- ` items all sit
 * at one column, no anchors or aliases, no template tags, no tabs; anything else is parsed whole.
 */
export interface CutList {
  /** The text with the items' lines blanked: the list's own fields, at their lines. */
  head: string;
  /** Where each item is: its text is made when it is read (`itemText`), one at a time. */
  items: { start: number; end: number; startLine: number }[];
  /** The column of the items' `- `. */
  column: number;
}

/** An item as a document of its own: its lines, with its `- ` turned into spaces. */
export function itemText(text: string, cut: CutList, item: CutList['items'][number]): string {
  const body = text.slice(item.start + cut.column + 2, item.end);
  return `${' '.repeat(cut.column + 2)}${body}${body.endsWith('\n') ? '' : '\n'}`;
}

const itemsKey = /^items:[ \t]*(?:#.*)?$/;

export function cutList(text: string): CutList | undefined {
  if (/[&*][^\s,\]}]|\{\{|\{%|\t/.test(text)) return undefined;
  const lines = text.split('\n');
  const keyLine = lines.findIndex((line) => itemsKey.test(line.replace(/\r$/, '')));
  if (keyLine < 0) return undefined;
  const first = lines.findIndex((line, i) => i > keyLine && !isBlankOrComment(line));
  const column = first < 0 ? -1 : (lines[first] ?? '').search(/\S/);
  if (column < 0 || !isItemStart(lines[first] ?? '', column)) return undefined;
  const items: CutList['items'] = [];
  let offset = lines.slice(0, first).reduce((sum, line) => sum + line.length + 1, 0);
  let current: { start: number; startLine: number } | undefined;
  let end = first;
  for (; end < lines.length; end++) {
    const line = lines[end] ?? '';
    if (isItemStart(line, column)) {
      if (current) items.push({ ...current, end: offset });
      current = { start: offset, startLine: end };
    } else if (!isBlankOrComment(line) && indentOf(line) <= column) break;
    offset += line.length + 1;
  }
  if (current) items.push({ ...current, end: Math.min(offset, text.length) });
  // A line at the items' column that is not an item, or any other line at column 0 than a key.
  if (end < lines.length && (indentOf(lines[end] ?? '') !== 0 || /^[-?:[{]/.test(lines[end] ?? ''))) {
    return undefined;
  }
  const head = [...lines.slice(0, first), ...lines.slice(first, end).map(() => ''), ...lines.slice(end)].join(
    '\n',
  );
  return { head, items, column };
}

function isItemStart(line: string, column: number): boolean {
  if (indentOf(line) !== column || line[column] !== '-') return false;
  const after = line[column + 1];
  // `- key: value` only: an empty item, a nested list or a scalar item is left to the whole parse.
  return after === ' ' && /^[^\s#-]/.test(line.slice(column + 2));
}

function isBlankOrComment(line: string): boolean {
  return /^\s*(?:#.*)?\r?$/.test(line);
}

function indentOf(line: string): number {
  const found = line.search(/\S/);
  return found < 0 ? line.length : found;
}
