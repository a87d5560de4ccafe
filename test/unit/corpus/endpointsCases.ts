import { endpoints, endpointsMeta, ipv4Range, subset } from './build';
import * as m from './messages';
import type { CorpusCase } from './model';
import { accepted, byGate, invalid, notFound, notSupported, rejected, required, same } from './model';

/**
 * Spec §6.2, the v1 Endpoints rows. Every request for v1 Endpoints, rejected ones included,
 * carries the deprecation warning W1, so it is part of every expectation below. EP-27 (a PUT that
 * creates a missing Endpoints) is not here: it needs an update request, and the engine emulates
 * creates only.
 */

const w1 = m.endpointsDeprecated;
const ip0 = 'subsets[0].addresses[0].ip';
const notReady0 = 'subsets[0].notReadyAddresses[0].ip';
/** E2: an IP that does not parse is reported twice at the same path. */
const unparsable = (value: string) => [
  invalid(ip0, `Invalid value: ${JSON.stringify(value)}: ${m.invalidIP}`),
  invalid(ip0, `Invalid value: ${JSON.stringify(value)}: ${m.invalidIPBare}`),
];
const leadingZeroWarning = m.nonStandardIP(ip0, '010.1.2.3', '10.1.2.3', 'future');
const managedByController = { 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };

