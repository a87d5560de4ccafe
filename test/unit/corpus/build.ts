/**
 * Builds the corpus manifests from the spec's two base manifests (§6) plus a delta. The objects
 * are written out by a small YAML emitter instead of a library so the files stay in the spec's
 * style (block lists of endpoints, flow maps for ports) and every string that YAML 1.1 could read
 * as something else (IPs, `""`, `010`, `yes`) is double-quoted: the text means one thing to
 * kubectl's go-yaml, to the engine and to a reader.
 */

export type Yaml = string | number | boolean | null | readonly Yaml[] | YamlMap;
/** `undefined` values are left out, which is how a delta removes a field of the base. */
export interface YamlMap {
  readonly [key: string]: Yaml | undefined;
}

/** Words YAML 1.1 resolves to booleans or null when plain. */
const yaml11Words = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);
const plainSafe = /^[A-Za-z][A-Za-z0-9_./-]*$/;
/** A flow map or list longer than this is written as a block. */
const maxFlowWidth = 100;

function scalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  return plainSafe.test(value) && !yaml11Words.has(value.toLowerCase()) ? value : JSON.stringify(value);
}

const isScalar = (value: Yaml): value is string | number | boolean | null =>
  value === null || typeof value !== 'object';
const entries = (map: YamlMap): [string, Yaml][] =>
  Object.entries(map).filter((entry): entry is [string, Yaml] => entry[1] !== undefined);

function flow(value: Yaml): string {
  if (isScalar(value)) return scalar(value);
  if (Array.isArray(value)) return `[${(value as readonly Yaml[]).map(flow).join(', ')}]`;
  return `{${entries(value as YamlMap)
    .map(([k, v]) => `${scalar(k)}: ${flow(v)}`)
    .join(', ')}}`;
}

/** Lists of scalars and maps of scalars read best inline, like the spec's `{name: http, port: 80}`. */
function isFlat(value: Yaml): boolean {
  if (isScalar(value)) return true;
  if (Array.isArray(value)) return (value as readonly Yaml[]).every(isScalar);
  return entries(value as YamlMap).every(([, v]) => isScalar(v));
}

function isEmpty(value: Yaml): boolean {
  return (
    !isScalar(value) && (Array.isArray(value) ? value.length === 0 : entries(value as YamlMap).length === 0)
  );
}

function mapLines(map: YamlMap, indent: string): string[] {
  return entries(map).flatMap(([key, value]) => keyLines(scalar(key), value, indent));
}

function keyLines(key: string, value: Yaml, indent: string): string[] {
  const inline = `${indent}${key}: ${flow(value)}`;
  if (isScalar(value) || isEmpty(value) || (isFlat(value) && inline.length <= maxFlowWidth)) return [inline];
  if (Array.isArray(value)) {
    return [`${indent}${key}:`, ...(value as readonly Yaml[]).flatMap((item) => itemLines(item, indent))];
  }
  return [`${indent}${key}:`, ...mapLines(value as YamlMap, `${indent}  `)];
}

/** A list item; lists sit at their key's indentation, as in the spec (`endpoints:` / `- addresses: ...`). */
function itemLines(item: Yaml, indent: string): string[] {
  const inline = `${indent}- ${flow(item)}`;
  if (
    isScalar(item) ||
    isEmpty(item) ||
    (isFlat(item) && inline.length <= maxFlowWidth) ||
    Array.isArray(item)
  ) {
    return [inline];
  }
  const [first = '', ...rest] = mapLines(item as YamlMap, `${indent}  `);
  return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
}

/** A whole document: a block map, one key per line, ending with a newline. */
export function toYaml(document: YamlMap): string {
  return `${mapLines(document, '').join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// EndpointSlice (§6 base: valid, no warnings)

const sliceMetadata: YamlMap = {
  name: 'es-base',
  namespace: 'default',
  labels: { 'kubernetes.io/service-name': 'svc' },
};

function sliceBase(): YamlMap {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: sliceMetadata,
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.1.2.3'] }],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  };
}

/** The base slice with top-level fields replaced (`undefined` removes one). */
export function slice(delta: YamlMap = {}): string {
  return toYaml({ ...sliceBase(), ...delta });
}

/** The base slice with metadata fields replaced. */
export function sliceMeta(delta: YamlMap, rest: YamlMap = {}): string {
  return slice({ metadata: { ...sliceMetadata, ...delta }, ...rest });
}

/** One endpoint with these addresses, in a slice of this addressType. */
export function sliceAddresses(addresses: readonly string[], addressType = 'IPv4'): string {
  return slice({ addressType, endpoints: [{ addresses }] });
}

/** The base endpoint (`addresses: ["10.1.2.3"]`) with extra fields. */
export function sliceEndpoint(extra: YamlMap): string {
  return slice({ endpoints: [{ addresses: ['10.1.2.3'], ...extra }] });
}

export function slicePorts(ports: readonly YamlMap[]): string {
  return slice({ ports });
}

// ---------------------------------------------------------------------------------------------
// Endpoints (§6 base: valid; every request returns the deprecation warning W1)

const endpointsMetadata: YamlMap = { name: 'ep-base', namespace: 'default' };
const baseSubset: YamlMap = {
  addresses: [{ ip: '10.1.2.3' }],
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
};

/** The base Endpoints with top-level fields replaced (`undefined` removes one). */
export function endpoints(delta: YamlMap = {}): string {
  return toYaml({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: endpointsMetadata,
    subsets: [baseSubset],
    ...delta,
  });
}

export function endpointsMeta(delta: YamlMap): string {
  return endpoints({ metadata: { ...endpointsMetadata, ...delta } });
}

/** The base Endpoints whose one subset has these fields replaced. */
export function subset(delta: YamlMap): string {
  return endpoints({ subsets: [{ ...baseSubset, ...delta }] });
}

// ---------------------------------------------------------------------------------------------
// Generated values for the size cases

/** n distinct, valid, non-special IPv4 addresses 10.1.x.y. */
export function ipv4Range(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`);
}

/** n ports with unique names p0, p1, ... */
export function namedPorts(n: number): YamlMap[] {
  return Array.from({ length: n }, (_, i) => ({ name: `p${i}`, port: 1000 + (i % 60000) }));
}
