import { isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { kindSpecs } from '../k8s/schema';
import type { Endpoints, EndpointSlice } from '../k8s/objects';
import { labelManagedBy, labelServiceName } from '../k8s/wellKnown';
import type { ObjectSpec } from '../k8s/schemaTypes';
import { decode } from '../decode/decode';
import { documentLimits, validationLimitExceeded } from '../source/limits';
import type { Decoded, Location } from '../decode/decode';
import { documentObjects } from '../decode/objects';
import type { ManifestObject } from '../decode/objects';
import { parseChunk, rangeOf } from '../yaml/yamlDocument';
import type { DocumentStore } from '../store/documentStore';
import type { ParsedChunk } from '../yaml/yamlDocument';
import type { Range } from '../types';
import { podTemplateInfo } from './podTemplates';
import { serviceRoutingInfo } from './serviceRouting';
import { markUncertain, templatedText } from './templatedRouting';
import type {
  EndpointsInfo,
  FileSummary,
  NamedRange,
  ServiceInfo,
  ServicePortInfo,
  SliceInfo,
} from './types';

/**
 * Documents worth parsing for the index; everything else is skipped by this line scan. Lists
 * count (`kubectl get services -o yaml` writes a `List` of Services): their items are indexed.
 */
const indexedKind =
  /^kind:[ \t]*["']?(?:Service|Endpoints|EndpointSlice|\w*List|Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob)["']?[ \t]*(?:#.*)?$/m;

/**
 * The summary of one `---` document, with ranges counted from its first line and no uri yet;
 * `parsed` is its parse when the caller has it at hand, else the store parses it.
 */
export function summarizeChunk(text: string, store: DocumentStore, parsed?: ParsedChunk): FileSummary {
  const summary: FileSummary = { services: [], slices: [], endpoints: [], templates: [] };
  if (!indexedKind.test(text)) return summary;
  // A document validation skips for its size is not parsed for the index either (source/limits.ts).
  if (validationLimitExceeded(text)) return summary;
  // Nor one over the editing limit: a 10 MB `kubectl get -o yaml` List parsed whole takes 65
  // times its size, where validation reads it item by item.
  if (text.length > documentLimits.documentChars) return summary;
  // A Helm template is read as its first variant: same lines and columns, tags as placeholders.
  const templated = templatedText(text);
  const chunk = templated ? parseChunk(templated.text) : (parsed ?? store.parse(text));
  if (!isMap(chunk.doc.contents)) return summary;
  const objects = documentObjects(chunk.doc);
  const add = (object: ManifestObject, range: Range): void => addObject(summary, store, chunk, object, range);
  if (objects.kind === 'single') add(objects.object, rangeOf(chunk, 0, text.length));
  if (objects.kind === 'list') {
    for (const object of objects.objects) add(object, nodeRangeOf(chunk, object.node));
  }
  if (templated) markUncertain(summary, templated);
  return summary;
}

/** One object of the document (the document itself, or an item of its list). */
function addObject(
  summary: FileSummary,
  store: DocumentStore,
  chunk: ParsedChunk,
  object: ManifestObject,
  range: Range,
): void {
  const { node, kind, apiVersion } = object;
  if (!isMap(node)) return;
  const decoded = (spec: ObjectSpec): Decoded =>
    node === chunk.doc.contents ? store.decode(chunk, spec) : decode(chunk.doc, spec, { root: node });
  if (kind === 'Service' && apiVersion === 'v1') {
    const service = serviceInfo(node, range);
    if (service) service.routing = serviceRoutingInfo(chunk, node);
    if (service) summary.services.push(service);
  } else if (kind === 'EndpointSlice' && apiVersion === 'discovery.k8s.io/v1') {
    summary.slices.push(sliceInfo(chunk, decoded(kindSpecs.EndpointSlice), range));
  } else if (kind === 'Endpoints' && apiVersion === 'v1') {
    summary.endpoints.push(endpointsInfo(chunk, decoded(kindSpecs.Endpoints), range));
  } else {
    const template = podTemplateInfo(chunk, node, String(kind), String(apiVersion), range);
    if (template) summary.templates.push(template);
  }
}

function nodeRangeOf(chunk: ParsedChunk, node: unknown): Range {
  const [start, end] = (node as { range?: [number, number, number] }).range ?? [0, 0];
  return rangeOf(chunk, start, end);
}

function sliceInfo(chunk: ParsedChunk, decoded: Decoded, range: Range): SliceInfo {
  const slice: EndpointSlice = decoded.value;
  const at = (path: string): Range | undefined => locationRange(chunk, decoded.locations.get(path));
  const info: SliceInfo = {
    uri: '',
    ports: (slice.ports ?? []).map((port, i) => ({
      name: port.name ?? '',
      range: at(`ports[${i}].name`) ?? at(`ports[${i}]`) ?? range,
      field: `ports[${i}].name`,
    })),
    endpoints: (slice.endpoints ?? []).length,
    // A nil `ready` is ready, as the API's consumers read it.
    ready: (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length,
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

function endpointsInfo(chunk: ParsedChunk, decoded: Decoded, range: Range): EndpointsInfo {
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
  const subsets = endpoints.subsets ?? [];
  const info: EndpointsInfo = {
    uri: '',
    ports,
    addresses: subsets.reduce((sum, subset) => sum + (subset.addresses ?? []).length, 0),
    notReady: subsets.reduce((sum, subset) => sum + (subset.notReadyAddresses ?? []).length, 0),
    anchor,
    range,
  };
  assignDefined(info, { name: endpoints.metadata?.name, namespace: endpoints.metadata?.namespace });
  return info;
}

function serviceInfo(root: YAMLMap, range: Range): ServiceInfo | undefined {
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
