import type { OwnerReference } from '../k8s/objects';
import type { VersionBehaviour } from '../k8s/versions';
import { goQuote, PrintedValue } from './fieldErrors';

/**
 * Lists and structs in a field error's "Invalid value", as each release prints them: as JSON from
 * 1.34, with Go's `%#v` before (apimachinery's field.Error). A Go pointer prints as its address,
 * which differs on every request, so a set one is shown as `(*bool)(0x…)`.
 */

export function stringListValue(values: readonly string[], behaviour: VersionBehaviour): unknown {
  if (behaviour.jsonFieldValues) return values;
  return new PrintedValue(`[]string{${values.map(goQuote).join(', ')}}`);
}

/** The reference's JSON fields in Go's order, as the apiserver marshals it. */
function ownerReferenceJson(ref: OwnerReference): Record<string, unknown> {
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

function goBoolPointer(value: boolean | undefined): string {
  return value === undefined ? '(*bool)(nil)' : '(*bool)(0x…)';
}

function goOwnerReference(ref: OwnerReference): string {
  const fields = [
    `APIVersion:${goQuote(ref.apiVersion ?? '')}`,
    `Kind:${goQuote(ref.kind ?? '')}`,
    `Name:${goQuote(ref.name ?? '')}`,
    `UID:${goQuote(ref.uid ?? '')}`,
    `Controller:${goBoolPointer(ref.controller)}`,
    `BlockOwnerDeletion:${goBoolPointer(ref.blockOwnerDeletion)}`,
  ];
  return `v1.OwnerReference{${fields.join(', ')}}`;
}

export function ownerReferenceValue(ref: OwnerReference, behaviour: VersionBehaviour): unknown {
  return behaviour.jsonFieldValues ? ownerReferenceJson(ref) : new PrintedValue(goOwnerReference(ref));
}

export function ownerReferencesValue(refs: readonly OwnerReference[], behaviour: VersionBehaviour): unknown {
  if (behaviour.jsonFieldValues) return refs.map(ownerReferenceJson);
  return new PrintedValue(`[]v1.OwnerReference{${refs.map(goOwnerReference).join(', ')}}`);
}
