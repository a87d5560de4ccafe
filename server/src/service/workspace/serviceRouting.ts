import { isMap, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { nodeRange } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import type { RoutingService, RoutingServicePort } from '../routing';
import type { Range } from '../types';
import { labelEntries, mapAt } from './podTemplates';
import type { LabelEntry } from './podTemplates';

/**
 * What the routing advice reads of a Service: the Service as the routing engine takes it, and
 * where its selector entries and target ports are written, for diagnostics and quick fixes.
 */
export interface ServiceRoutingInfo {
  service: RoutingService;
  selector: LabelEntry[];
  /** Per `spec.ports` item, in order: where its targetPort (else its port) is written. */
  portRanges: (Range | undefined)[];
  selectorRange?: Range;
  /** Set for a Helm template whose selector or ports a tag may write: no routing advice then. */
  uncertain?: boolean;
  /** The Service's `metadata.name` value, where advice about the Service as a whole points. */
  nameRange?: Range;
}

export function serviceRoutingInfo(chunk: ParsedChunk, root: YAMLMap): ServiceRoutingInfo {
  const spec = mapAt(root, ['spec']);
  const selectorNode = spec && mapAt(spec, ['selector']);
  const selector = selectorNode ? labelEntries(chunk, selectorNode) : [];
  const portsNode = spec?.get('ports', true);
  const portItems = isSeq(portsNode) ? portsNode.items : [];
  const info: ServiceRoutingInfo = {
    service: {
      metadata: metadataOf(root),
      spec: {
        ...specFields(spec),
        ...(selector.length > 0
          ? { selector: Object.fromEntries(selector.map((e) => [e.key, e.value])) }
          : {}),
        ports: portItems.map(servicePort),
      },
    },
    selector,
    portRanges: portItems.map((item) => {
      if (!isMap(item)) return undefined;
      const node = (item.get('targetPort', true) ?? item.get('port', true)) as Node | undefined;
      return node ? nodeRange(chunk, node) : undefined;
    }),
  };
  if (selectorNode) info.selectorRange = nodeRange(chunk, selectorNode);
  const nameNode = mapAt(root, ['metadata'])?.get('name', true) as Node | undefined;
  if (nameNode) info.nameRange = nodeRange(chunk, nameNode);
  return info;
}

function metadataOf(root: YAMLMap): RoutingService['metadata'] {
  const metadata = mapAt(root, ['metadata']);
  const name = metadata?.get('name');
  const namespace = metadata?.get('namespace');
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof namespace === 'string' ? { namespace } : {}),
  };
}

/** The spec fields routing reads, only when they have the type the apiserver would accept. */
function specFields(spec: YAMLMap | undefined): NonNullable<RoutingService['spec']> {
  if (!spec) return {};
  const out: NonNullable<RoutingService['spec']> = {};
  const type = spec.get('type');
  const clusterIP = spec.get('clusterIP');
  const families = spec.get('ipFamilies', true);
  if (typeof type === 'string') out.type = type;
  if (typeof clusterIP === 'string') out.clusterIP = clusterIP;
  if (isSeq(families)) {
    out.ipFamilies = families.items.map((item) => String((item as { value?: unknown }).value));
  }
  if (spec.get('publishNotReadyAddresses') === true) out.publishNotReadyAddresses = true;
  return out;
}

function servicePort(item: unknown): RoutingServicePort {
  if (!isMap(item)) return {};
  const port: RoutingServicePort = {};
  const name = item.get('name');
  const number = item.get('port');
  const target = item.get('targetPort');
  const protocol = item.get('protocol');
  if (typeof name === 'string') port.name = name;
  if (typeof number === 'number') port.port = number;
  if (typeof target === 'number' || typeof target === 'string') port.targetPort = target;
  if (typeof protocol === 'string') port.protocol = protocol;
  return port;
}
