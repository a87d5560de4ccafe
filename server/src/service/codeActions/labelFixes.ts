import { labelServiceName } from '../k8s/wellKnown';
import type { CodeAction } from '../languageTypes';
import { sameNamespace } from '../workspace/types';
import type { ServiceInfo } from '../workspace/types';
import { insertPairEdit } from '../yamlText/edits';
import { yamlScalar } from '../yamlText/scalars';
import { quickFix } from './fixContext';
import type { FixContext } from './fixContext';

/**
 * Adds the missing `kubernetes.io/service-name` label: the workspace's Services that fit (the
 * slice is named after them, or its ports are theirs) first, else the name the slice's own name
 * suggests (`web-abc` → `web`).
 */
export function serviceNameLabelFix(ctx: FixContext): CodeAction[] {
  if (ctx.kind !== 'EndpointSlice') return [];
  const services = matchingServices(ctx);
  const names = services.length > 0 ? services.map((s) => s.name) : guess(ctx);
  return names.slice(0, 3).flatMap((name, i) => {
    const edit = insertPairEdit(
      ctx.parsed,
      ctx.startLine,
      ['metadata', 'labels'],
      labelServiceName,
      yamlScalar(name),
    );
    if (!edit) return [];
    const from = services.length > 0 ? ' (Service in the workspace)' : '';
    return [quickFix(ctx, `Add label ${labelServiceName}: ${name}${from}`, [edit], i === 0)];
  });
}

function matchingServices(ctx: FixContext): ServiceInfo[] {
  const name = ctx.identity.name ?? '';
  const ports = (ctx.decoded.value['ports'] as { name?: string }[] | undefined) ?? [];
  const scored = (ctx.index?.services() ?? [])
    .filter((s) => sameNamespace(s.namespace, ctx.identity.namespace))
    .map((service) => ({ service, score: score(service, name, ports) }))
    .filter((s) => s.score > 0);
  scored.sort((a, b) => b.score - a.score || a.service.name.localeCompare(b.service.name));
  return scored.map((s) => s.service);
}

function score(service: ServiceInfo, sliceName: string, ports: { name?: string }[]): number {
  const named = sliceName.startsWith(`${service.name}-`) ? 100 + service.name.length : 0;
  const names = new Set(service.ports.map((p) => p.name));
  const portsMatch = ports.length > 0 && ports.every((p) => names.has(p.name ?? '')) ? 10 : 0;
  const selectorless = service.hasSelector ? 0 : 1;
  return named + portsMatch + (named + portsMatch > 0 ? selectorless : 0);
}

function guess(ctx: FixContext): string[] {
  const name = ctx.identity.name;
  const metadata = ctx.decoded.value['metadata'] as { generateName?: string } | undefined;
  const base = name?.includes('-')
    ? name.slice(0, name.lastIndexOf('-'))
    : metadata?.generateName?.replace(/-+$/, '');
  return base ? [base] : [];
}
