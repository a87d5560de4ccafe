import type { CorePort, EndpointAddress, Endpoints, EndpointSubset } from '../k8s/objects';
import { fieldError } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import { ipParseProblems, parseIPSloppy, specialRangeMessages } from '../validation/ip';
import { dns1123LabelMessages, dns1123SubdomainMessages } from '../validation/names';
import type { RuleContext } from './context';
import { validateObjectMeta } from './metadata';
import { validateProtocols } from './portProtocols';

/** ValidateEndpoints on create (core validation): metadata, then every subset. */
export function validateEndpoints(endpoints: Endpoints, ctx: RuleContext): FieldError[] {
  return [
    ...validateObjectMeta(endpoints.metadata, ctx, { generationSetByServer: false }),
    ...(endpoints.subsets ?? []).flatMap((subset, index) => validateSubset(subset, `subsets[${index}]`, ctx)),
  ];
}

function validateSubset(subset: EndpointSubset, path: string, ctx: RuleContext): FieldError[] {
  const errors: FieldError[] = [];
  const ready = subset.addresses ?? [];
  const notReady = subset.notReadyAddresses ?? [];
  if (ready.length === 0 && notReady.length === 0) {
    errors.push(
      fieldError.required(path, 'must specify `addresses` or `notReadyAddresses`', {
        code: 'subset-addresses-required',
      }),
    );
  }
  ready.forEach((a, i) => errors.push(...validateAddress(a, `${path}.addresses[${i}]`, ctx)));
  notReady.forEach((a, i) => errors.push(...validateAddress(a, `${path}.notReadyAddresses[${i}]`, ctx)));
  const ports = subset.ports ?? [];
  ports.forEach((port, i) =>
    errors.push(...validatePort(port, ports.length > 1, `${path}.ports[${i}]`, ctx)),
  );
  return errors;
}

/** validateEndpointAddress: the IP parse, hostname, nodeName, then the special-range check. */
function validateAddress(address: EndpointAddress, path: string, ctx: RuleContext): FieldError[] {
  const errors: FieldError[] = [];
  const ip = address.ip ?? '';
  const ipPath = `${path}.ip`;
  for (const { code, message } of ipParseProblems(
    ip,
    ctx.behaviour.strictIPValidation ? 'legacy-strict' : 'legacy-lenient',
  )) {
    errors.push(
      fieldError.invalid(ipPath, ip, message, {
        code,
        target: address.ip === undefined ? path : ipPath,
      }),
    );
  }
  if (address.hostname) {
    for (const message of dns1123LabelMessages(address.hostname)) {
      errors.push(
        fieldError.invalid(`${path}.hostname`, address.hostname, message, { code: 'hostname-invalid' }),
      );
    }
  }
  if (address.nodeName !== undefined) {
    for (const message of dns1123SubdomainMessages(address.nodeName)) {
      errors.push(
        fieldError.invalid(`${path}.nodeName`, address.nodeName, message, { code: 'node-name-invalid' }),
      );
    }
  }
  errors.push(...validateEndpointIP(ip, ipPath, address.ip === undefined ? path : ipPath));
  return errors;
}

/** ValidateEndpointIP: a second "not an IP" cause for garbage, else the special ranges. */
function validateEndpointIP(ip: string, path: string, target: string): FieldError[] {
  const parsed = parseIPSloppy(ip);
  if (!parsed) {
    return [fieldError.invalid(path, ip, 'must be a valid IP address', { code: 'ip-invalid', target })];
  }
  return specialRangeMessages(ip, parsed).map((message) =>
    fieldError.invalid(path, ip, message, { code: 'ip-special-range', target }),
  );
}

/** validateEndpointPort, after defaulting ("" protocol became TCP). */
function validatePort(port: CorePort, requireName: boolean, path: string, ctx: RuleContext): FieldError[] {
  const errors: FieldError[] = [];
  const name = port.name ?? '';
  if (requireName && name.length === 0) {
    errors.push(fieldError.required(`${path}.name`, '', { code: 'port-name-required' }));
  } else if (name.length > 0) {
    for (const message of dns1123LabelMessages(name)) {
      errors.push(fieldError.invalid(`${path}.name`, name, message, { code: 'port-name-invalid' }));
    }
  }
  const number = port.port ?? 0;
  if (number < 1 || number > 65535) {
    errors.push(
      fieldError.invalid(`${path}.port`, number, 'must be between 1 and 65535, inclusive', {
        code: 'port-number-invalid',
      }),
    );
  }
  // Endpoints defaulting turns an empty protocol into TCP as well.
  errors.push(...validateProtocols(port.protocol || 'TCP', port.appProtocol, path, ctx.behaviour));
  return errors;
}
