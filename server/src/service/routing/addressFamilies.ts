/**
 * Address types: which the controller writes slices for, and which of a pod's IPs go into
 * which. Upstream: k8s.io/endpointslice utils.go getAddressTypesForService and
 * getEndpointAddresses (ParseIPSloppy, then the canonical String()).
 */
import { ipString, isIPv4, parseIPSloppy } from '../validation/ip';
import type { AddressType, RoutingPod, RoutingService } from './types';

/**
 * spec.ipFamilies when set (the apiserver always sets it); otherwise the family of the
 * clusterIP; otherwise (headless, old apiserver) both.
 */
export function serviceAddressTypes(service: RoutingService): AddressType[] {
  const families = service.spec?.ipFamilies ?? [];
  const types: AddressType[] = [];
  for (const type of ['IPv4', 'IPv6'] as const) {
    if (families.includes(type)) {
      types.push(type);
    }
  }
  if (types.length > 0) {
    return types;
  }
  const clusterIP = service.spec?.clusterIP ?? '';
  if (clusterIP !== '' && clusterIP !== 'None') {
    const family = addressFamily(clusterIP);
    return [family ?? 'IPv4'];
  }
  return ['IPv4', 'IPv6'];
}

/** The family of an IP written as the apiserver's sloppy parser reads it; undefined if not an IP. */
export function addressFamily(value: string): AddressType | undefined {
  const ip = parseIPSloppy(value);
  return ip === null ? undefined : isIPv4(ip) ? 'IPv4' : 'IPv6';
}

/** The pod's IPs: status.podIPs (status.podIP only counts as "has an IP"). */
export function podIPs(pod: RoutingPod): string[] {
  return (pod.status?.podIPs ?? []).map((entry) => entry.ip ?? '').filter((ip) => ip !== '');
}

export function hasAnyIP(pod: RoutingPod): boolean {
  return (pod.status?.podIP ?? '') !== '' || (pod.status?.podIPs ?? []).length > 0;
}

/** Dotted IPv4 without leading zeros: already what the controller writes, no parse needed. */
const canonicalIPv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** The pod's addresses of one family, canonical, as the controller writes them. */
export function podAddressesOf(pod: RoutingPod, type: AddressType): string[] {
  const addresses: string[] = [];
  for (const value of podIPs(pod)) {
    if (canonicalIPv4.test(value)) {
      if (type === 'IPv4') {
        addresses.push(value);
      }
      continue;
    }
    const ip = parseIPSloppy(value);
    // ParseIPSloppy(nil) is neither IPv4 nor IPv6 to the controller's test: an unparsable IP is
    // counted as IPv4 (IsIPv6(nil) is false) and written as Go prints a nil IP, "<nil>".
    const family: AddressType = ip !== null && !isIPv4(ip) ? 'IPv6' : 'IPv4';
    if (family === type) {
      addresses.push(ip === null ? '<nil>' : ipString(ip));
    }
  }
  return addresses;
}
