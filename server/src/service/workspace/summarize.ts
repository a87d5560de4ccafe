import { isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { kindSpecs } from '../k8s/schema';
import type { Endpoints, EndpointSlice } from '../k8s/objects';
import { labelManagedBy, labelServiceName } from '../k8s/wellKnown';
import type { Location } from '../parse/decode';
import { rangeOf } from '../parse/yamlDocument';
import { sharedDecode, sharedParse } from '../parse/sharedParse';
import type { ParsedChunk } from '../parse/yamlDocument';
import type { Range } from '../types';
import type {
  EndpointsInfo,
  FileSummary,
  NamedRange,
  ServiceInfo,
  ServicePortInfo,
  SliceInfo,
} from './types';

/** Documents worth parsing for the index; everything else is skipped by this line scan. */
const indexedKind = /^kind:[ \t]*["']?(Service|Endpoints|EndpointSlice)["']?[ \t]*(?:#.*)?$/m;

/** The summary of one `---` document, with ranges counted from its first line and no uri yet. */
export function summarizeChunk(text: string, edited = false): FileSummary {
  const empty: FileSummary = { services: [], slices: [], endpoints: [] };
  const kind = indexedKind.exec(text)?.[1];
  if (!kind) return empty;
  const chunk = sharedParse(text, 'yaml', { edited });
  if (!isMap(chunk.doc.contents)) return empty;
  const whole = rangeOf(chunk, 0, text.length);
  const apiVersion = scalarAt(chunk.doc.contents, 'apiVersion');
  if (kind === 'Service' && apiVersion === 'v1') {
    const service = serviceInfo(chunk, whole);
    return service ? { ...empty, services: [service] } : empty;
  }
  if (kind === 'EndpointSlice' && apiVersion === 'discovery.k8s.io/v1') {
    return { ...empty, slices: [sliceInfo(chunk, whole)] };
  }
  if (kind === 'Endpoints' && apiVersion === 'v1') {
    return { ...empty, endpoints: [endpointsInfo(chunk, whole)] };
  }
  return empty;
}

function sliceInfo(chunk: ParsedChunk, range: Range): SliceInfo {
  const decoded = sharedDecode(chunk, kindSpecs.EndpointSlice);
  const slice: EndpointSlice = decoded.value;
  const at = (path: string): Range | undefined => locationRange(chunk, decoded.locations.get(path));
  const info: SliceInfo = {
    uri: '',
    ports: (slice.ports ?? []).map((port, i) => ({
      name: port.name ?? '',
      range: at(`ports[${i}].name`) ?? at(`ports[${i}]`) ?? range,
      field: `ports[${i}].name`,
    })),
    anchor: at('metadata.name') ?? at('kind') ?? range,
    range,
  };
  assignDefined(info, {
    addressTypeRange: at('addressType'),
    serviceNameRange: at(`metadata.labels[${labelServiceName}]`),
    name: slice.metadata?.name,
    namespace: slice.metadata?.namespace,
    serviceName: slice.metadata?.labels?.[labelServiceName],
    managedBy: slice.metadata?.labels?.[labelManagedBy],
    addressType: slice.addressType,
  });
  return info;
}

function endpointsInfo(chunk: ParsedChunk, range: Range): EndpointsInfo {
  const decoded = sharedDecode(chunk, kindSpecs.Endpoints);
  const endpoints: Endpoints = decoded.value;
  const ports: NamedRange[] = [];
  (endpoints.subsets ?? []).forEach((subset, i) =>
    (subset.ports ?? []).forEach((port, j) => {
      const path = `subsets[${i}].ports[${j}]`;
      const location = decoded.locations.get(`${path}.name`) ?? decoded.locations.get(path);
      ports.push({
        name: port.name ?? '',
        range: locationRange(chunk, location) ?? range,
        field: `${path}.name`,
      });
    }),
  );
  const anchor =
    locationRange(chunk, decoded.locations.get('metadata.name')) ??
    locationRange(chunk, decoded.locations.get('kind')) ??
    range;
  const info: EndpointsInfo = { uri: '', ports, anchor, range };
  assignDefined(info, { name: endpoints.metadata?.name, namespace: endpoints.metadata?.namespace });
  return info;
}

function serviceInfo(chunk: ParsedChunk, range: Range): ServiceInfo | undefined {
  const root = chunk.doc.contents as YAMLMap;
  const metadata = root.get('metadata', true);
  const spec = root.get('spec', true);
  const name = isMap(metadata) ? scalarAt(metadata, 'name') : undefined;
  if (typeof name !== 'string') return undefined;
  const info: ServiceInfo = {
    uri: '',
    name,
    hasSelector: isMap(spec) && hasEntries(spec.get('selector', true)),
    ports: isMap(spec) ? servicePorts(spec.get('ports', true)) : [],
    families: isMap(spec) ? families(spec) : [],
    range,
  };
  const namespace = isMap(metadata) ? scalarAt(metadata, 'namespace') : undefined;
  const type = isMap(spec) ? scalarAt(spec, 'type') : undefined;
  assignDefined(info, {
    namespace: typeof namespace === 'string' ? namespace : undefined,
    type: typeof type === 'string' ? type : undefined,
  });
  return info;
}

function servicePorts(node: unknown): ServicePortInfo[] {
  if (!isSeq(node)) return [];
  return node.items.filter(isMap).map((item) => {
    const port: ServicePortInfo = {
      name: stringOr(scalarAt(item, 'name'), ''),
      protocol: stringOr(scalarAt(item, 'protocol'), 'TCP'),
    };
    const number = scalarAt(item, 'port');
    const target = scalarAt(item, 'targetPort');
    const appProtocol = scalarAt(item, 'appProtocol');
    if (typeof number === 'number') port.port = number;
    if (typeof target === 'number' || typeof target === 'string') port.targetPort = target;
    if (typeof appProtocol === 'string') port.appProtocol = appProtocol;
    return port;
  });
}

/** The families a Service asks for: explicit `ipFamilies`, or both under a dual-stack policy. */
function families(spec: YAMLMap): string[] {
  const listed = spec.get('ipFamilies', true);
  const explicit = isSeq(listed) ? listed.items.map((i) => (isScalar(i) ? String(i.value) : '')) : [];
  const policy = scalarAt(spec, 'ipFamilyPolicy');
  if (policy === 'RequireDualStack' && explicit.length < 2) return ['IPv4', 'IPv6'];
  return explicit.filter((f) => f === 'IPv4' || f === 'IPv6');
}

function hasEntries(node: unknown): boolean {
  return isMap(node) && node.items.length > 0;
}

function scalarAt(map: YAMLMap, key: string): unknown {
  const node = map.get(key, true);
  return isScalar(node) ? node.value : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function locationRange(chunk: ParsedChunk, location: Location | undefined): Range | undefined {
  if (!location) return undefined;
  const [start, end] = location.value;
  return rangeOf(chunk, start, end);
}

/** Copies only the defined values, so optional fields stay absent rather than undefined. */
function assignDefined<T extends object>(target: T, values: Partial<Record<keyof T, unknown>>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}
