import type { FieldSpec, TypeSpec } from '../k8s/schemaTypes';
import { snippetChoice } from '../yamlText/scalars';
import { objectTemplate } from './templates';
import type { TemplateEnv } from './templates';

/**
 * Insert text for keys and list items, written at absolute indentation (the client inserts it
 * as is): the first line goes where the cursor is, every further line starts at column 0 and
 * carries the spaces that put it under `column`. The result is valid YAML at any depth.
 */
export interface Layout {
  /** Column of the key or `- ` being inserted. */
  column: number;
  unit: number;
  flow: boolean;
  env: TemplateEnv;
}

export function keyInsertText(name: string, field: FieldSpec, layout: Layout): string {
  const type = field.type;
  if (layout.flow) return `${name}: ${flowValue(type)}`;
  if (type.kind === 'object' || type.kind === 'list' || type.kind === 'map') {
    return `${name}:\n${block(type, layout.column + layout.unit, layout)}`;
  }
  return `${name}: ${scalarValue(field)}`;
}

/** A new list item: `- ` then the item's body, aligned two columns right of the dash. */
export function itemInsertText(item: TypeSpec, layout: Layout): string {
  if (layout.flow) return flowValue(item);
  if (item.kind === 'object') return `- ${indentRest(objectTemplate(item, layout.env), layout.column + 2)}`;
  return '- $1';
}

/** The body of an object written after a `- ` the user already typed. */
export function objectBody(item: TypeSpec, layout: Layout): string {
  return item.kind === 'object' ? indentRest(objectTemplate(item, layout.env), layout.column) : '$1';
}

function block(type: TypeSpec, column: number, layout: Layout): string {
  const pad = ' '.repeat(column);
  if (type.kind === 'list') {
    const body = type.item.kind === 'object' ? objectTemplate(type.item, layout.env) : ['$1'];
    return `${pad}- ${indentRest(body, column + 2)}`;
  }
  if (type.kind === 'object') return pad + indentRest(objectTemplate(type, layout.env), column);
  return `${pad}$1`;
}

function scalarValue(field: FieldSpec): string {
  if (field.type.kind === 'bool') return snippetChoice(1, ['true', 'false']);
  if (field.values) {
    return snippetChoice(
      1,
      field.values.filter((v) => v !== 'FQDN'),
    );
  }
  return '$1';
}

function flowValue(type: TypeSpec): string {
  if (type.kind === 'list') return '[$1]';
  if (type.kind === 'object' || type.kind === 'map') return '{$1}';
  return '$1';
}

/** Joins template lines, indenting every line after the first to `column`. */
function indentRest(lines: string[], column: number): string {
  const pad = ' '.repeat(column);
  return lines.map((line, i) => (i === 0 ? line : pad + line)).join('\n');
}
