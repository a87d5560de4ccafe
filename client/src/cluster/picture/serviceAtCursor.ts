/**
 * The Service manifest an editor's cursor is in (or the file's first Service): its name and
 * namespace. `yaml` is imported on first use, as elsewhere in the extension.
 */
export interface ServiceRef {
  name: string;
  namespace?: string;
}

export async function serviceAtCursor(text: string, offset: number): Promise<ServiceRef | undefined> {
  const { parseAllDocuments } = await import('yaml');
  let first: ServiceRef | undefined;
  for (const document of parseAllDocuments(text)) {
    if (!('contents' in document)) {
      continue;
    }
    const found = serviceOf(document.toJS() as unknown);
    const [start, , end] = document.range;
    if (found && offset >= start && offset <= end) {
      return found;
    }
    first ??= found;
  }
  return first;
}

function serviceOf(object: unknown): ServiceRef | undefined {
  if (typeof object !== 'object' || object === null) {
    return undefined;
  }
  const record = object as Record<string, unknown>;
  const metadata = record['metadata'] as Record<string, unknown> | undefined;
  if (record['kind'] !== 'Service' || typeof metadata?.['name'] !== 'string') {
    return undefined;
  }
  const namespace = metadata['namespace'];
  return { name: metadata['name'], ...(typeof namespace === 'string' && namespace ? { namespace } : {}) };
}
