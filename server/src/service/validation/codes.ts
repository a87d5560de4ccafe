import type { Origin } from '../types';

/**
 * Every diagnostic code the service emits. Codes are stable: quick fixes, suppressions and CI
 * reports key on them, so a code is never renamed or reused; rules may only be added.
 * `spec` names the rows of shared/spec/k8s-validation-rules.md each code implements.
 */
export interface DiagnosticCodeInfo {
  description: string;
  origin: Origin;
  spec: readonly string[];
}

const apiserver = (description: string, ...spec: string[]): DiagnosticCodeInfo => ({
  description,
  origin: 'apiserver',
  spec,
});
const advisory = (description: string): DiagnosticCodeInfo => ({ description, origin: 'advisory', spec: [] });

export const diagnosticCodes = {
  'yaml-syntax': { description: 'The document is not valid YAML.', origin: 'syntax', spec: [] },
  'yaml-alias-limit': {
    description: 'The document expands too many aliases to be decoded.',
    origin: 'syntax',
    spec: [],
  },
  'json-syntax': {
    description: 'A file kubectl reads as JSON (it starts with "{") is not valid JSON.',
    origin: 'syntax',
    spec: [],
  },
  'list-invalid': {
    description: 'A List kubectl cannot unpack (items not a list, an item not an object): nothing is sent.',
    origin: 'syntax',
    spec: [],
  },
  'internal-error': {
    description: 'The document could not be validated because of a bug in this tool.',
    origin: 'syntax',
    spec: [],
  },
  'limit-exceeded': {
    description:
      'The document is beyond a size or complexity limit (source/limits.ts): the features the message names are off for it.',
    origin: 'syntax',
    spec: [],
  },
  'apiversion-not-served': apiserver('The apiVersion of this kind is not served by the apiserver.', 'ES-56'),
  'decode-type-mismatch': apiserver(
    'A value has the wrong type for its field (the request fails to decode).',
    'ES-59',
  ),
  'unknown-field': apiserver('A field the type does not have (strict field validation).', 'W7', 'ES-58'),
  // Reserved: kubectl re-encodes JSON and YAML alike, so a duplicate never reaches the server from
  // kubectl (duplicate-key says so); only a raw POST of a JSON body gets this error.
  'duplicate-field': apiserver('A field given twice (strict field validation).', 'W7'),

  'metadata-name-required': apiserver('Neither name nor generateName is set.'),
  'metadata-name-invalid': apiserver('The name is not a lowercase RFC 1123 subdomain.', 'ES-48', 'EP-26'),
  'metadata-generate-name-invalid': apiserver('generateName does not make a valid name.', 'ES-50'),
  // Reserved: an invalid namespace never reaches validation; the request fails first (namespace-not-found).
  'metadata-namespace-invalid': apiserver('The namespace is not a lowercase RFC 1123 label.'),
  'namespace-not-sendable': apiserver(
    'kubectl cannot put the namespace in a URL (".", "..", a "/" or a "%"), so it sends nothing.',
  ),
  'namespace-not-found': apiserver(
    'The namespace is not a valid name, so it cannot exist: the request fails with 404 before validation.',
  ),
  'metadata-label-invalid': apiserver('A label key or value is not valid.', 'ES-51'),
  'metadata-annotation-invalid': apiserver('An annotation key is not a qualified name.'),
  'metadata-annotations-too-long': apiserver('Annotations exceed 256 KiB in total.'),
  'metadata-finalizer-invalid': apiserver('A finalizer name is not valid.', 'ES-52'),
  'metadata-finalizers-conflict': apiserver('The orphan and foregroundDeletion finalizers are both set.'),
  'metadata-owner-reference-invalid': apiserver('An owner reference is incomplete or invalid.'),
  'metadata-generation-invalid': apiserver('metadata.generation is negative.'),
  'metadata-managed-fields-invalid': apiserver(
    'A managedFields entry the server keeps has a manager or subresource it rejects.',
  ),

  'address-type-required': apiserver('addressType is missing.', 'S1'),
  'address-type-unsupported': apiserver('addressType is not IPv4, IPv6 or FQDN.', 'S2'),
  'endpoints-too-many': apiserver('More than 1000 endpoints in one slice.', 'S4'),
  'addresses-required': apiserver('An endpoint has no addresses.', 'S5'),
  'addresses-too-many': apiserver('An endpoint has more than 100 addresses.', 'S6'),
  'ip-invalid': apiserver('The address is not an IP address.', 'S7', 'E2'),
  'ip-leading-zeros': apiserver('An IPv4 octet has leading zeros.', 'S8', 'S11', 'E3'),
  'ip-ipv4-mapped': apiserver('An IPv4-mapped IPv6 address.', 'S9', 'S12', 'E4'),
  'ip-not-canonical': apiserver('An IPv6 address not in RFC 5952 canonical form.', 'S13'),
  'address-wrong-family': apiserver("The address is not of the slice's addressType family.", 'S10', 'S14'),
  'ip-special-range': apiserver(
    'Unspecified, loopback, link-local or link-local multicast address.',
    'S15',
    'S16',
    'S17',
    'S18',
    'E5',
  ),
  'fqdn-required': apiserver('An empty FQDN address.', 'S19'),
  'fqdn-invalid': apiserver('The address is not a fully qualified domain name.', 'S20', 'S21', 'S22'),
  'node-name-invalid': apiserver('nodeName is not a DNS subdomain.', 'S24', 'E7'),
  'hostname-invalid': apiserver('hostname is not a DNS label.', 'S25', 'E6'),
  'hints-too-many': apiserver('More than 8 zone or node hints.', 'S26', 'S29'),
  'hint-duplicate': apiserver('A zone or node hint given twice.', 'S27', 'S30'),
  'hint-zone-invalid': apiserver('A zone hint is not a valid label value.', 'S28'),
  'hint-node-invalid': apiserver('A node hint is not a DNS subdomain.', 'S31'),
  'ports-too-many': apiserver('More than 20000 ports in one slice.', 'S33'),
  'port-name-invalid': apiserver('A port name is not a DNS label.', 'S34', 'E9'),
  'port-name-duplicate': apiserver(
    'Two ports of a slice have the same name (unnamed ports count as "").',
    'S35',
  ),
  'port-name-required': apiserver('A subset with several ports has an unnamed port.', 'E8'),
  'port-protocol-unsupported': apiserver('protocol is not TCP, UDP or SCTP.', 'S36', 'E11'),
  'port-app-protocol-invalid': apiserver('appProtocol is not a qualified name.', 'S38', 'E12'),
  'port-number-invalid': apiserver('An Endpoints port outside 1-65535.', 'E10'),
  'subset-addresses-required': apiserver('A subset has neither addresses nor notReadyAddresses.', 'E1'),

  'endpoints-deprecated': apiserver(
    'v1 Endpoints is deprecated in favour of discovery.k8s.io/v1 EndpointSlice.',
    'W1',
  ),
  'ip-non-standard-warning': apiserver(
    'An IP address in a non-standard form (leading zeros, IPv4-mapped).',
    'W2',
    'W5',
  ),
  'ipv6-non-canonical-warning': apiserver('An IPv6 address not in RFC 5952 canonical form.', 'W3', 'W6'),
  'fqdn-deprecated': apiserver('The FQDN address type is deprecated.', 'W4'),
  'owner-references-duplicate-warning': apiserver(
    'An owner reference repeats an earlier one; the apiserver drops the repeat.',
  ),

  'service-name-label-missing': advisory(
    'An EndpointSlice without the kubernetes.io/service-name label belongs to no Service.',
  ),
  'managed-by-reserved': advisory(
    'A slice labelled as managed by a built-in controller will be taken over by it.',
  ),
  'endpoints-over-controller-limit': advisory('More endpoints than the controller puts in one slice.'),
  'port-out-of-range': advisory('An EndpointSlice port number that nothing can route.'),
  'duplicate-key': advisory('A key given twice; kubectl keeps only the last value.'),

  // Workspace-aware advice (workspace/advisories.ts): needs the Services of the workspace.
  'port-name-not-in-service': advisory('A slice or Endpoints port name matches no port of its Service.'),
  'service-not-in-workspace': advisory(
    'The Service a slice or an Endpoints belongs to is not in the workspace.',
  ),
  'service-has-selector': advisory('A hand-written slice or Endpoints for a Service the controllers manage.'),
  'dual-stack-family-missing': advisory('A dual-stack Service has slices for only one address family.'),
  'selector-matches-no-template': advisory(
    "A Service's selector matches none of the workspace's pod templates in its namespace.",
  ),
  'target-port-not-in-template': advisory(
    'A named targetPort that a selected pod template declares in no container (name and protocol).',
  ),
  'service-without-endpoints': advisory(
    'A Service without a selector that has neither an EndpointSlice nor an Endpoints in the workspace.',
  ),
  'slice-family-not-served': advisory("An EndpointSlice whose address family is not one of its Service's."),
} as const satisfies Record<string, DiagnosticCodeInfo>;

export type DiagnosticCode = keyof typeof diagnosticCodes;
