import { resolvePath } from '../k8s/schemaPath';
import type { ResolvedPath } from '../k8s/schemaPath';
import type { CompletionItem, CompletionResult } from '../languageTypes';
import type { Position } from '../types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import { documentIdentity } from '../yamlText/identity';
import { yamlScalar } from '../yamlText/scalars';
import { cursorContext } from './context';
import type { AnalysisCache } from './context';
import type { CursorContext } from './context';
import { itemCompletions, keyCompletions } from './keys';
import { objectBody } from './insertText';
import type { Layout } from './insertText';
import { labelKeyCompletions, serviceNames } from './labels';
import { servicePortItems } from './ports';
import { snippetCompletions } from './snippets';
import { valueCompletions } from './values';
import type { ValueEnv } from './values';
import type { TextSource } from '../source/chunkedText';
import type { ServiceSettings } from '../settings';

/**
 * Completion at a position: the cursor's YAML context decides between keys (from the schema),
 * values (enums, workspace Services, well-known ports and protocols), new list items and, in an
 * empty document, whole-document snippets.
 */
export function doComplete(
  source: TextSource,
  position: Position,
  settings: ServiceSettings,
  index?: WorkspaceIndex,
  cache?: AnalysisCache,
): CompletionResult {
  const ctx = cursorContext(source, position, cache);
  if (!ctx) return { items: [], isIncomplete: false };
  if (ctx.kind === undefined) return { items: unknownKindItems(ctx, index), isIncomplete: false };
  const identity = documentIdentity(ctx.documentText);
  const env: ValueEnv = {
    kind: ctx.kind,
    version: settings.kubernetesVersion,
    identity,
    index,
    service: index?.findService(identity.serviceName, identity.namespace),
  };
  const layout: Layout = {
    column: ctx.column,
    unit: ctx.indentUnit,
    flow: ctx.flow,
    env: {
      u: ' '.repeat(ctx.indentUnit),
      addressType: identity.addressType,
      serviceName: identity.serviceName,
    },
  };
  const resolved = resolvePath(ctx.kind, ctx.path);
  if (!resolved) return { items: [], isIncomplete: false };
  return { items: itemsFor(ctx, resolved, env, layout), isIncomplete: false };
}

function itemsFor(
  ctx: CursorContext,
  resolved: ResolvedPath,
  env: ValueEnv,
  layout: Layout,
): CompletionItem[] {
  const type = resolved.type;
  if (ctx.type === 'value') return valueCompletions(ctx, resolved, env);
  if (ctx.type === 'item' && type.kind !== 'object') return valueCompletions(ctx, resolved, env);
  const last = ctx.path[ctx.path.length - 1];
  const isPorts = ctx.path.includes('ports');
  if (type.kind === 'object') {
    const items = keyCompletions(ctx, type, layout, env.version);
    if (ctx.type === 'item' && ctx.siblings.size === 0 && !ctx.keyOnly) {
      if (isPorts) items.push(...servicePortItems(ctx, env.service, ctx.column, false));
      items.push(bodyItem(ctx, type.goType, objectBody(type, layout)));
    }
    return items;
  }
  if (type.kind === 'map' && ctx.path.join('.') === 'metadata.labels') {
    return labelKeyCompletions(ctx, env.kind, serviceNames(env.index, env.identity.namespace));
  }
  if (type.kind === 'list' && typeof last === 'string') {
    const items = itemCompletions(ctx, type, last, layout);
    if (last === 'ports') items.push(...servicePortItems(ctx, env.service, ctx.column, true));
    return items;
  }
  return [];
}

function bodyItem(ctx: CursorContext, goType: string, body: string): CompletionItem {
  return {
    label: goType,
    kind: 'snippet',
    detail: `a new ${goType}`,
    insertText: body,
    snippet: true,
    range: ctx.range,
    filterText: ctx.prefix || goType,
    sortText: '0',
  };
}

/** A document that is not ours yet: its kind and apiVersion, or a whole-document snippet. */
function unknownKindItems(ctx: CursorContext, index: WorkspaceIndex | undefined): CompletionItem[] {
  if (
    ctx.type === 'value' &&
    ctx.path.length === 1 &&
    (ctx.path[0] === 'kind' || ctx.path[0] === 'apiVersion')
  ) {
    const values = ctx.path[0] === 'kind' ? ['EndpointSlice', 'Endpoints'] : ['discovery.k8s.io/v1', 'v1'];
    return values.map((value) => ({
      label: value,
      kind: 'value',
      insertText: `${ctx.needsSpace ? ' ' : ''}${yamlScalar(value)}`,
      snippet: false,
      range: ctx.range,
    }));
  }
  if (ctx.type !== 'key' || ctx.path.length > 0 || ctx.column !== 0) return [];
  const empty = ctx.documentText
    .split('\n')
    .every((line) => /^\s*(#.*)?$/.test(line) || line.trim() === ctx.prefix);
  return empty ? snippetCompletions(ctx, serviceNames(index, undefined)[0]) : [];
}
