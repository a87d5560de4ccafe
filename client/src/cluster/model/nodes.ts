/**
 * The nodes of the cluster tree: a discriminated union of plain objects. A node holds only the
 * keys that find its data in the model (context, namespace, names), never a copy of the data, so
 * a refreshed tree item always shows the model's current state. Failures and warnings are
 * `message` nodes: they carry their text and a next step, and they are the only node kind that
 * carries its content.
 *
 * Ids are paths from the root (`c:ctx/n:ns/s:svc/l:slice/e:10.0.0.1`), so the same pod or slice
 * shown in two places gets two distinct ids, as VS Code requires.
 */

export type MessageSeverity = 'info' | 'warning' | 'error' | 'loading';

/** Why a message is shown; the tree adapter picks its icon from this. */
export type MessageTopic =
  | 'trust'
  | 'kubeconfig'
  | 'unreachable'
  | 'tls'
  | 'credentials'
  | 'forbidden'
  | 'recovering'
  | 'loading'
  | 'empty'
  | 'deprecated'
  | 'mismatch'
  | 'error';

/** A command a message node runs when clicked: the next step it suggests. */
export interface NodeAction {
  command: string;
  title: string;
  arguments?: unknown[];
}

interface NodeBase {
  id: string;
  parent?: ClusterNode;
}

interface Scoped extends NodeBase {
  context: string;
  namespace: string;
}

export interface MessageNode extends NodeBase {
  kind: 'message';
  severity: MessageSeverity;
  topic: MessageTopic;
  text: string;
  detail?: string;
  action?: NodeAction;
}

export interface ContextNode extends NodeBase {
  kind: 'context';
  context: string;
}

export interface NamespaceNode extends Scoped {
  kind: 'namespace';
}

/** A Service that exists. */
export interface ServiceNode extends Scoped {
  kind: 'service';
  name: string;
}

/**
 * Slices (and Endpoints) whose Service does not exist: `service` is the label value, or
 * undefined for slices without a `kubernetes.io/service-name` label at all.
 */
export interface OrphanGroupNode extends Scoped {
  kind: 'orphans';
  service: string | undefined;
}

/** The de-duplicated union of a Service's slices. */
export interface MergedNode extends Scoped {
  kind: 'merged';
  service: string;
}

export interface SliceNode extends Scoped {
  kind: 'slice';
  name: string;
}

/** One endpoint of one slice; `key` is its first address, made unique within the slice. */
export interface EndpointNode extends Scoped {
  kind: 'endpoint';
  slice: string;
  key: string;
}

/** One endpoint of the merged view; `key` is address type and first address. */
export interface MergedEndpointNode extends Scoped {
  kind: 'mergedEndpoint';
  service: string;
  key: string;
}

export interface LegacyEndpointsNode extends Scoped {
  kind: 'legacyEndpoints';
  name: string;
}

/** One address of a legacy Endpoints object; `key` is subset/list/ip. */
export interface LegacyAddressNode extends Scoped {
  kind: 'legacyAddress';
  endpoints: string;
  key: string;
}

/** Which long list a range shows part of (model/paging.ts). */
export type PagedList = 'endpoints' | 'slices';

/**
 * Items `from` to `to` (exclusive) of a long list of `total`: the merged endpoints of the
 * nearest ancestor that is not a range, or the slices of that Service (or orphan group).
 */
export interface PageNode extends Scoped {
  kind: 'page';
  list: PagedList;
  from: number;
  to: number;
  total: number;
}

export interface PodNode extends Scoped {
  kind: 'pod';
  name: string;
}

export type ClusterNode =
  | MessageNode
  | ContextNode
  | NamespaceNode
  | ServiceNode
  | OrphanGroupNode
  | MergedNode
  | SliceNode
  | EndpointNode
  | MergedEndpointNode
  | LegacyEndpointsNode
  | LegacyAddressNode
  | PageNode
  | PodNode;

/** The id of the invisible root: a change to it refreshes the whole tree. */
export const rootId = '';

const segment = (tag: string, value: string): string => `${tag}:${encodeURIComponent(value)}`;

export const ids = {
  context: (context: string): string => segment('c', context),
  namespace: (context: string, namespace: string): string =>
    `${ids.context(context)}/${segment('n', namespace)}`,
  service: (context: string, namespace: string, name: string): string =>
    `${ids.namespace(context, namespace)}/${segment('s', name)}`,
  orphans: (context: string, namespace: string, service: string | undefined): string =>
    `${ids.namespace(context, namespace)}/${service === undefined ? 'u:' : segment('o', service)}`,
  child: (parentId: string, tag: string, value: string): string => `${parentId}/${segment(tag, value)}`,
};

/** Builds a child node of `parent` with a path id; `tag` and `value` make the last segment. */
export function childOf<T extends Omit<ClusterNode, 'id' | 'parent'>>(
  parent: ClusterNode,
  tag: string,
  value: string,
  fields: T,
): T & { id: string; parent: ClusterNode } {
  return { ...fields, id: ids.child(parent.id, tag, value), parent };
}

/** Every ancestor id of `id`, nearest first (ids are paths). */
export function ancestorIds(id: string): string[] {
  const result: string[] = [];
  for (let cut = id.lastIndexOf('/'); cut > 0; cut = id.lastIndexOf('/', cut - 1)) {
    result.push(id.slice(0, cut));
  }
  return result;
}