export const endpointsCases: CorpusCase[] = [
  {
    id: 'EP-01',
    description: 'the base Endpoints: accepted with the deprecation warning',
    manifest: endpoints(),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-02',
    description: 'a subset with ports but no addresses',
    manifest: endpoints({ subsets: [{ ports: [{ port: 80 }] }] }),
    expected: same(
      rejected(
        [
          required(
            'subsets[0]',
            'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
          ),
        ],
        w1,
      ),
    ),
  },
  {
    id: 'EP-03a',
    description: 'no subsets',
    manifest: endpoints({ subsets: undefined }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-03b',
    description: 'an empty subsets list',
    manifest: endpoints({ subsets: [] }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-04',
    description: 'a subset with only notReadyAddresses and no ports',
    manifest: endpoints({ subsets: [{ notReadyAddresses: [{ ip: '10.1.2.3' }] }] }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-05',
    description: 'an IP that does not parse is reported twice',
    manifest: subset({ addresses: [{ ip: '10.1.2.300' }] }),
    expected: same(rejected(unparsable('10.1.2.300'), w1)),
  },
  {
    id: 'EP-06',
    description: 'an address without ip is reported twice with the value ""',
    manifest: subset({ addresses: [{}] }),
    expected: same(rejected(unparsable(''), w1)),
  },
  {
    id: 'EP-07',
    description: 'an IP with leading zeros: a warning before the StrictIPCIDRValidation gate, an error after',
    manifest: subset({ addresses: [{ ip: '010.1.2.3' }] }),
    expected: byGate(accepted(w1, leadingZeroWarning), rejected([invalid(ip0, m.leadingZeros)], w1)),
  },
  {
    id: 'EP-08',
    description: 'an IPv4-mapped IPv6 not-ready address',
    manifest: subset({ notReadyAddresses: [{ ip: '::ffff:10.1.2.3' }] }),
    expected: byGate(
      accepted(w1, m.nonStandardIP(notReady0, '::ffff:10.1.2.3', '10.1.2.3', 'future')),
      rejected([invalid(notReady0, m.ipv4Mapped)], w1),
    ),
  },
  {
    id: 'EP-09',
    description: 'an IPv4-mapped loopback address is loopback; from 1.36 it is also rejected as IPv4-mapped',
    manifest: subset({ addresses: [{ ip: '::ffff:127.0.0.1' }] }),
    expected: byGate(
      rejected([invalid(ip0, m.loopback)], w1),
      rejected([invalid(ip0, m.ipv4Mapped), invalid(ip0, m.loopback)], w1),
    ),
  },
  {
    id: 'EP-10',
    description: 'a non-canonical IPv6 address is only warned about in Endpoints (contrast ES-08)',
    manifest: subset({ addresses: [{ ip: '2001:DB8:0:0:0:0:0:1' }] }),
    expected: same(accepted(w1, m.nonCanonicalIPv6(ip0, '2001:DB8:0:0:0:0:0:1', '2001:db8::1'))),
  },
  {
    id: 'EP-11',
    description: 'unspecified, loopback, link-local and link-local multicast (IPv4 and IPv6) addresses',
    manifest: subset({
      addresses: ['0.0.0.0', '127.0.0.2', '169.254.1.1', '224.0.0.5', 'ff02::2'].map((ip) => ({ ip })),
    }),
    expected: same(
      rejected(
        [
          invalid(ip0, m.unspecified('0.0.0.0')),
          invalid('subsets[0].addresses[1].ip', m.loopback),
          invalid('subsets[0].addresses[2].ip', m.linkLocal),
          invalid('subsets[0].addresses[3].ip', m.linkLocalMulticast),
          invalid('subsets[0].addresses[4].ip', m.linkLocalMulticast),
        ],
        w1,
      ),
    ),
  },
  {
    id: 'EP-12',
    description: 'IPv4 and IPv6 addresses in one subset (no family check)',
    manifest: subset({ addresses: [{ ip: '10.1.2.3' }, { ip: '2001:db8::1' }] }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-13',
    description: 'an unnamed port in a subset with two ports',
    manifest: subset({ ports: [{ name: 'http', port: 80 }, { port: 443 }] }),
    expected: same(
      rejected([required('subsets[0].ports[1].name', 'subsets[0].ports[1].name: Required value')], w1),
    ),
  },
  {
    id: 'EP-14',
    description: 'a single unnamed port',
    manifest: subset({ ports: [{ port: 80 }] }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-15',
    description: 'two ports with the same name (not checked for Endpoints, contrast ES-32)',
    manifest: subset({
      ports: [
        { name: 'http', port: 80 },
        { name: 'http', port: 8080 },
      ],
    }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-16',
    description: 'port numbers 0, omitted (0) and 65536',
    manifest: subset({ ports: [{ name: 'a', port: 0 }, { name: 'b' }, { name: 'c', port: 65536 }] }),
    expected: same(
      rejected(
        [
          invalid('subsets[0].ports[0].port', 'Invalid value: 0: must be between 1 and 65535, inclusive'),
          invalid('subsets[0].ports[1].port', 'Invalid value: 0: must be between 1 and 65535, inclusive'),
          invalid('subsets[0].ports[2].port', 'Invalid value: 65536: must be between 1 and 65535, inclusive'),
        ],
        w1,
      ),
    ),
  },
  {
    id: 'EP-17',
    description: 'a protocol in lower case',
    manifest: subset({ ports: [{ port: 80, protocol: 'udp' }] }),
    expected: same(
      rejected(
        [notSupported('subsets[0].ports[0].protocol', `Unsupported value: "udp": ${m.supportedProtocols}`)],
        w1,
      ),
    ),
  },
  {
    id: 'EP-18',
    description: 'an empty protocol is defaulted to TCP',
    manifest: subset({ ports: [{ port: 80, protocol: '' }] }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-19',
    description: 'an empty appProtocol yields two causes',
    manifest: subset({ ports: [{ port: 80, appProtocol: '' }] }),
    expected: same(
      rejected(
        [
          invalid('subsets[0].ports[0].appProtocol', 'Invalid value: "": name part must be non-empty'),
          invalid('subsets[0].ports[0].appProtocol', `Invalid value: "": name part ${m.qualifiedNameRegex}`),
        ],
        w1,
      ),
    ),
  },
  {
    id: 'EP-20a',
    description: 'a hostname that is not a DNS label',
    manifest: subset({ addresses: [{ ip: '10.1.2.3', hostname: 'Web1' }] }),
    expected: same(rejected([invalid('subsets[0].addresses[0].hostname', m.dnsLabelRegex)], w1)),
  },
  {
    id: 'EP-20b',
    description: 'an empty hostname is skipped',
    manifest: subset({ addresses: [{ ip: '10.1.2.3', hostname: '' }] }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-21',
    description: 'an empty nodeName is checked (contrast EP-20b)',
    manifest: subset({ addresses: [{ ip: '10.1.2.3', nodeName: '' }] }),
    expected: same(rejected([invalid('subsets[0].addresses[0].nodeName', m.dnsSubdomainRegex)], w1)),
  },
  {
    id: 'EP-22',
    description: 'targetRef is not validated',
    manifest: subset({ addresses: [{ ip: '10.1.2.3', targetRef: { kind: '???' } }] }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-23',
    description: '1001 addresses in one subset (only the Endpoints controller truncates at 1000)',
    manifest: subset({ addresses: ipv4Range(1001).map((ip) => ({ ip })) }),
    expected: same(accepted(w1)),
    uncertain: true,
    uncertainty: '§8 item 4: no 1000-address limit on Endpoints in validation',
  },
  {
    id: 'EP-24',
    description: 'EP-07 labelled as managed by the Endpoints controller: no IP warning, same errors',
    manifest: endpoints({
      metadata: { name: 'ep-base', namespace: 'default', labels: managedByController },
      subsets: [{ addresses: [{ ip: '010.1.2.3' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
    }),
    expected: byGate(accepted(w1), rejected([invalid(ip0, m.leadingZeros)], w1)),
  },
  {
    id: 'EP-25',
    description: 'a name with a dot (a DNS subdomain is enough)',
    manifest: endpointsMeta({ name: 'my.service' }),
    expected: same(accepted(w1)),
  },
  {
    id: 'EP-26',
    description: 'a name with upper-case letters',
    manifest: endpointsMeta({ name: 'My-Service' }),
    expected: same(rejected([invalid('metadata.name', m.dnsSubdomainRegex)], w1)),
  },
  {
    id: 'EP-26b',
    description: 'a namespace with invalid characters: 404 before validation, with the deprecation warning',
    manifest: endpoints({
      metadata: { name: 'ep-base', namespace: 'no@#invalid' },
      subsets: [{ addresses: [{ ip: '10.1.2.300' }] }],
    }),
    expected: same(notFound('namespaces "no@#invalid" not found', w1)),
  },
  // EP-27 (PUT to a missing Endpoints creates it) needs an update request.
];
