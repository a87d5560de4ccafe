import type { FieldSpec, ListSpec, ObjectSpec } from '../k8s/schemaTypes';
import type { CompletionItem } from '../languageTypes';
import type { CursorContext } from './context';
import type { KubernetesVersion } from '../settings';
import { availableIn, fieldDocumentation, typeLabel } from './docs';
import { itemInsertText, keyInsertText } from './insertText';
import type { Layout } from './insertText';

/**
 * The fields of the object at the cursor that it does not have yet, required ones first; a
 * field the target version's apiserver drops is not offered.
 */
export function keyCompletions(
  ctx: CursorContext,
  spec: ObjectSpec,
  layout: Layout,
  version: KubernetesVersion,
): CompletionItem[] {
  return Object.entries(spec.fields)
    .filter(
      ([name, field]) => (!ctx.siblings.has(name) || name === ctx.prefix) && availableIn(field, version),
    )
    .map(([name, field]) => keyItem(ctx, name, field, layout, version));
}

function keyItem(
  ctx: CursorContext,
  name: string,
  field: FieldSpec,
  layout: Layout,
  version: KubernetesVersion,
): CompletionItem {
  const item: CompletionItem = {
    label: name,
    kind: 'property',
    detail: `${typeLabel(field)}${field.required ? ' · required' : ''}`,
    documentation: fieldDocumentation(name, field, version),
    insertText: ctx.keyOnly ? name : keyInsertText(name, field, layout),
    snippet: !ctx.keyOnly,
    range: ctx.range,
    sortText: `${field.required ? 0 : field.deprecated ? 2 : 1}_${name}`,
  };
  if (field.deprecated) item.deprecated = true;
  return item;
}

/** Under a list field with no `- ` typed yet: a new item. */
export function itemCompletions(
  ctx: CursorContext,
  list: ListSpec,
  name: string,
  layout: Layout,
): CompletionItem[] {
  const what = list.item.kind === 'object' ? list.item.goType : 'value';
  return [
    {
      label: `- ${what}`,
      kind: 'snippet',
      detail: `a new item of ${name}`,
      insertText: itemInsertText(list.item, layout),
      snippet: true,
      range: ctx.range,
      filterText: ctx.prefix || '-',
      sortText: '0',
    },
  ];
}
