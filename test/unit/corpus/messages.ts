/**
 * Message texts quoted from the spec (§1-§3, §2.1), kept apart from the engine's own constants so
 * that a wording slip in the engine fails the corpus instead of being copied into it.
 */

export const invalidIP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
/** The second, bare cause ValidateEndpointIP adds for an Endpoints IP that does not parse. */
export const invalidIPBare = 'must be a valid IP address';
export const leadingZeros = 'must not have leading 0s';
export const ipv4Mapped = 'must not be an IPv4-mapped IPv6 address';
export const loopback = 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
export const linkLocal = 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
export const linkLocalMulticast = 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
export const unspecified = (address: string): string => `may not be unspecified (${address})`;

export const dnsLabelRegex =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const dnsSubdomainRegex =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const qualifiedNameRegex =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
export const labelValueRegex =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
/** More than one `/` in a qualified name: `a qualified name` up to 1.34, `a valid label key` from 1.35. */
export const threePartKey = (head: 'a qualified name' | 'a valid label key'): string =>
  `${head} ${qualifiedNameRegex} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`;

export const supportedAddressTypes = 'supported values: "FQDN", "IPv4", "IPv6"';
export const supportedProtocols = 'supported values: "SCTP", "TCP", "UDP"';

/** W1, on every request for v1 Endpoints. */
export const endpointsDeprecated =
  'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';
/** W4. */
export const fqdnDeprecated = 'spec.addressType: FQDN endpoints are deprecated';

/** W2 / W5, in the ≤1.35 and the 1.36+ wording. */
export function nonStandardIP(
  path: string,
  value: string,
  canonical: string,
  wording: 'future' | 'invalid',
): string {
  const fate =
    wording === 'future' ? 'will be considered invalid in a future Kubernetes release' : 'is invalid';
  return `${path}: non-standard IP address "${value}" ${fate}: use "${canonical}"`;
}

/** W3 / W6. */
export const nonCanonicalIPv6 = (path: string, value: string, canonical: string): string =>
  `${path}: IPv6 address "${value}" should be in RFC 5952 canonical format ("${canonical}")`;
