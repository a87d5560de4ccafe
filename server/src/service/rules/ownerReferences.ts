import type { OwnerReference } from '../k8s/objects';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';

/**
 * metadata.ownerReferences (apimachinery ValidateOwnerReferences), with the paths and wording a
 * real 1.37 apiserver returns: missing parts are Required at the indexed path, a malformed
 * apiVersion is Invalid, a v1 Event owner and a second controller are Invalid with the JSON value.
 */
export function validateOwnerReferences(references: OwnerReference[]): FieldError[] {
  const errors: FieldError[] = [];
  let firstController = '';
  references.forEach((ref, index) => {
    const path = `metadata.ownerReferences[${index}]`;
    errors.push(...validateOwnerReference(ref, path));
    if (!ref.controller) return;
    const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
    if (!firstController) {
      firstController = current;
      return;
    }
    const detail = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`;
    errors.push(
      fieldError.invalid('metadata.ownerReferences', references.map(goOrder), detail, {
        code: 'metadata-owner-reference-invalid',
        target: `${path}.controller`,
      }),
    );
  });
  return errors;
}

function validateOwnerReference(ref: OwnerReference, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const where = { code: 'metadata-owner-reference-invalid' };
  const apiVersion = ref.apiVersion ?? '';
  if (!apiVersion) errors.push(fieldError.required(`${path}.apiVersion`, 'must not be empty', where));
  else if (!isGroupVersion(apiVersion)) {
    errors.push(
      fieldError.invalid(`${path}.apiVersion`, apiVersion, 'must be <group>/<version> or <version>', where),
    );
  }
  for (const part of ['kind', 'name', 'uid'] as const) {
    if (!ref[part]) errors.push(fieldError.required(`${path}.${part}`, 'must not be empty', where));
  }
  if (apiVersion === 'v1' && ref.kind === 'Event') {
    errors.push(
      fieldError.invalid(path, goOrder(ref), '/v1, Kind=Event is disallowed from being an owner', {
        ...where,
        target: `${path}.kind`,
      }),
    );
  }
  return errors;
}

/** schema.ParseGroupVersion: `v1` or `group/version`, nothing empty, at most one slash. */
function isGroupVersion(apiVersion: string): boolean {
  const parts = apiVersion.split('/');
  return parts.length <= 2 && parts.every((part) => part.length > 0);
}

/** The reference with its fields in Go's order, as the apiserver prints it in JSON. */
function goOrder(ref: OwnerReference): Record<string, unknown> {
  const ordered: Record<string, unknown> = {
    apiVersion: ref.apiVersion ?? '',
    kind: ref.kind ?? '',
    name: ref.name ?? '',
    uid: ref.uid ?? '',
  };
  if (ref.controller !== undefined) ordered['controller'] = ref.controller;
  if (ref.blockOwnerDeletion !== undefined) ordered['blockOwnerDeletion'] = ref.blockOwnerDeletion;
  return ordered;
}
