/**
 * The cluster view's state and how events change it. Pure: the session feeds it what the
 * ClusterClient reports (kubeconfig, namespace lists, list results, watch events, failures), and
 * every mutation returns the ids of the tree nodes whose item or children changed, so the tree
 * adapter refreshes exactly those elements. An event never causes a re-list, and a change to one
 * Service refreshes that Service, not its namespace.
 */
import { NamespaceData, selects, sliceService } from './namespaceData';
import type { ResourceStatus } from './namespaceData';
import { ids, rootId } from './nodes';
import {
  defaultClusterDomain,
  normalizeClusterDomain,
} from '../../../../server/src/service/routing/dnsNames';
import type { ClusterErrorInfo, ContextInfo, KubeObject, Pod, ResourceKind } from './kubeTypes';
import type { ResourceEvent } from './resourceEvents';

export type KubeconfigState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'loaded'; files: string[]; contexts: ContextInfo[] }
  | { state: 'failed'; error: ClusterErrorInfo };

export type NamespaceListState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'listed'; names: string[] }
  | { state: 'failed'; error: ClusterErrorInfo };

/** Node ids to refresh; `rootId` means the whole tree. */
export type Changes = Set<string>;

export class ClusterModel {
  trusted = true;
  kubeconfig: KubeconfigState = { state: 'idle' };
  private readonly namespaceLists = new Map<string, NamespaceListState>();
  /** Namespaces the user chose, per context; none shows every namespace the user may list. */
  private readonly filters = new Map<string, string[]>();
  private readonly data = new Map<string, NamespaceData>();

  /** The cluster domain Service DNS names end in (setting endpointslices.cluster.dnsDomain). */
  dnsDomain = defaultClusterDomain;

  /** Every Service's tooltip names the domain: a new one refreshes the whole tree. */
  setDnsDomain(domain: string | undefined): Changes {
    const normalized = normalizeClusterDomain(domain);
    if (normalized === this.dnsDomain) {
      return new Set();
    }
    this.dnsDomain = normalized;
    return new Set([rootId]);
  }

  setTrusted(trusted: boolean): Changes {
    this.trusted = trusted;
    return new Set([rootId]);
  }

  /** A new kubeconfig (or a failure to read one) forgets everything learnt through the old one. */
  setKubeconfig(state: KubeconfigState): Changes {
    this.kubeconfig = state;
    this.namespaceLists.clear();
    this.data.clear();
    return new Set([rootId]);
  }

  contexts(): ContextInfo[] {
    return this.kubeconfig.state === 'loaded' ? this.kubeconfig.contexts : [];
  }

  contextInfo(context: string): ContextInfo | undefined {
    return this.contexts().find((c) => c.name === context);
  }

  namespaceList(context: string): NamespaceListState {
    return this.namespaceLists.get(context) ?? { state: 'idle' };
  }

  setNamespaceList(context: string, state: NamespaceListState): Changes {
    this.namespaceLists.set(context, state);
    return new Set([ids.context(context)]);
  }

  filter(context: string): string[] | undefined {
    return this.filters.get(context);
  }

  /** Kept across kubeconfig reloads: the choice belongs to the context's name. */
  setFilter(context: string, names: string[] | undefined): Changes {
    const unique = [...new Set(names ?? [])].sort();
    if (unique.length > 0) {
      this.filters.set(context, unique);
    } else {
      this.filters.delete(context);
    }
    return new Set([ids.context(context)]);
  }

  /** The namespace's data, or undefined while nothing watches it. */
  namespace(context: string, namespace: string): NamespaceData | undefined {
    return this.data.get(key(context, namespace));
  }

  /** Forgets a namespace's objects once its watches stop; its node shows it is not watched. */
  clearNamespace(context: string, namespace: string): Changes {
    return this.data.delete(key(context, namespace))
      ? new Set([ids.namespace(context, namespace)])
      : new Set();
  }

  setStatus(context: string, namespace: string, kind: ResourceKind, status: ResourceStatus): Changes {
    const data = this.ensure(context, namespace);
    data.resources[kind].status = status;
    return new Set([ids.namespace(context, namespace)]);
  }

