/** The addresses of a core/v1 Endpoints object, flattened for the tree. */
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
