import { isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { wellKnownPortName } from '../k8s/ports';
import type { CodeAction, TextEdit } from '../languageTypes';
import type { ServiceInfo } from '../workspace/types';
import { addPairEdit, replaceNodeEdit, scalarText } from '../yamlText/edits';
import { yamlScalar } from '../yamlText/scalars';
import { fieldSegments, quickFix } from './fixContext';
import type { FixContext } from './fixContext';

interface PortAt {
  map: YAMLMap;
  number: number | undefined;
  /** Names of the other ports of the same list. */
  taken: Set<string>;
}

/** An unnamed or duplicate port name: the Service's name for that port number, else a conventional one. */
export function portNameFix(ctx: FixContext): CodeAction[] {
  const port = portAt(ctx);
  if (!port) return [];
  const service = ctx.index?.findService(ctx.identity.serviceName, ctx.identity.namespace);
  const fromService = service?.ports.find((p) => numberOf(p) === port.number)?.name;
  const base =
    fromService ||
    (port.number !== undefined ? wellKnownPortName(port.number) : undefined) ||
    `port-${port.number ?? 1}`;
  const name = unique(base, port.taken);
  return [quickFix(ctx, `Name the port "${name}"`, [nameEdit(ctx, port.map, name)], true)];
}

/** A port name no Service port has: rename it to the Service port with the same number, or another unused one. */
export function portNameToServiceFix(ctx: FixContext): CodeAction[] {
  const port = portAt(ctx);
  const service = ctx.index?.findService(ctx.identity.serviceName, ctx.identity.namespace);
  if (!port || !service) return [];
  const candidates = [...service.ports].sort(
    (a, b) => Number(numberOf(b) === port.number) - Number(numberOf(a) === port.number),
  );
  return candidates
    .filter((p) => !port.taken.has(p.name))
    .slice(0, 3)
    .map((p, i) =>
      quickFix(
        ctx,
        `Rename the port to "${p.name}" (Service ${service.name})`,
        [nameEdit(ctx, port.map, p.name)],
        i === 0 && numberOf(p) === port.number,
      ),
    );
}

function numberOf(port: ServiceInfo['ports'][number]): number | undefined {
  return typeof port.targetPort === 'number' ? port.targetPort : port.port;
}

function portAt(ctx: FixContext): PortAt | undefined {
  const segments = fieldSegments(ctx.diagnostic.field ?? '');
  if (segments[segments.length - 1] === 'name') segments.pop();
  const map = ctx.parsed.doc.getIn(segments, true);
  const list = ctx.parsed.doc.getIn(segments.slice(0, -1), true);
  if (!isMap(map) || !isSeq(list)) return undefined;
  const number = map.get('port', true);
  const taken = new Set(
    list.items
      .filter((item) => item !== map && isMap(item))
      .map((item) => (item as YAMLMap).get('name'))
      .map((name) => (typeof name === 'string' ? name : '')),
  );
  return {
    map,
    number: isScalar(number) && typeof number.value === 'number' ? number.value : undefined,
    taken,
  };
}

function nameEdit(ctx: FixContext, map: YAMLMap, name: string): TextEdit {
  const node = map.get('name', true);
  if (isScalar(node) && node.range) {
    return replaceNodeEdit(ctx.parsed, ctx.startLine, node, scalarText(node, name, yamlScalar));
  }
  return addPairEdit(ctx.parsed, ctx.startLine, map, ['name'], yamlScalar(name));
}

function unique(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
