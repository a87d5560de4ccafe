import { labelFact } from '../k8s/labelFacts';
import { resolvePath } from '../k8s/schemaPath';
import { editingLimitExceeded } from '../source/limits';
import { shiftRange } from '../source/positions';
import { rangeOf } from '../yaml/yamlDocument';
import type { ParsedDocuments } from '../store/documentStore';
import type { TextSource } from '../source/chunkedText';
import type { Hover } from '../languageTypes';
import type { KubernetesVersion, ServiceSettings } from '../settings';
import type { OurKind, Position } from '../types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { ServiceInfo } from '../workspace/types';
import type { PathStep } from '../yamlText/blockPath';
import { documentAt } from '../yamlText/documentAt';
import { documentIdentity } from '../yamlText/identity';
import { nodeAt, offsetAt } from '../yamlText/nodeAt';
import { fieldDocumentation } from '../completion/docs';
import { addressHover } from './addressHover';

/**
 * Hover: a field's documentation on its key or value; on an address, its family and canonical
 * form; on a label or a port name, what it ties the document to in the workspace.
 */
export function doHover(
  store: ParsedDocuments,
  source: TextSource,
  position: Position,
  settings: ServiceSettings,
  index?: WorkspaceIndex,
): Hover | null {
  const doc = documentAt(source, position.line);
  if (!doc.kind || position.line - doc.chunk.startLine > doc.lines.length) return null;
  const limit = editingLimitExceeded(doc.chunk.text);
  if (limit) {
    const at = { line: position.line, character: position.character };
    return { contents: `Hover is off for this document: ${limit}.`, range: { start: at, end: at } };
  }
  const chunk = store.parse(doc.chunk.text);
  const offset = offsetAt(doc.chunk.text, position.line - doc.chunk.startLine, position.character);
  const found = nodeAt(chunk.doc.contents, offset);
  if (!found) return null;
  const [start, end] = found.node.range ?? [offset, offset];
  const range = shiftRange(rangeOf(chunk, start, end), doc.chunk.startLine);
  const identity = documentIdentity(doc.chunk.text);
  const service = index?.findService(identity.serviceName, identity.namespace);
  const value = typeof found.node.value === 'string' ? found.node.value : String(found.node.value);
  const at: HoverPlace = { kind: doc.kind, path: found.path, version: settings.kubernetesVersion };
  const contents = found.onKey ? keyHover(at) : valueHover(at, value, identity.addressType, service);
  return contents ? { contents, range } : null;
}

/** What a hover is about: the document's kind, the path under the cursor, the target version. */
interface HoverPlace {
  kind: OurKind;
  path: PathStep[];
  version: KubernetesVersion;
}

function keyHover({ kind, path, version }: HoverPlace): string | undefined {
  const resolved = resolvePath(kind, path);
  const name = String(path[path.length - 1] ?? '');
  if (resolved?.mapEntry) return labelFact(name) ? `**${name}**\n\n${labelFact(name)?.doc ?? ''}` : undefined;
  return resolved?.field ? fieldDocumentation(name, resolved.field, version) : undefined;
}

function valueHover(
  at: HoverPlace,
  value: string,
  addressType: string | undefined,
  service: ServiceInfo | undefined,
): string | undefined {
  const { kind, path } = at;
  const names = path.filter((s): s is string => typeof s === 'string');
  const last = names[names.length - 1];
  if (isAddress(kind, names)) return addressHover(value, kind === 'EndpointSlice' ? addressType : undefined);
  if (
    last === 'kubernetes.io/service-name' ||
    (kind === 'Endpoints' && names.join('.') === 'metadata.name')
  ) {
    return serviceHover(value, service);
  }
  if (names.includes('ports') && last === 'name' && service) return portHover(value, service);
  const meaning = resolvePath(kind, path)?.field?.valueDocs?.[value];
  const field = keyHover(at);
  return meaning === undefined || field === undefined ? field : `**${value}**: ${meaning}\n\n---\n\n${field}`;
}

function isAddress(kind: string, names: string[]): boolean {
  const joined = names.join('.');
  if (kind === 'EndpointSlice') return joined === 'endpoints.addresses';
  return joined === 'subsets.addresses.ip' || joined === 'subsets.notReadyAddresses.ip';
}

function serviceHover(name: string, service: ServiceInfo | undefined): string {
  if (!service) return `Service \`${name}\`: not found in the workspace.`;
  const ports = service.ports
    .map((p) => `\`${p.name || '(unnamed)'}\` ${p.port ?? '?'}/${p.protocol}`)
    .join(', ');
  const selector = service.hasSelector
    ? 'has a selector (its endpoints are managed by controllers)'
    : 'has no selector';
  return `**Service ${service.name}**${service.namespace ? ` in ${service.namespace}` : ''} ${selector}.\n\nPorts: ${ports || 'none'}.`;
}

function portHover(name: string, service: ServiceInfo): string {
  const port = service.ports.find((p) => p.name === name);
  if (!port) {
    return `No port of Service \`${service.name}\` is named \`${name}\`: this port receives no traffic.`;
  }
  return `Pairs with port \`${name}\` of Service \`${service.name}\`: ${port.port ?? '?'}/${port.protocol}, targetPort ${port.targetPort ?? port.port ?? '?'}.`;
}
