import type { Endpoints, EndpointSlice, ObjectMeta } from '../k8s/objects';
import {
  controllerManagedByValues,
  endpointsControllerName,
  labelEndpointsManagedBy,
  labelManagedBy,
} from '../k8s/wellKnown';
import { ipWarning } from '../validation/ip';
import type { RuleContext } from './context';
import type { Note } from './notes';
import { dedupOwnerReferences } from './ownerReferences';

/**
 * The apiserver's `Warning:` headers. The deprecation warning of v1 Endpoints comes with every
 * request; the others are computed only once validation has passed (WarningsOnCreate).
 */
export function endpointsDeprecation(): Note {
  return {
    field: '',
    message: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
    code: 'endpoints-deprecated',
    target: 'kind',
  };
}

/**
 * The create handler drops repeated owner references before validation and says so, whatever
 * validation then decides (apiserver `endpoints/handlers/rest.go`, DuplicateOwnerReferencesWarningFormat).
 */
export function duplicateOwnerReferencesWarning(meta: ObjectMeta | undefined): Note | undefined {
  const references = meta?.ownerReferences ?? [];
  const { kept, duplicateUIDs } = dedupOwnerReferences(references);
  if (duplicateUIDs.length === 0) return undefined;
  const firstRepeat = references.findIndex((_, i) => !kept.some((k) => k.index === i));
  return {
    field: 'metadata.ownerReferences',
    message: `.metadata.ownerReferences contains duplicate entries; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: ${duplicateUIDs.join(', ')}`,
    code: 'owner-references-duplicate-warning',
    target: `metadata.ownerReferences[${firstRepeat}]`,
  };
}

export function endpointSliceWarnings(slice: EndpointSlice, ctx: RuleContext): Note[] {
  const notes: Note[] = [];
  if (slice.addressType === 'FQDN') {
    // The `spec.` prefix is upstream's, although EndpointSlice has no spec.
    notes.push({
      field: 'addressType',
      message: 'spec.addressType: FQDN endpoints are deprecated',
      code: 'fqdn-deprecated',
      target: 'addressType',
    });
  }
  const managedBy = slice.metadata?.labels?.[labelManagedBy];
  if (managedBy && (controllerManagedByValues as readonly string[]).includes(managedBy)) return notes;
  (slice.endpoints ?? []).forEach((endpoint, i) => {
    (endpoint.addresses ?? []).forEach((address, j) => {
      const note = ipNote(`endpoints[${i}].addresses[${j}]`, address, ctx);
      if (note) notes.push(note);
    });
  });
  return notes;
}

export function endpointsWarnings(endpoints: Endpoints, ctx: RuleContext): Note[] {
  if (endpoints.metadata?.labels?.[labelEndpointsManagedBy] === endpointsControllerName) return [];
  const notes: Note[] = [];
  (endpoints.subsets ?? []).forEach((subset, i) => {
    for (const list of ['addresses', 'notReadyAddresses'] as const) {
      (subset[list] ?? []).forEach((address, j) => {
        const note = ipNote(`subsets[${i}].${list}[${j}].ip`, address.ip ?? '', ctx);
        if (note) notes.push(note);
      });
    }
  });
  return notes;
}

function ipNote(path: string, value: string, ctx: RuleContext): Note | undefined {
  const message = ipWarning(path, value, ctx.behaviour.invalidIPWarningWording);
  if (!message) return undefined;
  const code = message.includes('non-standard') ? 'ip-non-standard-warning' : 'ipv6-non-canonical-warning';
  return { field: path, message, code };
}
