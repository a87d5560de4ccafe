import type { KubernetesVersion } from '../settings';

/**
 * What changes between the kube-apiserver versions we emulate, as flags the rules read. Each
 * flag names the upstream change, so a rule never compares version strings itself.
 */
export interface VersionBehaviour {
  /** `StrictIPCIDRValidation` (beta, on by default from 1.36): leading zeros and IPv4-mapped IPv6 rejected. */
  strictIPValidation: boolean;
  /** `PreferSameTrafficDistribution` (beta 1.34): `hints.forNodes` kept and validated; dropped before. */
  forNodesValidated: boolean;
  /**
   * An empty owner-reference kind, name or uid says only `must not be empty` (1.34); 1.33 names
   * the part (`kind must not be empty`).
   */
  ownerReferenceBareEmptyDetail: boolean;
  /** Label and qualified-name length messages say `bytes` and three-part keys say `a valid label key` (1.35). */
  contentValidationWording: boolean;
  /** IP warnings say `is invalid: use` instead of `will be considered invalid in a future ...` (1.36). */
  invalidIPWarningWording: boolean;
  /**
   * EndpointSlice declarative validation enforced (`DeclarativeValidationBeta`, 1.37: its rules are
   * beta there; 1.36 has them as alpha, never enforced, and 1.33-1.35 have none): merged with the
   * hand-written validation, so a slice over the endpoint limit still gets per-endpoint causes.
   */
  declarativeValidationEndpointSlice: boolean;
  /**
   * Owner-reference errors at indexed paths, missing parts as Required (seen on a real 1.37.2
   * apiserver; 1.35.4 and 1.36.3 still report `metadata.ownerReferences.kind` as Invalid).
   */
  ownerReferenceIndexedPaths: boolean;
  /** Field errors print list and struct values as JSON; before 1.34, with Go's `%#v` (apimachinery 0.34). */
  jsonFieldValues: boolean;
}

const minor = (version: KubernetesVersion): number => Number(version.split('.')[1]);

export function behaviourOf(version: KubernetesVersion): VersionBehaviour {
  const m = minor(version);
  return {
    strictIPValidation: m >= 36,
    forNodesValidated: m >= 34,
    ownerReferenceBareEmptyDetail: m >= 34,
    contentValidationWording: m >= 35,
    invalidIPWarningWording: m >= 36,
    declarativeValidationEndpointSlice: m >= 37,
    ownerReferenceIndexedPaths: m >= 37,
    jsonFieldValues: m >= 34,
  };
}
