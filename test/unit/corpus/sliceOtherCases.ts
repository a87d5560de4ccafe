import { namedPorts, slice, sliceAddresses, sliceEndpoint, sliceMeta, slicePorts } from './build';
import * as m from './messages';
import type { CorpusCase } from './model';
import {
  accepted,
  byGate,
  decodeError,
  duplicate,
  from136,
  groups,
  invalid,
  notFound,
  notSupported,
  rejected,
  required,
  same,
  tooMany,
} from './model';

/**
 * Spec §6.1, the EndpointSlice rows ES-29..ES-60: ports, hostname, nodeName, hints, metadata and
 * decoding. Rows that say "then" become one case per variant (ES-40a..c, ES-41a..c).
 * ES-54 (addressType changed on update) and ES-55 (ratcheting of an unchanged `endpoints` list)
 * are not here: they need an update request against a stored object, and the engine emulates
 * creates only.
 */

const a0 = 'endpoints[0].addresses[0]';
const managedByController = {
  'kubernetes.io/service-name': 'svc',
  'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
};
const uptoDv = ['1.33', '1.34', '1.35', '1.36'] as const;
const dvBeta = 'S5 wording: 1.37 declarative validation drops the detail (§1.3)';

export const sliceOtherCases: CorpusCase[] = [
  {
    id: 'ES-29',
    description: '101 ports are accepted (the server limit is 20000, not the documented 100)',
    manifest: slicePorts(namedPorts(101)),
    expected: same(accepted()),
  },
  {
    id: 'ES-30',
    description: '20001 ports',
    manifest: slicePorts(namedPorts(20001)),
    expected: same(rejected([tooMany('ports', 'Too many: 20001: must have at most 20000 items')])),
  },
  {
    id: 'ES-31',
    description: 'two unnamed ports clash on the defaulted name ""',
    manifest: slicePorts([{ port: 80 }, { port: 443 }]),
    expected: same(rejected([duplicate('ports[1].name', 'Duplicate value: ""')])),
  },
  {
    id: 'ES-32',
    description: 'two ports with the same name',
    manifest: slicePorts([
      { name: 'http', port: 80 },
      { name: 'http', port: 8080 },
    ]),
    expected: same(rejected([duplicate('ports[1].name', 'Duplicate value: "http"')])),
  },
  {
    id: 'ES-33',
    description: 'port names that are not DNS labels: upper case, underscore, dot, 64 characters',
    manifest: slicePorts(
      ['HTTP', 'my_port', 'a.b', 'a'.repeat(64)].map((name, i) => ({ name, port: 80 + i })),
    ),
    expected: same(
      rejected([
        invalid('ports[0].name', m.dnsLabelRegex),
        invalid('ports[1].name', m.dnsLabelRegex),
        invalid('ports[2].name', 'must not contain dots'),
        invalid('ports[3].name', 'must be no more than 63 characters'),
      ]),
    ),
  },
  {
    id: 'ES-34',
    description: 'EndpointSlice port numbers are not range-checked',
    manifest: slicePorts([
      { name: 'a', port: 0 },
      { name: 'b', port: 65536 },
      { name: 'c', port: -1 },
    ]),
    expected: same(accepted()),
  },
  {
    id: 'ES-35',
    description: 'protocol in lower case, and an explicit empty protocol (not defaulted)',
    manifest: slicePorts([
      { name: 'a', port: 80, protocol: 'tcp' },
      { name: 'b', port: 81, protocol: '' },
    ]),
    expected: same(
      rejected([
        notSupported('ports[0].protocol', `Unsupported value: "tcp": ${m.supportedProtocols}`),
        notSupported('ports[1].protocol', `Unsupported value: "": ${m.supportedProtocols}`),
      ]),
    ),
  },
  {
    id: 'ES-36',
    description: 'a port without name and protocol (defaulted to "" and TCP)',
    manifest: slicePorts([{ port: 80 }]),
    expected: same(accepted()),
  },
  {
    id: 'ES-37',
    description: 'valid appProtocol values',
    manifest: slicePorts(
      ['http', 'HTTP', 'kubernetes.io/h2c', 'example.com/custom'].map((appProtocol, i) => ({
        name: `p${i}`,
        port: 80 + i,
        appProtocol,
      })),
    ),
    expected: same(accepted()),
  },
  {
    id: 'ES-38',
    description: 'an empty appProtocol yields two causes',
    manifest: slicePorts([{ name: 'http', port: 80, appProtocol: '' }]),
    expected: same(
      rejected([
        invalid('ports[0].appProtocol', 'Invalid value: "": name part must be non-empty'),
        invalid('ports[0].appProtocol', `Invalid value: "": name part ${m.qualifiedNameRegex}`),
      ]),
    ),
  },
  {
    id: 'ES-39',
    description:
      'appProtocol values that are not qualified names: a space, an upper-case prefix, two slashes',
    manifest: slicePorts(
      ['my proto', 'HTTP/2', 'a/b/c'].map((appProtocol, i) => ({ name: `p${i}`, port: 80 + i, appProtocol })),
    ),
    expected: groups(
      [['1.33', '1.34'], rejected(appProtocolCauses('a qualified name'))],
      [['1.35', ...from136], rejected(appProtocolCauses('a valid label key'))],
    ),
  },
  ...(['Web_1', 'web.1', ''] as const).map((hostname, i): CorpusCase => ({
    id: `ES-40${'abc'[i] ?? ''}`,
    description: `hostname ${JSON.stringify(hostname)} is not a DNS label`,
    manifest: sliceEndpoint({ hostname }),
    expected: same(
      rejected([
        invalid('endpoints[0].hostname', hostname === 'web.1' ? 'must not contain dots' : m.dnsLabelRegex),
      ]),
    ),
  })),
  ...(['node_1', ''] as const).map((nodeName, i): CorpusCase => ({
    id: `ES-41${'ab'[i] ?? ''}`,
    description: `nodeName ${JSON.stringify(nodeName)} is not a DNS subdomain`,
    manifest: sliceEndpoint({ nodeName }),
    expected: same(rejected([invalid('endpoints[0].nodeName', m.dnsSubdomainRegex)])),
  })),
  {
    id: 'ES-41c',
    description: 'nodeName "node-1.example.com" is a DNS subdomain',
    manifest: sliceEndpoint({ nodeName: 'node-1.example.com' }),
    expected: same(accepted()),
  },
  {
    id: 'ES-42',
    description: 'zone is not validated',
    manifest: sliceEndpoint({ zone: 'Not A Zone!' }),
    expected: same(accepted()),
  },
  {
    id: 'ES-43',
    description: 'a zone hint given twice',
    manifest: sliceEndpoint({ hints: { forZones: [{ name: 'a' }, { name: 'b' }, { name: 'a' }] } }),
    expected: same(rejected([duplicate('endpoints[0].hints.forZones[2].name', 'Duplicate value: "a"')])),
  },
  {
    id: 'ES-44',
    description: 'a zone hint that is not a label value; an empty zone name is allowed',
    manifest: sliceEndpoint({ hints: { forZones: [{ name: 'inv@lid' }, {}] } }),
    expected: same(rejected([invalid('endpoints[0].hints.forZones[0].name', m.labelValueRegex)])),
  },
  {
    id: 'ES-45',
    description: '9 zone hints stop all further hint checks (the bad node hint is not reported)',
    manifest: sliceEndpoint({
      hints: {
        forZones: Array.from({ length: 9 }, (_, i) => ({ name: `zone-${i}` })),
        forNodes: [{ name: 'BAD' }],
      },
    }),
    expected: same(
      rejected([tooMany('endpoints[0].hints.forZones', 'Too many: 9: must have at most 8 items')]),
    ),
  },
  {
    id: 'ES-46',
    description:
      'node hints: dropped unvalidated in 1.33, validated from 1.34 (duplicate, empty, not a subdomain)',
    manifest: sliceEndpoint({
      hints: { forNodes: [{ name: 'n1' }, { name: 'n1' }, { name: '' }, { name: 'N_2' }] },
    }),
    expected: groups(
      [['1.33'], accepted()],
      [
        ['1.34', '1.35', ...from136],
        rejected([
          duplicate('endpoints[0].hints.forNodes[1].name', 'Duplicate value: "n1"'),
          invalid('endpoints[0].hints.forNodes[2].name', m.dnsSubdomainRegex),
          invalid('endpoints[0].hints.forNodes[3].name', m.dnsSubdomainRegex),
        ]),
      ],
    ),
  },
  {
    id: 'ES-47',
    description: 'deprecatedTopology is dropped before validation, even with an invalid key',
    manifest: sliceEndpoint({ deprecatedTopology: { '--bad': 'x' } }),
    expected: same(accepted()),
  },
  {
    id: 'ES-48',
    description: 'a name that is not a DNS subdomain',
    manifest: sliceMeta({ name: 'My_Slice' }),
    expected: same(rejected([invalid('metadata.name', m.dnsSubdomainRegex)])),
  },
  {
    id: 'ES-48b',
    description: 'a namespace with a dot: the namespace in the URL does not exist, so 404 before validation',
    manifest: sliceMeta({ namespace: 'foo.bar' }),
    expected: same(notFound('namespaces "foo.bar" not found')),
  },
  {
    id: 'ES-48c',
    description: 'a 64-character namespace and a bad name: only the 404, the name is never validated',
    manifest: sliceMeta({ namespace: 'a'.repeat(64), name: 'My_Slice' }),
    expected: same(notFound(`namespaces "${'a'.repeat(64)}" not found`)),
  },
  {
    id: 'ES-48d',
    description: 'a namespace that cannot exist, and an unknown field: decoding fails first',
    manifest: `${sliceMeta({ namespace: 'no@#invalid' })}spec: {}\n`,
    expected: same(decodeError('strict decoding error: unknown field "spec"')),
  },
  {
    id: 'ES-48e',
    description: 'a namespace with a slash: kubectl cannot put it in a URL and sends nothing',
    manifest: `${sliceMeta({ namespace: 'team/a' })}spec: {}\n`,
    expected: same(decodeError(`invalid namespace "team/a": [may not contain '/']`)),
  },
  {
    id: 'ES-49',
    description: 'generateName instead of name',
    manifest: sliceMeta({ name: undefined, generateName: 'web-' }),
    expected: same(accepted()),
  },
  {
    id: 'ES-50',
    description: 'a bad generateName is reported on generateName and on the generated name',
    manifest: sliceMeta({ name: undefined, generateName: 'Web-' }),
    expected: same(
      rejected([
        invalid('metadata.generateName', m.dnsSubdomainRegex),
        invalid('metadata.name', m.dnsSubdomainRegex),
      ]),
    ),
  },
  {
    id: 'ES-51',
    description: 'a label value of 64 characters and a label key starting with "-"',
    manifest: sliceMeta({ labels: { 'kubernetes.io/service-name': 's'.repeat(64), '-bad': 'x' } }),
    expected: groups(
      [['1.33', '1.34'], rejected(labelCauses('characters'))],
      [['1.35', ...from136], rejected(labelCauses('bytes'))],
    ),
  },
  {
    id: 'ES-52',
    description: 'a finalizer that is neither standard nor domain-qualified',
    manifest: sliceMeta({ finalizers: ['cleanup'] }),
    expected: same(
      rejected([
        invalid(
          'metadata.finalizers[0]',
          'name is neither a standard finalizer name nor is it fully qualified',
        ),
      ]),
    ),
  },
  {
    id: 'ES-53',
    description:
      'ES-05 in a slice labelled as managed by the EndpointSlice controller: no warning, same errors',
    manifest: sliceMeta({ labels: managedByController }, { endpoints: [{ addresses: ['010.001.002.003'] }] }),
    expected: byGate(accepted(), rejected([invalid(a0, m.leadingZeros)])),
  },
  // ES-54 (addressType changed on update) and ES-55 (ratcheting) need an update request.
  {
    id: 'ES-56',
    description: 'discovery.k8s.io/v1beta1 is not served',
    manifest: slice({ apiVersion: 'discovery.k8s.io/v1beta1' }),
    expected: same(notFound('no matches for kind "EndpointSlice" in version "discovery.k8s.io/v1beta1"')),
  },
  {
    id: 'ES-57',
    description: 'the endpoints key omitted entirely',
    manifest: slice({ endpoints: undefined }),
    expected: same(accepted()),
  },
  {
    id: 'ES-58',
    description: 'an unknown field (ip instead of addresses) under strict field validation',
    manifest: slice({ endpoints: [{ ip: '10.1.2.3' }] }),
    expected: same(decodeError('strict decoding error: unknown field "endpoints[0].ip"')),
  },
  {
    id: 'ES-58w',
    description: 'ES-58 with fieldValidation=Warn: a warning, and validation goes on to find no addresses',
    manifest: slice({ endpoints: [{ ip: '10.1.2.3' }] }),
    fieldValidation: 'Warn',
    expected: groups(
      [
        uptoDv,
        rejected(
          [required('endpoints[0].addresses', 'Required value: must contain at least 1 address')],
          'unknown field "endpoints[0].ip"',
        ),
      ],
      [
        ['1.37'],
        rejected(
          [required('endpoints[0].addresses', 'endpoints[0].addresses: Required value')],
          'unknown field "endpoints[0].ip"',
        ),
      ],
    ),
    uncertain: true,
    uncertainty: `§8 item 2: ${dvBeta}`,
  },
  {
    id: 'ES-59',
    description: 'a port number given as a string fails to decode',
    manifest: slicePorts([{ name: 'a', port: '80' }]),
    expected: same(
      decodeError('json: cannot unmarshal string into Go struct field EndpointPort.ports.port of type int32'),
    ),
  },
  {
    id: 'ES-60',
    description: 'duplicate addresses in one endpoint are not validated',
    manifest: sliceAddresses(['10.1.2.3', '10.1.2.3']),
    expected: same(accepted()),
    uncertain: true,
    uncertainty: '§8 item 6: duplicates in a +listType=set list (checked here with create only)',
  },
];

function appProtocolCauses(threePartHead: 'a qualified name' | 'a valid label key') {
  return [
    invalid('ports[0].appProtocol', `Invalid value: "my proto": name part ${m.qualifiedNameRegex}`),
    invalid('ports[1].appProtocol', `Invalid value: "HTTP/2": prefix part ${m.dnsSubdomainRegex}`),
    invalid('ports[2].appProtocol', `Invalid value: "a/b/c": ${m.threePartKey(threePartHead)}`),
  ];
}

function labelCauses(unit: 'characters' | 'bytes') {
  return [
    invalid('metadata.labels', `Invalid value: "${'s'.repeat(64)}": must be no more than 63 ${unit}`),
    invalid('metadata.labels', `Invalid value: "-bad": name part ${m.qualifiedNameRegex}`),
  ];
}
