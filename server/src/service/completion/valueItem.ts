import type { CompletionItem, CompletionKind } from '../languageTypes';
import { yamlScalar } from '../yamlText/scalars';
import type { CursorContext } from './context';

/**
 * A value completion, written as a YAML scalar kubectl reads back as the same string; a
 * `literal` (a number or a boolean for a typed field) is written as is.
 */
export function valueItem(
  ctx: CursorContext,
  value: string,
  extra: Partial<CompletionItem> & { kind?: CompletionKind } = {},
  literal = false,
): CompletionItem {
  const text = ctx.quoted || literal ? value : yamlScalar(value);
  return {
    label: value,
    kind: 'value',
    insertText: `${ctx.needsSpace ? ' ' : ''}${text}`,
    snippet: false,
    range: ctx.range,
    filterText: value,
    ...extra,
  };
}
