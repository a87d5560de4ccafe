import { servedApiVersion } from '../k8s/kinds';
import { ianaAppProtocols, kubernetesAppProtocols, targetRefKinds } from '../k8s/ports';
import type { ResolvedPath } from '../k8s/schemaPath';
import { fieldNames } from '../k8s/schemaPath';
import { standardFinalizers } from '../k8s/wellKnown';
import type { CompletionItem } from '../languageTypes';
import type { KubernetesVersion } from '../settings';
import type { OurKind } from '../types';
import type { ServiceInfo } from '../workspace/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { DocumentIdentity } from '../yamlText/identity';
import type { CursorContext } from './context';
import { labelValueCompletions, serviceNames } from './labels';
import { portNameCompletions, portNumberCompletions } from './ports';
import { valueItem } from './valueItem';

/** What value completion may consult besides the schema. */
export interface ValueEnv {
  kind: OurKind;
  /** The Kubernetes version the user targets (the document's settings). */
  version: KubernetesVersion;
  identity: DocumentIdentity;
  index: WorkspaceIndex | undefined;
  service: ServiceInfo | undefined;
}

/** Values for the field (or list item, or label) at the cursor. */
export function valueCompletions(
  ctx: CursorContext,
  resolved: ResolvedPath,
  env: ValueEnv,
): CompletionItem[] {
  const names = fieldNames(ctx.path);
  const last = names[names.length - 1] ?? '';
  const joined = names.join('.');
  if (resolved.mapEntry && names[0] === 'metadata' && names[1] === 'labels') {
    return labelValueCompletions(ctx, last, env.index, env.identity.namespace);
  }
  if (joined === 'metadata.name') return nameCompletions(ctx, env);
  if (joined === 'metadata.namespace') return namespaceCompletions(ctx, env);
  if (joined === 'metadata.finalizers') {
    return standardFinalizers.map((f) => valueItem(ctx, f, { kind: 'enum' }));
  }
  if (names.length === 1 && last === 'apiVersion') return apiVersionCompletions(ctx, env.kind);
  if (names.length === 1 && last === 'kind') return kindCompletions(ctx, env.kind);
  if (names.includes('ports') && last === 'name') return portNameCompletions(ctx, env.service);
  if (names.includes('ports') && last === 'port') return portNumberCompletions(ctx, env.service);
  if (last === 'appProtocol') return appProtocolCompletions(ctx);
  if (names[names.length - 2] === 'targetRef') return targetRefCompletions(ctx, last);
  return schemaValues(ctx, resolved);
}

function schemaValues(ctx: CursorContext, resolved: ResolvedPath): CompletionItem[] {
  if (resolved.type.kind === 'bool') {
    return ['true', 'false'].map((v) => valueItem(ctx, v, { kind: 'constant' }, true));
  }
  const field = resolved.field;
  return (field?.values ?? []).map((value, i) => {
    const deprecated = value === 'FQDN';
    const item = valueItem(ctx, value, {
      kind: 'enum',
      sortText: `${deprecated ? 1 : 0}${i}`,
      detail: deprecated ? 'deprecated' : (resolved.name ?? ''),
    });
    const documentation = field?.valueDocs?.[value];
    if (documentation !== undefined) item.documentation = documentation;
    if (deprecated) item.deprecated = true;
    return item;
  });
}

function apiVersionCompletions(ctx: CursorContext, kind: OurKind): CompletionItem[] {
  return (Object.entries(servedApiVersion) as [OurKind, string][])
    .sort(([a], [b]) => Number(b === kind) - Number(a === kind))
    .map(([k, version], i) => valueItem(ctx, version, { kind: 'module', detail: k, sortText: `${i}` }));
}

function kindCompletions(ctx: CursorContext, kind: OurKind): CompletionItem[] {
  return (['EndpointSlice', 'Endpoints'] as const).map((k, i) =>
    valueItem(ctx, k, {
      kind: 'keyword',
      detail: servedApiVersion[k],
      sortText: `${Number(k !== kind)}${i}`,
      ...(k === 'Endpoints'
        ? { documentation: 'v1 Endpoints is deprecated since 1.33; prefer EndpointSlice.' }
        : {}),
    }),
  );
}

function appProtocolCompletions(ctx: CursorContext): CompletionItem[] {
  return [...kubernetesAppProtocols, ...ianaAppProtocols].map((fact, i) =>
    valueItem(ctx, fact.value, {
      kind: 'enum',
      documentation: fact.doc,
      sortText: String(i).padStart(2, '0'),
    }),
  );
}

function targetRefCompletions(ctx: CursorContext, field: string): CompletionItem[] {
  if (field === 'kind') return targetRefKinds.map((k) => valueItem(ctx, k, { kind: 'keyword' }));
  if (field === 'apiVersion') return [valueItem(ctx, 'v1', { kind: 'module' })];
  return [];
}

/** An Endpoints must be named after its Service; a slice conventionally starts with it. */
function nameCompletions(ctx: CursorContext, env: ValueEnv): CompletionItem[] {
  if (env.kind === 'Endpoints') {
    return serviceNames(env.index, env.identity.namespace).map((name) =>
      valueItem(ctx, name, { kind: 'reference', detail: 'Service in the workspace' }),
    );
  }
  const service = env.identity.serviceName;
  if (!service) return [];
  const family = (env.identity.addressType ?? 'ipv4').toLowerCase();
  return [valueItem(ctx, `${service}-${family}`, { kind: 'value', detail: 'named after its Service' })];
}

function namespaceCompletions(ctx: CursorContext, env: ValueEnv): CompletionItem[] {
  const namespaces = new Set(
    (env.index?.services() ?? []).flatMap((s) => (s.namespace ? [s.namespace] : [])),
  );
  return [...namespaces]
    .sort()
    .map((ns) => valueItem(ctx, ns, { kind: 'reference', detail: 'namespace of a Service' }));
}
