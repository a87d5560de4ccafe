/**
 * Read-only YAML of live objects, as virtual documents (`endpointslices-cluster:` URIs). The
 * language server validates them like any YAML file, so a live slice shows what the apiserver's
 * rules say about it. An open document follows its object while its namespace is watched.
 */
import { EventEmitter, Uri } from 'vscode';
import type { TextDocumentContentProvider } from 'vscode';
import type { ClusterSession } from './clusterSession';
import { clusterDocumentScheme, resourceKinds } from './model';
import type { KubeObject, ResourceKind } from './model';

export interface ObjectAddress {
  context: string;
  namespace: string;
  kind: ResourceKind;
  name: string;
}

export function objectUri(address: ObjectAddress): Uri {
  const parts = [address.context, address.namespace, address.kind].map(encodeURIComponent);
  return Uri.from({
    scheme: clusterDocumentScheme,
    path: `/${parts.join('/')}/${encodeURIComponent(address.name)}.yaml`,
  });
}

export function parseObjectUri(uri: Uri): ObjectAddress | undefined {
  const parts = uri.path
    .replace(/\.yaml$/, '')
    .split('/')
    .slice(1)
    .map(decodeURIComponent);
  const [context, namespace, kind, name] = parts;
  if (
    parts.length !== 4 ||
    !context ||
    !namespace ||
    !name ||
    !(resourceKinds as readonly string[]).includes(kind ?? '')
  ) {
    return undefined;
  }
  return { context, namespace, kind: kind as ResourceKind, name };
}

/**
 * The manifest as kubectl shows it: type first, no managedFields, with a header saying what it
 * is. `yaml` is imported here, on first use, so activation does not evaluate it.
 */
export async function manifestText(
  address: ObjectAddress,
  object: KubeObject,
  fetchedAt: Date,
): Promise<string> {
  const { stringify } = await import('yaml');
  const { apiVersion, kind, metadata, ...rest } = object;
  const { managedFields: _hidden, ...shownMetadata } = metadata;
  const header = [
    `# Read-only ${kind ?? address.kind} ${address.namespace}/${address.name} (context ${address.context}),`,
    `# fetched ${fetchedAt.toISOString()}; it follows the object while its namespace is expanded.`,
  ];
  return `${header.join('\n')}\n${stringify({ apiVersion, kind, metadata: shownMetadata, ...rest })}`;
}

export class ClusterDocuments implements TextDocumentContentProvider {
  private readonly emitter = new EventEmitter<Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly open = new Map<string, Uri>();

  constructor(private readonly session: ClusterSession) {}

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const address = parseObjectUri(uri);
    if (!address) {
      return `# Not an object address: ${uri.toString()}\n`;
    }
    this.open.set(uri.toString(), uri);
    try {
      const object = await this.session.getObject(
        address.context,
        address.namespace,
        address.kind,
        address.name,
      );
      return await manifestText(address, object, new Date());
    } catch (error) {
      return `# Could not read ${address.kind}/${address.name} in ${address.namespace} (${address.context}):\n# ${(error as Error).message}\n`;
    }
  }

  /** Called by the session for every changed object: refreshes the documents showing one. */
  objectsChanged(context: string, namespace: string, kind: ResourceKind, names: string[]): void {
    // A list of thousands of pods would build a URI per name for no open document.
    if (this.open.size === 0) {
      return;
    }
    for (const name of names) {
      const uri = this.open.get(objectUri({ context, namespace, kind, name }).toString());
      if (uri) {
        this.emitter.fire(uri);
      }
    }
  }

  forget(uri: Uri): void {
    this.open.delete(uri.toString());
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
