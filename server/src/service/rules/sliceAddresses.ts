import type { SliceEndpoint } from '../k8s/objects';
import { limits } from '../k8s/wellKnown';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import { ipParseProblems, isIPv4, parseIPSloppy, specialRangeMessages } from '../validation/ip';
import { dns1123LabelMessages, dns1123SubdomainMessages, fqdnMessages } from '../validation/names';
import type { RuleContext } from './context';
import { validateHints } from './sliceHints';

/**
 * EndpointSlice `endpoints` validation (discovery validateEndpoints, 1.33+ IP logic): the list
 * limit, each endpoint's addresses by the slice's addressType, nodeName, hostname and hints.
 */
export function validateSliceEndpoints(
  endpoints: SliceEndpoint[],
  addressType: string | undefined,
  ctx: RuleContext,
): FieldError[] {
  if (endpoints.length > limits.endpointsPerSlice) {
    // Upstream returns here: no endpoint is checked once the list is too long.
    return [
      fieldError.tooMany('endpoints', endpoints.length, limits.endpointsPerSlice, {
        code: 'endpoints-too-many',
      }),
    ];
  }
  return endpoints.flatMap((endpoint, index) =>
    validateEndpoint(endpoint, `endpoints[${index}]`, addressType, ctx),
  );
}

function validateEndpoint(
  endpoint: SliceEndpoint,
  path: string,
  addressType: string | undefined,
  ctx: RuleContext,
): FieldError[] {
  const errors: FieldError[] = [];
  const addressesPath = `${path}.addresses`;
  const addresses = endpoint.addresses ?? [];
  if (addresses.length === 0) {
    errors.push(
      fieldError.required(addressesPath, 'must contain at least 1 address', { code: 'addresses-required' }),
    );
  } else if (addresses.length > limits.addressesPerEndpoint) {
    errors.push(
      fieldError.tooMany(addressesPath, addresses.length, limits.addressesPerEndpoint, {
        code: 'addresses-too-many',
      }),
    );
  }
  addresses.forEach((address, index) => {
    errors.push(...validateAddress(address, addressesPath, index, addressType, ctx));
  });
  if (endpoint.nodeName !== undefined) {
    const nodeName = endpoint.nodeName;
    for (const message of dns1123SubdomainMessages(nodeName)) {
      errors.push(fieldError.invalid(`${path}.nodeName`, nodeName, message, { code: 'node-name-invalid' }));
    }
  }
  if (endpoint.hostname !== undefined) {
    const hostname = endpoint.hostname;
    for (const message of dns1123LabelMessages(hostname)) {
      errors.push(fieldError.invalid(`${path}.hostname`, hostname, message, { code: 'hostname-invalid' }));
    }
  }
  if (endpoint.hints) errors.push(...validateHints(endpoint.hints, `${path}.hints`, ctx));
  return errors;
}

function validateAddress(
  address: string,
  listPath: string,
  index: number,
  addressType: string | undefined,
  ctx: RuleContext,
): FieldError[] {
  const path = `${listPath}[${index}]`;
  switch (addressType) {
    case 'IPv4':
      return validateIPAddress(
        address,
        listPath,
        path,
        'IPv4',
        ctx.behaviour.strictIPValidation ? 'legacy-strict' : 'legacy-lenient',
      );
    case 'IPv6':
      return validateIPAddress(address, listPath, path, 'IPv6', 'strict');
    case 'FQDN':
      return validateFQDN(address, path);
    default:
      // An unknown or missing addressType leaves addresses unchecked (upstream falls through).
      return [];
  }
}

function validateIPAddress(
  address: string,
  listPath: string,
  path: string,
  family: 'IPv4' | 'IPv6',
  mode: 'legacy-lenient' | 'legacy-strict' | 'strict',
): FieldError[] {
  const ip = parseIPSloppy(address);
  const problems = ipParseProblems(address, mode, ip);
  if (problems.length > 0) {
    return problems.map(({ code, message }) => fieldError.invalid(path, address, message, { code }));
  }
  const errors: FieldError[] = [];
  if (!ip) return errors;
  if (isIPv4(ip) !== (family === 'IPv4')) {
    // Upstream reports the wrong family at the list, not the element; we still point at the element.
    errors.push(
      fieldError.invalid(listPath, address, `must be an ${family} address`, {
        code: 'address-wrong-family',
        target: path,
      }),
    );
  }
  for (const message of specialRangeMessages(address, ip)) {
    errors.push(fieldError.invalid(path, address, message, { code: 'ip-special-range' }));
  }
  return errors;
}

function validateFQDN(address: string, path: string): FieldError[] {
  if (address.length === 0) return [fieldError.required(path, '', { code: 'fqdn-required' })];
  const { shown, messages } = fqdnMessages(address);
  if (messages.length === 0) return [];
  return [fieldError.invalid(path, shown, messages.join(','), { code: 'fqdn-invalid' })];
}
