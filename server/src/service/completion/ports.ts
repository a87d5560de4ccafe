import { wellKnownPorts } from '../k8s/ports';
import type { CompletionItem } from '../languageTypes';
import type { ServiceInfo, ServicePortInfo } from '../workspace/types';
import type { CursorContext } from './context';
import { valueItem } from './valueItem';

/**
 * Port names and numbers: first those of the Service the document belongs to (a slice port must
 * carry the name of a Service port, and its number is where the endpoints listen: the Service's
 * targetPort), then the well-known ports.
 */
export function portNameCompletions(ctx: CursorContext, service: ServiceInfo | undefined): CompletionItem[] {
  const fromService = (service?.ports ?? []).map((port, i) =>
    valueItem(ctx, port.name, {
      detail: `${describe(port)} · Service ${service?.name ?? ''}`,
      documentation:
        'A port of the Service this document belongs to; Service and endpoint ports are paired by name.',
      sortText: `0${i}`,
      preselect: i === 0,
    }),
  );
  const known = wellKnownPorts.map((port) =>
    valueItem(ctx, port.name, {
      detail: `${port.port}/${port.protocol} · ${port.doc}`,
      sortText: `1_${port.name}`,
    }),
  );
  return dedupe([...fromService, ...known]);
}

export function portNumberCompletions(
  ctx: CursorContext,
  service: ServiceInfo | undefined,
): CompletionItem[] {
  const fromService = (service?.ports ?? []).flatMap((port, i) => {
    const target = typeof port.targetPort === 'number' ? port.targetPort : port.port;
    if (target === undefined) return [];
    return [
      valueItem(
        ctx,
        String(target),
        {
          detail: `${port.name || 'unnamed'} · Service ${service?.name ?? ''}`,
          documentation: `The port the endpoints listen on for Service port ${port.port ?? '?'} (${port.name || 'unnamed'}): its targetPort.`,
          sortText: `0${i}`,
          preselect: i === 0,
        },
        true,
      ),
    ];
  });
  const known = wellKnownPorts.map((port) =>
    valueItem(
      ctx,
      String(port.port),
      { detail: `${port.name} · ${port.doc}`, sortText: `1_${String(port.port).padStart(5, '0')}` },
      true,
    ),
  );
  return dedupe([...fromService, ...known]);
}

/** Whole port entries for a Service's ports, for a new item of `ports`. */
export function servicePortItems(
  ctx: CursorContext,
  service: ServiceInfo | undefined,
  column: number,
  withDash: boolean,
): CompletionItem[] {
  return (service?.ports ?? []).map((port, i) => {
    const lines = portLines(port);
    const pad = ' '.repeat(column + (withDash ? 2 : 0));
    const body = lines.map((line, j) => (j === 0 ? line : pad + line)).join('\n');
    const text = ctx.flow ? `{${lines.join(', ')}}` : `${withDash ? '- ' : ''}${body}`;
    return {
      label: `${port.name || 'unnamed'}: ${describe(port)}`,
      kind: 'snippet',
      detail: `port of Service ${service?.name ?? ''}`,
      documentation:
        'The whole port entry, matching the Service port by name, with its target port and protocol.',
      insertText: text,
      snippet: false,
      range: ctx.range,
      filterText: ctx.prefix || port.name || '-',
      sortText: `0${i}`,
    };
  });
}

function portLines(port: ServicePortInfo): string[] {
  const target = typeof port.targetPort === 'number' ? port.targetPort : port.port;
  const lines = port.name ? [`name: ${port.name}`] : [];
  if (target !== undefined) lines.push(`port: ${target}`);
  lines.push(`protocol: ${port.protocol}`);
  if (port.appProtocol) lines.push(`appProtocol: ${port.appProtocol}`);
  if (lines.length === 0) lines.push('protocol: TCP');
  return lines;
}

function describe(port: ServicePortInfo): string {
  const target =
    port.targetPort !== undefined && port.targetPort !== port.port ? ` → ${port.targetPort}` : '';
  return `${port.port ?? '?'}${target}/${port.protocol}`;
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.label) && seen.add(item.label));
}
