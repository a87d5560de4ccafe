/**
 * Message nodes for failures: one node per problem, with what happened and the next step, in
 * place of the data it hides. Never a pop-up: a tree that re-renders must not re-raise dialogs.
 */
import { clusterCommands, workbenchCommands } from './commandIds';
import { childOf } from './nodes';
import type { ClusterNode, MessageNode, MessageSeverity, MessageTopic, NodeAction } from './nodes';
import type { ClusterErrorInfo, ClusterErrorKind } from './kubeTypes';

const refresh: NodeAction = { command: clusterCommands.refresh, title: 'Refresh' };
const openKubeconfigSetting: NodeAction = {
  command: workbenchCommands.openSettings,
  title: 'Open the endpointslices.kubeconfig setting',
  arguments: ['endpointslices.kubeconfig'],
};

/** A message node under `parent` (undefined: at the root); `slot` keeps ids unique per parent. */
export function message(
  parent: ClusterNode | undefined,
  slot: string,
  fields: {
    severity: MessageSeverity;
    topic: MessageTopic;
    text: string;
    detail?: string;
    action?: NodeAction;
  },
): MessageNode {
  const node = { kind: 'message' as const, ...fields };
  return parent ? childOf(parent, '!', slot, node) : { ...node, id: `!:${slot}` };
}

export function untrustedMessage(): MessageNode {
  return message(undefined, 'trust', {
    severity: 'info',
    topic: 'trust',
    text: 'Cluster access needs a trusted workspace',
    detail:
      'Reading a kubeconfig can run programs (exec credential plugins), so the cluster view stays off ' +
      'in Restricted Mode. Trust this workspace to see your clusters; validation works either way.',
    action: { command: workbenchCommands.manageTrust, title: 'Manage Workspace Trust' },
  });
}

const topics: Record<ClusterErrorKind, MessageTopic> = {
  'no-kubeconfig': 'kubeconfig',
  'kubeconfig-invalid': 'kubeconfig',
  unreachable: 'unreachable',
  tls: 'tls',
  unauthorized: 'credentials',
  credentials: 'credentials',
  forbidden: 'forbidden',
  'not-found': 'error',
  server: 'error',
  other: 'error',
};

/** What to tell the user about `error`; `where` names the server or the request. */
export function describeError(
  error: ClusterErrorInfo,
  where: string,
): { text: string; detail: string; action: NodeAction } {
  switch (error.kind) {
    case 'no-kubeconfig':
      return {
        text: 'No kubeconfig found',
        detail: `${error.message}. Set endpointslices.kubeconfig or KUBECONFIG, or create ~/.kube/config.`,
        action: openKubeconfigSetting,
      };
    case 'kubeconfig-invalid':
      return {
        text: 'The kubeconfig cannot be read',
        detail: `${error.message}. Fix the file, then Refresh.`,
        action: openKubeconfigSetting,
      };
    case 'unreachable':
      return {
        text: `Cannot reach ${where}`,
        detail: `${error.message}. Check that the cluster is running and reachable from this machine (VPN, proxy-url), then Refresh.`,
        action: refresh,
      };
    case 'tls':
      return {
        text: `TLS failure talking to ${where}`,
        detail: `${error.message}. The server's certificate is not trusted by the kubeconfig (certificate-authority, tls-server-name) or has expired.`,
        action: refresh,
      };
    case 'unauthorized':
      return {
        text: 'Credentials rejected (401)',
        detail: `${where} did not accept the kubeconfig's token or certificate: it may have expired. Log in again, then Refresh.`,
        action: refresh,
      };
    case 'credentials':
      return {
        text: 'Could not get credentials',
        detail: `${error.message}. The kubeconfig's exec or auth-provider plugin failed; run it in a terminal to see why, then Refresh.`,
        action: refresh,
      };
    case 'forbidden':
      return { text: 'Forbidden (403)', detail: `${error.message}.`, action: refresh };
    default:
      return {
        text: error.status ? `The apiserver answered ${error.status}` : 'Request failed',
        detail: `${error.message}. Refresh to try again.`,
        action: refresh,
      };
  }
}

export function errorMessage(
  parent: ClusterNode | undefined,
  slot: string,
  error: ClusterErrorInfo,
  where: string,
): MessageNode {
  return message(parent, slot, {
    severity: 'error',
    topic: topics[error.kind],
    ...describeError(error, where),
  });
}

/** A watch that dropped after data arrived: the data stays, marked as possibly stale. */
export function recoveringMessage(
  parent: ClusterNode,
  slot: string,
  error: ClusterErrorInfo,
  attempt: number,
  retryInMs?: number,
): MessageNode {
  const next = retryInMs === undefined ? '' : `, next try in ${Math.max(1, Math.round(retryInMs / 1000))} s`;
  return message(parent, slot, {
    severity: 'warning',
    topic: 'recovering',
    text: `Watch dropped; reconnecting (attempt ${attempt}${next})`,
    detail: `${error.message}. Showing the last known state; it is replaced by a fresh list once the apiserver answers.`,
    action: refresh,
  });
}

export function loadingMessage(parent: ClusterNode | undefined, what: string): MessageNode {
  return message(parent, 'loading', { severity: 'loading', topic: 'loading', text: `Loading ${what}…` });
}

export function chooseNamespacesAction(context: string): NodeAction {
  return { command: clusterCommands.chooseNamespaces, title: 'Choose Namespaces', arguments: [context] };
}
