import { goQuote } from '../validation/fieldErrors';
import { dns1123LabelMessages } from '../validation/names';
import type { Note } from './notes';

/**
 * The namespace a create goes to. kubectl POSTs an object to `/namespaces/<metadata.namespace>/…`
 * (an absent namespace is filled from the request, kubectl's current namespace), so the namespace
 * decides whether the request is made at all and where it goes, before the object is looked at.
 */

/**
 * client-go builds the URL and refuses, without sending anything, a namespace that cannot be a
 * path segment (rest.IsValidPathSegmentName); kubectl prints its error as is.
 */
export function unsendableNamespace(namespace: string | undefined): Note | undefined {
  if (namespace === undefined || namespace === '') return undefined;
  const problems =
    namespace === '.' || namespace === '..'
      ? [`may not be '${namespace}'`]
      : ['/', '%'].filter((c) => namespace.includes(c)).map((c) => `may not contain '${c}'`);
  if (problems.length === 0) return undefined;
  return {
    field: 'metadata.namespace',
    code: 'namespace-not-sendable',
    message: `invalid namespace ${goQuote(namespace)}: [${problems.join(' ')}]`,
  };
}

/**
 * The apiserver's NamespaceLifecycle admission looks the namespace up after decoding and before
 * any validation runs: a namespace that does not exist fails the request with 404 NotFound, and
 * the object's own fields are never checked. Whether a valid name exists depends on the cluster,
 * not the manifest; a name that is not a lowercase RFC 1123 label can never exist (namespace names
 * are validated as labels), so its 404 is certain.
 */
export function impossibleNamespace(namespace: string | undefined): Note | undefined {
  if (!namespace || dns1123LabelMessages(namespace).length === 0) return undefined;
  return {
    field: 'metadata.namespace',
    code: 'namespace-not-found',
    message:
      `namespaces ${goQuote(namespace)} not found. No namespace can have this name (namespace names are ` +
      'lowercase RFC 1123 labels of at most 63 characters), and the object is sent to the namespace it ' +
      'names, so the apiserver answers 404 before it validates anything.',
  };
}
