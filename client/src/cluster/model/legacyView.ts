/** The addresses of a core/v1 Endpoints object, flattened for the tree. */
import { endpointsControllerName, legacyManagedByLabel } from './kubeTypes';
import type { EndpointAddress, EndpointSubset, LegacyEndpoints } from './kubeTypes';

export interface LegacyAddress {
  /** `subset/r|n/ip`: unique within the object. */
  key: string;
  address: EndpointAddress;
  ready: boolean;
  subset: EndpointSubset;
}

export function legacyAddresses(endpoints: LegacyEndpoints | undefined): LegacyAddress[] {
  return (endpoints?.subsets ?? []).flatMap((subset, index) => [
    ...(subset.addresses ?? []).map((address) => ({
      key: `${index}/r/${address.ip}`,
      address,
      ready: true,
      subset,
    })),
    ...(subset.notReadyAddresses ?? []).map((address) => ({
      key: `${index}/n/${address.ip}`,
      address,
      ready: false,
      subset,
    })),
  ]);
}

/**
 * Whether the endpoints controller wrote this Endpoints object (its managed-by label). The tree
 * leaves those out: they repeat the Service's slices and need nothing from the user. Endpoints
 * someone else wrote (a selectorless Service's hand-made ones, another controller's) are shown.
 */
export function writtenByEndpointsController(endpoints: LegacyEndpoints | undefined): boolean {
  return endpoints?.metadata.labels?.[legacyManagedByLabel] === endpointsControllerName;
}
