/**
 * What the extension and the picture's webview say to each other, and the laid-out scene the
 * webview draws. One module for both sides: the extension builds these, the webview script
 * imports the types only, so a change to a message is a compile error on both ends.
 */

/** The webview panel's view type (package.json's activation event names it too). */
export const pictureViewType = 'endpointslices.routingPicture';

/** Which Service a panel shows; also what the panel keeps to restore itself after a reload. */
export interface PictureAddress {
  context: string;
  namespace: string;
  service: string;
}

/** The columns, left to right: where traffic goes. */
export type SceneColumn = 'service' | 'family' | 'slice' | 'endpoint' | 'pod' | 'node' | 'zone' | 'outsider';

/** The colour an item is drawn in: endpoint states, mixed for groups, none for structure. */
export type SceneTone = 'ready' | 'serving' | 'notReady' | 'mixed' | 'none' | 'warning';

/**
 * The object an item stands for, which a click reveals in the tree or opens as YAML; `file` is a
 * workspace file (`name` its URI) opened at `line`.
 */
export interface SceneTarget {
  kind: 'services' | 'endpointslices' | 'pods' | 'file';
  name: string;
  /** For an endpoint: its slice's endpoint key (first address), to reveal it in the tree. */
  endpointKey?: string;
  /** For a file: the zero-based line to show. */
  line?: number;
}

/** What a panel draws: the live Service, or what the routing engine predicts from the workspace. */
export type PictureShowing = 'live' | 'workspace';

/** The Service manifest a workspace picture follows: its file and the line it starts on. */
export interface WorkspaceManifest {
  uri: string;
  line: number;
}

export interface SceneItem {
  id: string;
  column: SceneColumn;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Lines of text, the first one bold. */
  lines: string[];
  tone: SceneTone;
  /** Ready / serving / not ready counts of a group, drawn as a bar. */
  counts?: { ready: number; serving: number; notReady: number };
  /**
   * Set on groups that expand on click (`expanded: false`) and on the node or zone whose group is
   * expanded (a click collapses it again); `key` is what the expand message names.
   */
  expandable?: { key: string; expanded: boolean };
  target?: SceneTarget;
  /** Hover card text: the same facts as the tree's tooltip. */
  tooltip: string;
  /** Extra words for screen readers and tests (e.g. `terminating`). */
  flags?: string[];
}

export interface SceneEdge {
  id: string;
  from: string;
  to: string;
  /** `route`: traffic's path; `hint`: the zone consumes the endpoint (topology hints). */
  kind: 'route' | 'hint';
  tone: SceneTone;
}

export interface SceneVerdict {
  kind: 'healthy' | 'degraded' | 'nowhere' | 'external';
  text: string;
}

export interface ScenePortRow {
  servicePort: string;
  targetPort: string;
  endpointPorts: { slice: string; port: string; endpoints: number | string }[];
}

export interface Scene {
  title: string;
  verdict: SceneVerdict;
  width: number;
  height: number;
  items: SceneItem[];
  edges: SceneEdge[];
  portMapping: ScenePortRow[];
  /** Where the picture comes from, in words: the live context, or the workspace files predicted from. */
  origin: string;
  /** Endpoints per state over the whole Service (the legend's numbers). */
  totals: { ready: number; serving: number; notReady: number };
  /** True when some endpoints are drawn as groups (more than the threshold). */
  aggregated: boolean;
  hinted: boolean;
  notes: string[];
}

/** Extension → webview. */
export type ToWebview =
  | {
      type: 'scene';
      scene: Scene;
      address: PictureAddress;
      expanded: string[];
      /** What the panel shows and, when the other picture exists too, the one to switch to. */
      showing: PictureShowing;
      switchTo?: PictureShowing;
      workspace?: WorkspaceManifest;
    }
  /** The Service is gone, or its namespace cannot be read: the last picture stays, marked. */
  | { type: 'status'; text: string };

/** Webview → extension. */
export type FromWebview =
  /** The script runs and listens; `expanded` is the state it restored. */
  | { type: 'ready'; expanded: string[] }
  | { type: 'expand'; id: string; expanded: boolean }
  | { type: 'reveal'; target: SceneTarget }
  | { type: 'open'; target: SceneTarget }
  /** A scene is on screen: how long drawing it took in the webview. */
  | { type: 'drawn'; ms: number; items: number }
  /** The toolbar's switch between the live and the workspace picture. */
  | { type: 'switch' };

/** What the webview keeps with vscode.setState, and the serializer hands back after a reload. */
export interface PictureState {
  address: PictureAddress;
  expanded: string[];
  showPorts: boolean;
  showHints: boolean;
  /** Absent in states saved before workspace pictures: those were live. */
  showing?: PictureShowing;
  workspace?: WorkspaceManifest;
}

/** Checks a message from the webview: it is a page, and pages are not trusted blindly. */
export function readFromWebview(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) {
    return undefined;
  }
  const message = value as Record<string, unknown>;
  const strings = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((entry) => typeof entry === 'string');
  switch (message['type']) {
    case 'ready':
      return strings(message['expanded']) ? { type: 'ready', expanded: message['expanded'] } : undefined;
    case 'expand':
      return typeof message['id'] === 'string' && typeof message['expanded'] === 'boolean'
        ? { type: 'expand', id: message['id'], expanded: message['expanded'] }
        : undefined;
    case 'reveal':
    case 'open': {
      const target = readTarget(message['target']);
      return target ? { type: message['type'], target } : undefined;
    }
    case 'drawn':
      return typeof message['ms'] === 'number' && typeof message['items'] === 'number'
        ? { type: 'drawn', ms: message['ms'], items: message['items'] }
        : undefined;
    case 'switch':
      return { type: 'switch' };
    default:
      return undefined;
  }
}

function readTarget(value: unknown): SceneTarget | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const target = value as Record<string, unknown>;
  const kind = target['kind'];
  const name = target['name'];
  const key = target['endpointKey'];
  const line = target['line'];
  if (
    (kind !== 'services' && kind !== 'endpointslices' && kind !== 'pods' && kind !== 'file') ||
    typeof name !== 'string'
  ) {
    return undefined;
  }
  return {
    kind,
    name,
    ...(typeof key === 'string' ? { endpointKey: key } : {}),
    ...(typeof line === 'number' && Number.isInteger(line) && line >= 0 ? { line } : {}),
  };
}

/** A restored state, checked: anything else restores nothing. */
export function readPictureState(value: unknown): PictureState | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const state = value as Record<string, unknown>;
  const address = state['address'] as Record<string, unknown> | undefined;
  if (
    typeof address !== 'object' ||
    address === null ||
    typeof address['context'] !== 'string' ||
    typeof address['namespace'] !== 'string' ||
    typeof address['service'] !== 'string'
  ) {
    return undefined;
  }
  const expanded = Array.isArray(state['expanded'])
    ? state['expanded'].filter((id): id is string => typeof id === 'string')
    : [];
  const workspace = readManifest(state['workspace']);
  return {
    address: { context: address['context'], namespace: address['namespace'], service: address['service'] },
    expanded,
    showPorts: state['showPorts'] === true,
    showHints: state['showHints'] !== false,
    ...(workspace ? { workspace } : {}),
    showing: workspace && state['showing'] !== 'live' ? 'workspace' : 'live',
  };
}

function readManifest(value: unknown): WorkspaceManifest | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const manifest = value as Record<string, unknown>;
  const { uri, line } = manifest;
  return typeof uri === 'string' && typeof line === 'number' && Number.isInteger(line) && line >= 0
    ? { uri, line }
    : undefined;
}
