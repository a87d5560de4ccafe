import type { CompletionItem, Position, TextEdit } from '../../server/src/service';
import { applyEdits } from '../../server/src/service/yamlText/edits';

/** A test text with its cursor written as `|` (the first one), in the style of vscode-json-languageservice. */
export function withCursor(source: string): { text: string; position: Position } {
  const offset = source.indexOf('|');
  if (offset < 0) throw new Error(`no | cursor marker in ${JSON.stringify(source)}`);
  const before = source.slice(0, offset);
  const line = before.split('\n').length - 1;
  const character = offset - (before.lastIndexOf('\n') + 1);
  return { text: before + source.slice(offset + 1), position: { line, character } };
}

/** A snippet as it reads once every placeholder keeps its default (the first choice, or nothing). */
export function expandSnippet(snippet: string): string {
  let out = snippet;
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out
      .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return out.replace(/\\([$}\\])/g, '$1');
}

/** The text after accepting a completion item with its defaults. */
export function accept(text: string, item: CompletionItem): string {
  const newText = item.snippet ? expandSnippet(item.insertText) : item.insertText;
  return applyEdits(text, [{ range: item.range, newText }]);
}

export function apply(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(text, edits);
}

/** The labels of items, for compact assertions. */
export function labels(items: readonly CompletionItem[]): string[] {
  return items.map((i) => i.label);
}
