import type { FieldSpec, TypeSpec } from '../k8s/schemaTypes';

/** The Markdown completion and hover show for a field: what it is, its type, limits and notes. */
export function fieldDocumentation(name: string, field: FieldSpec): string {
  const parts = [`**${name}** \`${typeLabel(field)}\`${field.required ? ' — required' : ''}`, field.doc];
  if (field.values) parts.push(`Values: ${field.values.map((v) => `\`${v}\``).join(', ')}.`);
  if (field.since) parts.push(`_Version note:_ ${field.since}`);
  if (field.deprecated) parts.push(`_Deprecated:_ ${field.deprecated}`);
  return parts.join('\n\n');
}

export function typeLabel(field: FieldSpec): string {
  return `${field.pointer ? '*' : ''}${goTypeOf(field.type)}`;
}

function goTypeOf(type: TypeSpec): string {
  return type.kind === 'object' ? `v1.${type.goType}` : type.goType;
}