  apply(context: string, namespace: string, kind: ResourceKind, event: ResourceEvent): Changes {
    const data = this.ensure(context, namespace);
    const changes: Changes = new Set();
    // The namespace's message about malformed objects changes with them.
    if (data.noteProblems(kind, event)) {
      changes.add(ids.namespace(context, namespace));
    }
    if (event.type === 'skip') {
      return changes;
    }
    const items = data.resources[kind].items;
    const pairs = diff(items, event);
    // A Service that comes or goes changes the namespace's list of children: refresh that.
    const moved: typeof pairs = [];
    const updated: typeof pairs = [];
    for (const pair of pairs) {
      (kind === 'services' && (!pair[0] || !pair[1]) ? moved : updated).push(pair);
    }
    // So does a first list (or the first after a failure): the namespace's refresh covers every
    // node below it, so the nodes of the thousands of objects listed need not be named.
    const listed = event.type === 'replace' && data.resources[kind].status.state !== 'synced';
    if (moved.length > 0 || listed) {
      changes.add(ids.namespace(context, namespace));
    }
    const located = listed ? [] : updated;
    // Old objects are located in the tree as it was, new ones as it is after the change.
    for (const [before] of located) {
      affected(data, kind, before, changes);
    }
    for (const [before, after] of pairs) {
      if (after) {
        items.set(after.metadata.name, stripped(after));
      } else if (before) {
        items.delete(before.metadata.name);
      }
    }
    if (kind === 'endpointslices' || kind === 'endpoints') {
      data.invalidateReferences();
    }
    if (kind === 'pods') {
      data.podsChanged();
    }
    for (const [, after] of located) {
      affected(data, kind, after, changes);
    }
    if (listed) {
      data.resources[kind].status = { state: 'synced' };
    }
    return changes;
  }

  private ensure(context: string, namespace: string): NamespaceData {
    const k = key(context, namespace);
    let data = this.data.get(k);
    if (!data) {
      data = new NamespaceData(context, namespace);
      this.data.set(k, data);
    }
    return data;
  }
}

function key(context: string, namespace: string): string {
  return `${context}\u0000${namespace}`;
}

/** managedFields are large and nobody reads them here (kubectl hides them too). */
function stripped(object: KubeObject): KubeObject {
  if (object.metadata.managedFields === undefined) {
    return object;
  }
  const { managedFields: _dropped, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/** [before, after] for every object the event really changes (same resourceVersion: no change). */
function diff(
  items: Map<string, KubeObject>,
  event: Exclude<ResourceEvent, { type: 'skip' }>,
): [KubeObject | undefined, KubeObject | undefined][] {
  const same = (a: KubeObject | undefined, b: KubeObject | undefined): boolean =>
    a !== undefined &&
    b !== undefined &&
    a.metadata.resourceVersion === b.metadata.resourceVersion &&
    a.metadata.resourceVersion !== undefined;
  if (event.type === 'upsert') {
    const before = items.get(event.object.metadata.name);
    return same(before, event.object) ? [] : [[before, event.object]];
  }
  if (event.type === 'delete') {
    const before = items.get(event.object.metadata.name);
    return before ? [[before, undefined]] : [];
  }
  const next = new Map(event.items.map((item) => [item.metadata.name, item]));
  const pairs: [KubeObject | undefined, KubeObject | undefined][] = [];
  for (const [name, before] of items) {
    if (!next.has(name)) {
      pairs.push([before, undefined]); // deleted while nobody watched: no ghost survives a re-list
    }
  }
  for (const [name, after] of next) {
    const before = items.get(name);
    if (!same(before, after)) {
      pairs.push([before, after]);
    }
  }
  return pairs;
}

/** Adds the ids of the nodes that show `object` (as the namespace is now) to `changes`. */
function affected(
  data: NamespaceData,
  kind: ResourceKind,
  object: KubeObject | undefined,
  changes: Changes,
): void {
  if (!object) {
    return;
  }
  const group = (service: string | undefined): string =>
    service !== undefined && data.services.has(service)
      ? ids.service(data.context, data.namespace, service)
      : // Orphaned slices live in groups that come and go with them: refresh the namespace.
        ids.namespace(data.context, data.namespace);
  switch (kind) {
    case 'services':
      changes.add(group(object.metadata.name));
      return;
    case 'endpointslices':
      changes.add(group(sliceService(object)));
      return;
    case 'endpoints':
      changes.add(group(object.metadata.name));
      return;
    case 'pods': {
      const pod = object as Pod;
      for (const service of data.groupsReferencingPod(pod.metadata.name)) {
        changes.add(group(service));
      }
      for (const service of data.services.values()) {
        if (selects(service, pod)) {
          changes.add(group(service.metadata.name));
        }
      }
      for (const service of data.selectingNothing) {
        changes.add(group(service));
      }
    }
  }
}
