import { ipv4Range, slice, sliceAddresses } from './build';
import * as m from './messages';
import type { CorpusCase } from './model';
import { accepted, byGate, groups, invalid, notSupported, rejected, required, same, tooMany } from './model';

/**
 * Spec §6.1, the EndpointSlice rows ES-01..ES-28: addressType, addresses and their limits.
 * Rows that say "then" become one case per variant (ES-17a..c).
 */

const a0 = 'endpoints[0].addresses[0]';
const w5 = (value: string, canonical: string) => ({
  old: m.nonStandardIP(a0, value, canonical, 'future'),
  new: m.nonStandardIP(a0, value, canonical, 'invalid'),
});
const uptoDv = ['1.33', '1.34', '1.35', '1.36'] as const;
const sameInDv =
  '§8 item 2: 1.37 assumes the HV check is covered by declarative validation (else reported twice)';

export const sliceAddressCases: CorpusCase[] = [
  { id: 'ES-01', description: 'the base slice', manifest: slice(), expected: same(accepted()) },
  {
    id: 'ES-02',
    description: 'addressType missing',
    manifest: slice({ addressType: undefined }),
    expected: same(rejected([required('addressType', 'addressType: Required value')])),
    uncertain: true,
    uncertainty: sameInDv,
  },
  {
    id: 'ES-03',
    description: 'addressType in lower case: only addressType is reported, the bad address is not checked',
    manifest: slice({ addressType: 'ipv4', endpoints: [{ addresses: ['not-an-ip'] }] }),
    expected: same(
      rejected([notSupported('addressType', `Unsupported value: "ipv4": ${m.supportedAddressTypes}`)]),
    ),
    uncertain: true,
    uncertainty: sameInDv,
  },
  {
    id: 'ES-04',
    description: 'the old addressType IP is not supported',
    manifest: slice({ addressType: 'IP' }),
    expected: same(
      rejected([notSupported('addressType', `Unsupported value: "IP": ${m.supportedAddressTypes}`)]),
    ),
    uncertain: true,
    uncertainty: sameInDv,
  },
  {
    id: 'ES-05',
    description:
      'IPv4 octets with leading zeros: a warning before the StrictIPCIDRValidation gate, an error after',
    manifest: sliceAddresses(['010.001.002.003']),
    expected: byGate(
      accepted(w5('010.001.002.003', '10.1.2.3').old),
      rejected([invalid(a0, m.leadingZeros)]),
    ),
  },
  {
    id: 'ES-06',
    description: 'an IPv4-mapped IPv6 address in an IPv4 slice',
    manifest: sliceAddresses(['::ffff:10.1.2.3']),
    expected: byGate(accepted(w5('::ffff:10.1.2.3', '10.1.2.3').old), rejected([invalid(a0, m.ipv4Mapped)])),
  },
  {
    id: 'ES-07',
    description: 'an IPv4-mapped IPv6 address in an IPv6 slice is rejected regardless of the gate',
    manifest: sliceAddresses(['::ffff:10.1.2.3'], 'IPv6'),
    expected: same(rejected([invalid(a0, m.ipv4Mapped)])),
  },
  {
    id: 'ES-08',
    description: 'a non-canonical IPv6 address in an IPv6 slice',
    manifest: sliceAddresses(['2001:DB8:0:0:0:0:0:1'], 'IPv6'),
    expected: same(rejected([invalid(a0, 'must be in canonical form ("2001:db8::1")')])),
    uncertain: true,
    uncertainty: '§8 item 1: IPv6 EndpointSlice addresses must be canonical (S13)',
  },
  {
    id: 'ES-09',
    description: 'a canonical IPv6 address in an IPv6 slice',
    manifest: sliceAddresses(['2001:db8::1'], 'IPv6'),
    expected: same(accepted()),
  },
  {
    id: 'ES-10',
    description: 'an IPv6 address in an IPv4 slice is reported at the unindexed addresses path',
    manifest: sliceAddresses(['2001:db8::1']),
    expected: same(
      rejected([invalid('endpoints[0].addresses', 'Invalid value: "2001:db8::1": must be an IPv4 address')]),
    ),
  },
  {
    id: 'ES-11',
    description: 'an IPv4 address in an IPv6 slice is reported at the unindexed addresses path',
    manifest: sliceAddresses(['10.1.2.3'], 'IPv6'),
    expected: same(
      rejected([invalid('endpoints[0].addresses', 'Invalid value: "10.1.2.3": must be an IPv6 address')]),
    ),
  },
  {
    id: 'ES-12',
    description: 'a loopback address',
    manifest: sliceAddresses(['127.0.0.1']),
    expected: same(rejected([invalid(a0, m.loopback)])),
  },
  {
    id: 'ES-13',
    description: 'a link-local address',
    manifest: sliceAddresses(['169.254.169.254']),
    expected: same(rejected([invalid(a0, m.linkLocal)])),
  },
  {
    id: 'ES-14',
    description: 'link-local multicast is rejected; global multicast and broadcast are not',
    manifest: sliceAddresses(['224.0.0.251', '239.1.2.3', '255.255.255.255']),
    expected: same(rejected([invalid(a0, m.linkLocalMulticast)])),
  },
  {
    id: 'ES-15',
    description: 'the unspecified IPv4 address',
    manifest: sliceAddresses(['0.0.0.0']),
    expected: same(rejected([invalid(a0, m.unspecified('0.0.0.0'))])),
  },
  {
    id: 'ES-16',
    description:
      'IPv6 special ranges: unspecified, loopback, link-local, ff02:: link-local multicast; ff05::1 is fine',
    manifest: sliceAddresses(['::', '::1', 'fe80::1', 'ff02::1', 'ff05::1'], 'IPv6'),
    expected: same(
      rejected([
        invalid(a0, m.unspecified('::')),
        invalid('endpoints[0].addresses[1]', m.loopback),
        invalid('endpoints[0].addresses[2]', m.linkLocal),
        invalid('endpoints[0].addresses[3]', m.linkLocalMulticast),
      ]),
    ),
  },
  ...['10.1.2', 'fe80::1%eth0', '10.0.0.0/24'].map((address, i): CorpusCase => ({
    id: `ES-17${'abc'[i] ?? ''}`,
    description: `"${address}" is not an IP address`,
    manifest: sliceAddresses([address]),
    expected: same(rejected([invalid(a0, m.invalidIP)])),
  })),
  {
    id: 'ES-18',
    description: 'an FQDN slice with a trailing dot: accepted with the FQDN deprecation warning',
    manifest: sliceAddresses(['db.example.com.'], 'FQDN'),
    expected: same(accepted(m.fqdnDeprecated)),
  },
  {
    id: 'ES-19',
    description: 'an FQDN with one label',
    manifest: sliceAddresses(['localhost'], 'FQDN'),
    expected: same(
      rejected([
        invalid(
          a0,
          'Invalid value: "localhost": should be a domain with at least two segments separated by dots',
        ),
      ]),
    ),
  },
  {
    id: 'ES-20',
    description: 'an FQDN with upper-case letters',
    manifest: sliceAddresses(['DB.Example.com'], 'FQDN'),
    expected: same(rejected([invalid(a0, `Invalid value: "DB.Example.com": ${m.dnsSubdomainRegex}`)])),
  },
  {
    id: 'ES-21',
    description: 'an FQDN slice does not check special IP ranges',
    manifest: sliceAddresses(['127.0.0.1'], 'FQDN'),
    expected: same(accepted(m.fqdnDeprecated)),
  },
  {
    id: 'ES-22',
    description: 'an IP with leading zeros is a valid FQDN, and still warned about',
    manifest: sliceAddresses(['010.1.2.3'], 'FQDN'),
    expected: byGate(
      accepted(m.fqdnDeprecated, w5('010.1.2.3', '10.1.2.3').old),
      accepted(m.fqdnDeprecated, w5('010.1.2.3', '10.1.2.3').new),
    ),
  },
  {
    id: 'ES-23',
    description: 'an empty FQDN address',
    manifest: sliceAddresses([''], 'FQDN'),
    expected: same(rejected([required(a0, `${a0}: Required value`)])),
  },
  {
    id: 'ES-24',
    description: 'an FQDN with two trailing dots is shown with one stripped',
    manifest: sliceAddresses(['example.com..'], 'FQDN'),
    expected: same(rejected([invalid(a0, `Invalid value: "example.com.": ${m.dnsSubdomainRegex}`)])),
  },
  {
    id: 'ES-25',
    description: 'an endpoint without addresses',
    manifest: slice({ endpoints: [{ addresses: [] }] }),
    expected: groups(
      [
        ['1.33', '1.34', '1.35', '1.36'],
        rejected([required('endpoints[0].addresses', 'Required value: must contain at least 1 address')]),
      ],
      [['1.37'], rejected([required('endpoints[0].addresses', 'endpoints[0].addresses: Required value')])],
    ),
    uncertain: true,
    uncertainty: '§8 item 2: S5 wording: 1.37 declarative validation drops the detail (§1.3)',
  },
  {
    id: 'ES-26',
    description: 'an endpoint with 101 addresses',
    manifest: sliceAddresses(ipv4Range(101)),
    expected: same(
      rejected([tooMany('endpoints[0].addresses', 'Too many: 101: must have at most 100 items')]),
    ),
    uncertain: true,
    uncertainty: sameInDv,
  },
  {
    id: 'ES-27',
    description: '1000 endpoints, the maximum',
    manifest: slice({ endpoints: ipv4Range(1000).map((address) => ({ addresses: [address] })) }),
    expected: same(accepted()),
  },
  {
    id: 'ES-28',
    description: '1001 endpoints: only the count is reported, not the loopback address among them',
    manifest: slice({
      endpoints: [...ipv4Range(1000), '127.0.0.1'].map((address) => ({ addresses: [address] })),
    }),
    expected: same(rejected([tooMany('endpoints', 'Too many: 1001: must have at most 1000 items')])),
  },
  {
    id: 'ES-28b',
    description:
      '1001 endpoints, one without addresses and one with 101: 1.37 declarative validation still checks each endpoint',
    manifest: slice({
      endpoints: ipv4Range(1001).map((address, i) => ({
        addresses: i === 0 ? [] : i === 1000 ? ipv4Range(101) : [address],
      })),
    }),
    expected: groups(
      [uptoDv, rejected([tooMany('endpoints', 'Too many: 1001: must have at most 1000 items')])],
      [
        ['1.37'],
        rejected([
          tooMany('endpoints', 'Too many: 1001: must have at most 1000 items'),
          required('endpoints[0].addresses', 'endpoints[0].addresses: Required value'),
          tooMany('endpoints[1000].addresses', 'Too many: 101: must have at most 100 items'),
        ]),
      ],
    ),
  },
  {
    id: 'ES-28c',
    description: '1001 endpoints and addressType ipv4: the addressType is reported once, with the count',
    manifest: slice({
      addressType: 'ipv4',
      endpoints: ipv4Range(1001).map((address, i) => ({ addresses: i === 5 ? [] : [address] })),
    }),
    expected: groups(
      [
        uptoDv,
        rejected([
          notSupported('addressType', `Unsupported value: "ipv4": ${m.supportedAddressTypes}`),
          tooMany('endpoints', 'Too many: 1001: must have at most 1000 items'),
        ]),
      ],
      [
        ['1.37'],
        rejected([
          notSupported('addressType', `Unsupported value: "ipv4": ${m.supportedAddressTypes}`),
          tooMany('endpoints', 'Too many: 1001: must have at most 1000 items'),
          required('endpoints[5].addresses', 'endpoints[5].addresses: Required value'),
        ]),
      ],
    ),
  },
];
