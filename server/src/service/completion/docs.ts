import type { FieldSpec, TypeSpec } from '../k8s/schemaTypes';
import { behaviourOf } from '../k8s/versions';
import type { KubernetesVersion } from '../settings';

/**
 * The Markdown completion and hover show for a field: what it is, its type, limits and notes.
 * For a version whose apiserver drops the field, that comes first, before what it would mean.
 */
export function fieldDocumentation(name: string, field: FieldSpec, version: KubernetesVersion): string {
  const parts = [`**${name}** \`${typeLabel(field)}\`${field.required ? ' — required' : ''}`];
  if (!availableIn(field, version)) {
    parts.push(`_Not in Kubernetes ${version}:_ ${field.requires?.otherwise}`);
  }
  parts.push(field.doc);
  if (field.values) parts.push(`Values: ${field.values.map((v) => `\`${v}\``).join(', ')}.`);
  if (field.since) parts.push(`_Version note:_ ${field.since}`);
  if (field.deprecated) parts.push(`_Deprecated:_ ${field.deprecated}`);
  return parts.join('\n\n');
}

/** Whether the apiserver of this version keeps the field (most fields exist in every version). */
export function availableIn(field: FieldSpec, version: KubernetesVersion): boolean {
  return field.requires === undefined || behaviourOf(version)[field.requires.behaviour];
}

export function typeLabel(field: FieldSpec): string {
  return `${field.pointer ? '*' : ''}${goTypeOf(field.type)}`;
}

function goTypeOf(type: TypeSpec): string {
  return type.kind === 'object' ? `v1.${type.goType}` : type.goType;
}
