import type { OwnerReference } from '../k8s/objects';
import type { VersionBehaviour } from '../k8s/versions';
import { fieldError } from '../validation/fieldErrors';
import { ownerReferenceValue, ownerReferencesValue } from '../validation/goValues';
import type { FieldError } from '../validation/fieldErrors';

/**
 * metadata.ownerReferences (apimachinery ValidateOwnerReferences). The wording changed between
 * releases, as real apiservers show: up to 1.36 every problem is Invalid at the unindexed path
 * (`metadata.ownerReferences.kind`, whose message says `kind must not be empty` in 1.33); 1.37
 * reports missing parts as Required and everything at the indexed path, with a proper message for
 * a malformed apiVersion.
 */
export function validateOwnerReferences(
  references: OwnerReference[],
  behaviour: VersionBehaviour,
): FieldError[] {
  const errors: FieldError[] = [];
  let firstController = '';
  references.forEach((ref, index) => {
    const indexed = `metadata.ownerReferences[${index}]`;
    errors.push(...validateOwnerReference(ref, indexed, behaviour));
    if (!ref.controller) return;
    const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
    if (!firstController) {
      firstController = current;
      return;
    }
    const detail = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`;
    errors.push(
      fieldError.invalid('metadata.ownerReferences', ownerReferencesValue(references, behaviour), detail, {
        code: 'metadata-owner-reference-invalid',
        target: `${indexed}.controller`,
      }),
    );
  });
  return errors;
}

function validateOwnerReference(
  ref: OwnerReference,
  indexed: string,
  behaviour: VersionBehaviour,
): FieldError[] {
  const modern = behaviour.ownerReferenceIndexedPaths;
  const base = modern ? indexed : 'metadata.ownerReferences';
  const at = (part: string) => ({ code: 'metadata-owner-reference-invalid', target: `${indexed}.${part}` });
  const missing = (part: string, value: string, legacyDetail: string): FieldError =>
    modern
      ? fieldError.required(`${base}.${part}`, 'must not be empty', at(part))
      : fieldError.invalid(`${base}.${part}`, value, legacyDetail, at(part));
  const errors: FieldError[] = [];
  const apiVersion = ref.apiVersion ?? '';
  if (!apiVersion) errors.push(missing('apiVersion', apiVersion, 'version must not be empty'));
  else if (!isGroupVersion(apiVersion)) {
    const detail = modern ? 'must be <group>/<version> or <version>' : 'version must not be empty';
    errors.push(fieldError.invalid(`${base}.apiVersion`, apiVersion, detail, at('apiVersion')));
  }
  for (const part of ['kind', 'name', 'uid'] as const) {
    const legacyDetail = behaviour.ownerReferenceShortMessages
      ? 'must not be empty'
      : `${part} must not be empty`;
    if (!ref[part]) errors.push(missing(part, ref[part] ?? '', legacyDetail));
  }
  if (apiVersion === 'v1' && ref.kind === 'Event') {
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

/** schema.ParseGroupVersion: `v1` or `group/version`, nothing empty, at most one slash. */
function isGroupVersion(apiVersion: string): boolean {
  const parts = apiVersion.split('/');
  return parts.length <= 2 && parts.every((part) => part.length > 0);
}
