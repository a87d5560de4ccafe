/**
 * The message nodes in front of a namespace's content (what failed, what is forbidden) and of an
 * object's children (findings), built from the model's status and the service view's findings.
 */
import { resourceKinds } from './kubeTypes';
import type { ResourceKind } from './kubeTypes';
import type { NamespaceData } from './namespaceData';
import { chooseNamespacesAction, errorMessage, message, recoveringMessage } from './messages';
import type { ClusterNode, MessageNode, NamespaceNode } from './nodes';
import type { Finding } from './serviceView';

/** One message for what is forbidden, one for the first other failure: not one per resource. */
export function statusMessages(data: NamespaceData, node: NamespaceNode): MessageNode[] {
  const failing = resourceKinds.flatMap((kind) => {
    const status = data.resources[kind].status;
    return status.state === 'error' ? [{ kind, status }] : [];
  });
  const forbidden = failing.filter((f) => f.status.error.kind === 'forbidden').map((f) => f.kind);
  const messages: MessageNode[] = [];
  if (forbidden.length > 0) {
    messages.push(forbiddenMessage(node, forbidden));
  }
  const other = failing.find((f) => f.status.error.kind !== 'forbidden');
  if (other) {
    const { error, attempt, retryInMs, hasData } = other.status;
    messages.push(
      hasData
        ? recoveringMessage(node, 'status', error, attempt, retryInMs)
        : errorMessage(node, 'status', error, `${node.namespace}`),
    );
  }
  return messages;
}

function forbiddenMessage(node: NamespaceNode, kinds: ResourceKind[]): MessageNode {
  const allowed = resourceKinds.filter((kind) => !kinds.includes(kind));
  return message(node, 'forbidden', {
    severity: 'warning',
    topic: 'forbidden',
    text: `Forbidden: you may not list ${kinds.join(', ')} here (403)`,
    detail:
      allowed.length > 0
        ? `Shown: what you may read (${allowed.join(', ')}). Ask for get/list/watch on ${kinds.join(', ')} in ${node.namespace} to see the rest.`
        : `Ask for get/list/watch on ${kinds.join(', ')} in ${node.namespace}, or choose another namespace.`,
    action: chooseNamespacesAction(node.context),
  });
}

export function findingMessages(parent: ClusterNode, findings: Finding[]): MessageNode[] {
  return findings.map((finding, index) =>
    message(parent, `${finding.code}-${index}`, {
      severity: 'warning',
      topic: 'mismatch',
      text: finding.text,
      detail: finding.detail,
    }),
  );
}
