import { parseDocument } from 'yaml';
import { kubectlYaml } from '../yaml/yamlDocument';
import { labelServiceName } from '../k8s/wellKnown';

/**
 * Who a document is: name, namespace, the Service it belongs to and its address type, read
 * leniently (the yaml parser recovers from most half-typed text) for completion and fixes.
 */
export interface DocumentIdentity {
  kind?: string;
  name?: string;
  namespace?: string;
  /** The `kubernetes.io/service-name` label of a slice, or the name of an Endpoints. */
  serviceName?: string;
  addressType?: string;
}

export function documentIdentity(text: string): DocumentIdentity {
  const root = lenientJS(text);
  const metadata = record(root['metadata']);
  const labels = record(metadata['labels']);
  const identity: DocumentIdentity = {};
  const set = (key: keyof DocumentIdentity, value: unknown): void => {
    if (typeof value === 'string' && value !== '') identity[key] = value;
  };
  set('kind', root['kind']);
  set('name', metadata['name']);
  set('namespace', metadata['namespace']);
  set('addressType', root['addressType']);
  set('serviceName', identity.kind === 'Endpoints' ? metadata['name'] : labels[labelServiceName]);
  return identity;
}

/** The top-level sections identity reads; a 1000-endpoint list is skipped, not parsed. */
const identitySections = new Set(['apiVersion', 'kind', 'metadata', 'addressType']);

function lenientJS(text: string): Record<string, unknown> {
  try {
    const header = parseDocument(sections(text), kubectlYaml);
    return record(header.toJS({ maxAliasCount: 100 }));
  } catch {
    return {};
  }
}

/** The lines of the top-level sections identity reads, found by their unindented keys. */
function sections(text: string): string {
  let keep = false;
  return text
    .split('\n')
    .filter((line) => {
      const key = /^([A-Za-z]+):/.exec(line)?.[1];
      if (key !== undefined) keep = identitySections.has(key);
      else if (/^\S/.test(line) && !line.startsWith('#')) keep = false;
      return keep;
    })
    .join('\n');
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
