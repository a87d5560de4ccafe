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
        : retrying(errorMessage(node, 'status', error, `${node.namespace}`), attempt, retryInMs),
    );
  }
  const malformed = malformedMessage(data, node);
  return malformed ? [...messages, malformed] : messages;
}

/** A failure with nothing to show yet: it still says that (and when) it is tried again. */
function retrying(node: MessageNode, attempt: number, retryInMs: number | undefined): MessageNode {
  const next = retryInMs === undefined ? '' : `, next in ${Math.max(1, Math.round(retryInMs / 1000))} s`;
  return {
    ...node,
    detail: `${node.detail ?? ''} Retrying with backoff (attempt ${attempt}${next}).`.trim(),
  };
}

/** Objects the apiserver sent that the view could not take whole: said once per namespace. */
function malformedMessage(data: NamespaceData, node: NamespaceNode): MessageNode | undefined {
  const affected = resourceKinds.filter((kind) => data.resources[kind].problems.size > 0);
  if (affected.length === 0) {
    return undefined;
  }
  const count = affected.reduce((sum, kind) => sum + data.resources[kind].problems.size, 0);
  const examples = affected
    .flatMap((kind) =>
      [...data.resources[kind].problems].slice(0, 3).map(([name, problem]) => [kind, name, problem]),
    )
    .slice(0, 3)
    .map(([kind, name, problem]) =>
      name.startsWith('#') ? `${kind}: ${problem}` : `${kind} ${name}: ${problem}`,
    );
  return message(node, 'malformed', {
    severity: 'warning',
    topic: 'error',
    text: `The apiserver sent ${count} malformed object${count === 1 ? '' : 's'} (${affected.join(', ')})`,
    detail: `${examples.join('; ')}. Objects without a name are not shown; fields of the wrong type are left out of what is shown.`,
  });
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
