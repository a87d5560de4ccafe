import type { OwnerReference } from '../k8s/objects';
import type { VersionBehaviour } from '../k8s/versions';
import { fieldError } from '../validation/fieldErrors';
import { ownerReferenceValue, ownerReferencesValue } from '../validation/goValues';
import type { FieldError } from '../validation/fieldErrors';

/** A reference that survived deduplication, with its position in the document. */
export interface KeptReference {
  ref: OwnerReference;
  index: number;
}

export interface DedupedReferences {
  kept: KeptReference[];
  /** The uid of every dropped repeat, in document order (empty strings included). */
  duplicateUIDs: string[];
}

/**
 * The create handler's dedupOwnerReferences (apiserver `endpoints/handlers/rest.go`), run before
 * validation: a reference equal in every field to an earlier one is dropped. Go compares the
 * structs, so an absent uid equals `""` while an absent `controller` differs from `false`.
 */
export function dedupOwnerReferences(references: readonly OwnerReference[]): DedupedReferences {
  const kept: KeptReference[] = [];
  const duplicateUIDs: string[] = [];
  references.forEach((ref, index) => {
    const key = identity(ref);
    if (kept.some((k) => identity(k.ref) === key)) duplicateUIDs.push(ref.uid ?? '');
    else kept.push({ ref, index });
  });
  return { kept, duplicateUIDs };
}

function identity(ref: OwnerReference): string {
  const pointer = (value: boolean | undefined) => (value === undefined ? 'nil' : String(value));
  return JSON.stringify([
    ref.apiVersion ?? '',
    ref.kind ?? '',
    ref.name ?? '',
    ref.uid ?? '',
    pointer(ref.controller),
    pointer(ref.blockOwnerDeletion),
  ]);
}

/**
 * metadata.ownerReferences (apimachinery ValidateOwnerReferences), on the deduplicated list: its
 * paths count the kept references, while each cause points at the reference as written. The
 * wording changed between releases: 1.33 names the empty part in the detail, 1.34 to 1.36 report
 * every problem as Invalid at the unindexed path (`metadata.ownerReferences.kind`), and 1.37
 * reports missing parts as Required at the indexed path, with its own message for a malformed
 * apiVersion.
 */
export function validateOwnerReferences(
  references: readonly OwnerReference[],
  behaviour: VersionBehaviour,
): FieldError[] {
  const { kept } = dedupOwnerReferences(references);
  const errors: FieldError[] = [];
  let firstController = '';
  kept.forEach(({ ref, index: written }, index) => {
    const paths = {
      indexed: `metadata.ownerReferences[${index}]`,
      target: `metadata.ownerReferences[${written}]`,
    };
    errors.push(...validateOwnerReference(ref, paths, behaviour));
    if (!ref.controller) return;
    const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
    if (!firstController) {
      firstController = current;
      return;
    }
    const detail = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`;
    errors.push(
      fieldError.invalid(
        'metadata.ownerReferences',
        ownerReferencesValue(
          kept.map((k) => k.ref),
          behaviour,
        ),
        detail,
        { code: 'metadata-owner-reference-invalid', target: `${paths.target}.controller` },
      ),
    );
  });
  return errors;
}

function validateOwnerReference(
  ref: OwnerReference,
  paths: { indexed: string; target: string },
  behaviour: VersionBehaviour,
): FieldError[] {
  const modern = behaviour.ownerReferenceIndexedPaths;
  const base = modern ? paths.indexed : 'metadata.ownerReferences';
  const at = (part: string) => ({
    code: 'metadata-owner-reference-invalid',
    target: `${paths.target}.${part}`,
  });
  const errors: FieldError[] = [];
  const apiVersion = ref.apiVersion ?? '';
  const groupVersion = parseGroupVersion(apiVersion);
  if (modern && !apiVersion) {
    errors.push(fieldError.required(`${base}.apiVersion`, 'must not be empty', at('apiVersion')));
  } else if (!groupVersion?.version) {
    const detail = modern ? 'must be <group>/<version> or <version>' : 'version must not be empty';
    errors.push(fieldError.invalid(`${base}.apiVersion`, apiVersion, detail, at('apiVersion')));
  }
  for (const part of ['kind', 'name', 'uid'] as const) {
    if (ref[part]) continue;
    if (modern) errors.push(fieldError.required(`${base}.${part}`, 'must not be empty', at(part)));
    else {
      const detail = behaviour.ownerReferenceBareEmptyDetail
        ? 'must not be empty'
        : `${part} must not be empty`;
      errors.push(fieldError.invalid(`${base}.${part}`, ref[part] ?? '', detail, at(part)));
    }
  }
  // BannedOwners holds the core group's v1 Event; `v1` and `/v1` both parse to it.
  if (groupVersion?.group === '' && groupVersion.version === 'v1' && ref.kind === 'Event') {
    errors.push(
      fieldError.invalid(
        base,
        ownerReferenceValue(ref, behaviour),
        '/v1, Kind=Event is disallowed from being an owner',
        at('kind'),
      ),
    );
  }
  return errors;
}

/**
 * schema.ParseGroupVersion: `""` and `/` are the empty group-version, a string without a slash is
 * a core-group version, one slash separates group and version (either may be empty: `/v1` is the
 * core group's v1), and more slashes fail (undefined).
 */
function parseGroupVersion(apiVersion: string): { group: string; version: string } | undefined {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length > 2) return undefined;
  const [first = '', second] = parts;
  return second === undefined ? { group: '', version: first } : { group: first, version: second };
}
