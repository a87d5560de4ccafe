import { labelFacts, migrationManagedBy } from '../k8s/labelFacts';
import { labelManagedBy, labelServiceName } from '../k8s/wellKnown';
import type { CompletionItem } from '../languageTypes';
import type { OurKind } from '../types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { sameNamespace } from '../workspace/types';
import { snippetChoice, snippetText, yamlScalar } from '../yamlText/scalars';
import type { CursorContext } from './context';
import { valueItem } from './valueItem';

/** Label keys that mean something to the control plane for this kind, not yet present. */
export function labelKeyCompletions(
  ctx: CursorContext,
  kind: OurKind,
  services: readonly string[],
): CompletionItem[] {
  return labelFacts
    .filter((fact) => fact.kinds.includes(kind) && !ctx.siblings.has(fact.key))
    .map((fact) => {
      const values = fact.key === labelServiceName ? services : (fact.values ?? []);
      const value = fact.key === labelManagedBy ? `\${1:${migrationManagedBy}}` : valueSnippet(values);
      return {
        label: fact.key,
        kind: 'property',
        detail: 'well-known label',
        documentation: fact.doc,
        insertText: ctx.keyOnly ? fact.key : `${fact.key}: ${value}`,
        snippet: !ctx.keyOnly,
        range: ctx.range,
        sortText: `0_${fact.key}`,
      };
    });
}

function valueSnippet(values: readonly string[]): string {
  if (values.length === 0) return '$1';
  if (values.length === 1) return `\${1:${snippetText(yamlScalar(values[0] ?? ''))}}`;
  return snippetChoice(1, values.map(yamlScalar));
}

/** Values of a label: Service names for `kubernetes.io/service-name`, else the fixed values. */
export function labelValueCompletions(
  ctx: CursorContext,
  key: string,
  index: WorkspaceIndex | undefined,
  namespace: string | undefined,
): CompletionItem[] {
  if (key === labelServiceName) {
    return serviceNames(index, namespace).map((name, i) =>
      valueItem(ctx, name, { kind: 'reference', detail: 'Service in the workspace', sortText: `0${i}` }),
    );
  }
  const fact = labelFacts.find((f) => f.key === key);
  return (fact?.values ?? []).map((value) => valueItem(ctx, value, { kind: 'enum' }));
}

/** Names of the workspace's Services that could own a document in `namespace`, selectorless first. */
export function serviceNames(index: WorkspaceIndex | undefined, namespace: string | undefined): string[] {
  const services = (index?.services() ?? []).filter((s) => sameNamespace(s.namespace, namespace));
  services.sort((a, b) => Number(a.hasSelector) - Number(b.hasSelector) || a.name.localeCompare(b.name));
  return [...new Set(services.map((s) => s.name))];
}
