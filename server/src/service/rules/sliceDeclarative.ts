import type { EndpointSlice } from '../k8s/objects';
import { addressTypes } from '../k8s/schema';
import { limits } from '../k8s/wellKnown';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';

/**
 * EndpointSlice's declarative validation (discovery/v1 `zz_generated.validations.go`), enforced
 * from 1.37 (`DeclarativeValidationBeta`). Its beta rules are `addressType` required and enum,
 * and each endpoint's `addresses` required and at most 100 items; the ObjectMeta rules it also
 * runs are alpha, which the apiserver never surfaces, and v1 Endpoints has no enforced rule.
 *
 * The apiserver runs both validations and merges them (apiserver `rest.ValidateDeclaratively
 * WithMigrationChecks`): a hand-written error marked "covered by declarative" is dropped when a
 * declarative error of the same type at the same path exists, and every declarative error is
 * appended after the hand-written ones. The two sides do not stop at the same places: the
 * hand-written endpoint loop returns at "Too many" over 1,000 endpoints, while the declarative
 * one walks every endpoint, so a slice over the limit still gets its per-endpoint causes.
 */

/** The hand-written rules whose errors upstream marks `MarkCoveredByDeclarative()`. */
const coveredCodes: ReadonlySet<string> = new Set([
  'address-type-required',
  'address-type-unsupported',
  'addresses-required',
  'addresses-too-many',
]);

/** What the declarative side reports for one create, in its order (addressType, then endpoints). */
export function declarativeSliceErrors(slice: EndpointSlice): FieldError[] {
  return [...declarativeAddressType(slice.addressType), ...declarativeEndpoints(slice)];
}

/** The merged result: hand-written errors without the covered ones, then the declarative errors. */
export function mergeDeclarative(handwritten: FieldError[], declarative: FieldError[]): FieldError[] {
  const supersedes = (covered: FieldError): boolean =>
    declarative.some((d) => d.type === covered.type && d.field === covered.field);
  return [...handwritten.filter((e) => !(coveredCodes.has(e.code) && supersedes(e))), ...declarative];
}

function declarativeAddressType(addressType: string | undefined): FieldError[] {
  // Required short-circuits: an empty value is not also checked against the enum.
  if (!addressType) return [fieldError.required('addressType', '', { code: 'address-type-required' })];
  if ((addressTypes as readonly string[]).includes(addressType)) return [];
  return [
    fieldError.notSupported('addressType', addressType, addressTypes, { code: 'address-type-unsupported' }),
  ];
}

function declarativeEndpoints(slice: EndpointSlice): FieldError[] {
  // No limit on the list itself: every endpoint is visited, however many there are.
  return (slice.endpoints ?? []).flatMap((endpoint, index) => {
    const path = `endpoints[${index}].addresses`;
    const count = endpoint.addresses?.length ?? 0;
    // Both rules short-circuit; they cannot fail together anyway.
    if (count === 0) return [fieldError.required(path, '', { code: 'addresses-required' })];
    if (count > limits.addressesPerEndpoint) {
      return [fieldError.tooMany(path, count, limits.addressesPerEndpoint, { code: 'addresses-too-many' })];
    }
    return [];
  });
}
