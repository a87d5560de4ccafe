import { serviceAddressTypes } from '../routing';
import type { EndpointDiagnostic } from '../types';
import { advice, notFromServer } from './adviceText';
import type { ServiceInfo, SliceInfo } from './types';

/**
 * slice-family-not-served: an EndpointSlice whose address family the Service does not have
 * (an IPv6 slice for a single-stack IPv4 Service). Proxies program a Service's families only,
 * so its endpoints receive no traffic. The families are the routing engine's reading of the
 * Service (ipFamilies, else the clusterIP's family); a Service that says neither is silent.
 */
export function sliceFamilyAdvice(slice: SliceInfo, service: ServiceInfo): EndpointDiagnostic[] {
  const routed = service.routing?.service;
  const type = slice.addressType;
  if (!routed || (type !== 'IPv4' && type !== 'IPv6')) return [];
  const families = serviceAddressTypes(routed);
  if (families.includes(type)) return [];
  return [
    advice(
      'slice-family-not-served',
      slice.addressTypeRange ?? slice.anchor,
      'addressType',
      `Service "${service.name}" is ${families.join(', ')} only, so this ${type} slice cannot serve it: proxies program only the Service's families ${notFromServer}.`,
      [
        {
          uri: service.uri,
          range: service.routing?.nameRange ?? service.range,
          message: `Service "${service.name}"`,
        },
      ],
    ),
  ];
}
