/**
 * Which document of the workspace defines a live Service: the same kind, name and namespace. A
 * manifest without a namespace is applied to whatever namespace kubectl targets, so it counts
 * too, after one that names the namespace. Pure: the caller parses the files.
 */

export interface ManifestCandidate {
  /** Where the document is, opaque here (the caller's file and line). */
  at: unknown;
  /** The parsed document (anything YAML can hold). */
  object: unknown;
}

/** The best candidate defining Service `name` in `namespace`, or undefined. */
export function serviceManifest(
  candidates: Iterable<ManifestCandidate>,
  name: string,
  namespace: string,
): ManifestCandidate | undefined {
  let withoutNamespace: ManifestCandidate | undefined;
  for (const candidate of candidates) {
    const match = matchService(candidate.object, name, namespace);
    if (match === 'exact') {
      return candidate;
    }
    if (match === 'any-namespace') {
      withoutNamespace ??= candidate;
    }
  }
  return withoutNamespace;
}

function matchService(object: unknown, name: string, namespace: string): 'exact' | 'any-namespace' | 'no' {
  if (!isRecord(object) || object['kind'] !== 'Service' || object['apiVersion'] !== 'v1') {
    return 'no';
  }
  const metadata = object['metadata'];
  if (!isRecord(metadata) || metadata['name'] !== name) {
    return 'no';
  }
  const own = metadata['namespace'];
  if (own === undefined || own === null || own === '') {
    return 'any-namespace';
  }
  return own === namespace ? 'exact' : 'no';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
