import {
  endpoints,
  endpointsMeta,
  slice,
  sliceAddresses,
  sliceEndpoint,
  sliceMeta,
  slicePorts,
  subset,
  toYaml,
} from '../unit/corpus/build';
import type { YamlMap } from '../unit/corpus/build';
import { ownershipVariations } from './ownershipVariations';
import { requestVariations } from './variationsRequest';

/**
 * Generated variations of the two valid base manifests, for the fidelity suite: each changes one
 * thing (an address, a port, a name, a label, a dropped field, a wrong type). They are generated
 * from fixed lists, so every run sends the same cases, and each is one small file the real
 * apiserver and the engine both judge.
 */
export interface Variation {
  id: string;
  text: string;
}

const addressSamples = [
  '10.1.2.3',
  '10.1.2.300',
  '010.1.2.3',
  '10.01.2.3',
  '0010.1.2.3',
  '10.1.2',
  '10.1.2.3.4',
  ' 10.1.2.3',
  '10.1.2.3 ',
  '::ffff:10.1.2.3',
  '::ffff:127.0.0.1',
  '::ffff:0a01:0203',
  '::10.1.2.3',
  '0.0.0.0',
  '127.0.0.1',
  '127.255.255.254',
  '169.254.1.1',
  '224.0.0.1',
  '224.0.0.255',
  '224.0.1.1',
  '239.255.255.250',
  '255.255.255.255',
  '192.168.1.1',
  '100.64.0.1',
  '2001:db8::1',
  '2001:DB8::1',
  '2001:db8:0:0:0:0:0:1',
  '2001:db8::0:1',
  '2001:0db8::1',
  '2001:db8::00001',
  '::',
  '::1',
  '::0:1',
  'fe80::1',
  'fe80::1%eth0',
  'febf::1',
  'fec0::1',
  'ff02::1',
  'ff12::1',
  'ff05::1',
  'ff01::1',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  '1::2::3',
  '2001:db8::10.1.2.3',
  '::ffff:010.1.2.3',
  '10.0.0.0/24',
  '',
  'example.com',
  'example.com.',
  'db.example.com..',
  'localhost',
  'a.b',
  'DB.example.com',
  'my_host.example.com',
  `${'a'.repeat(64)}.example.com`,
  '-bad.example.com',
  '1.2.3.4.example.com',
];

const addressTypes = ['IPv4', 'IPv6', 'FQDN'];

function addressVariations(): Variation[] {
  return addressTypes.flatMap((type) =>
    addressSamples.map((address, i) => ({ id: `addr-${type}-${i}`, text: sliceAddresses([address], type) })),
  );
}

const endpointsIPSamples = addressSamples.filter(
  (a) => !a.includes('example') && a !== 'localhost' && a !== 'a.b',
);

function endpointsAddressVariations(): Variation[] {
  return endpointsIPSamples.flatMap((ip, i) => [
    { id: `ep-ip-${i}`, text: subset({ addresses: [{ ip }] }) },
    { id: `ep-notready-ip-${i}`, text: subset({ addresses: undefined, notReadyAddresses: [{ ip }] }) },
  ]);
}

const portNames = [
  'http',
  'HTTP',
  'my_port',
  'a.b',
  'a'.repeat(63),
  'a'.repeat(64),
  '-x',
  'x-',
  '1',
  'web-8080',
  '',
];
const protocols = ['TCP', 'UDP', 'SCTP', 'tcp', 'HTTP', ''];
const appProtocols = [
  'http',
  'HTTP',
  'kubernetes.io/h2c',
  'kubernetes.io/ws',
  'example.com/custom',
  '',
  'my proto',
  'HTTP/2',
  'a/b/c',
  '/x',
  'x/',
  `${'a'.repeat(64)}`,
  'Example.com/x',
];
const portNumbers = [0, 1, 80, 65535, 65536, -1, 2147483647];

function portVariations(): Variation[] {
  const out: Variation[] = [];
  portNames.forEach((name, i) => {
    out.push({ id: `slice-port-name-${i}`, text: slicePorts([{ name, port: 80 }]) });
    out.push({ id: `ep-port-name-${i}`, text: subset({ ports: [{ name, port: 80 }] }) });
    out.push({
      id: `ep-port-name-multi-${i}`,
      text: subset({
        ports: [
          { name, port: 80 },
          { name: 'other', port: 81 },
        ],
      }),
    });
  });
  protocols.forEach((protocol, i) => {
    out.push({ id: `slice-protocol-${i}`, text: slicePorts([{ name: 'a', port: 80, protocol }]) });
    out.push({ id: `ep-protocol-${i}`, text: subset({ ports: [{ name: 'a', port: 80, protocol }] }) });
  });
  appProtocols.forEach((appProtocol, i) => {
    out.push({ id: `slice-appprotocol-${i}`, text: slicePorts([{ name: 'a', port: 80, appProtocol }]) });
    out.push({ id: `ep-appprotocol-${i}`, text: subset({ ports: [{ name: 'a', port: 80, appProtocol }] }) });
  });
  portNumbers.forEach((port, i) => {
    out.push({ id: `slice-port-number-${i}`, text: slicePorts([{ name: 'a', port }]) });
    out.push({ id: `ep-port-number-${i}`, text: subset({ ports: [{ name: 'a', port }] }) });
  });
  out.push({ id: 'slice-ports-unnamed-pair', text: slicePorts([{ port: 80 }, { port: 81 }]) });
  out.push({
    id: 'slice-ports-named-and-unnamed',
    text: slicePorts([{ name: 'a', port: 80 }, { port: 81 }]),
  });
  out.push({
    id: 'slice-ports-empty-name-and-unnamed',
    text: slicePorts([{ name: '', port: 80 }, { port: 81 }]),
  });
  out.push({
    id: 'ep-ports-duplicate-names',
    text: subset({
      ports: [
        { name: 'a', port: 80 },
        { name: 'a', port: 81 },
      ],
    }),
  });
  out.push({ id: 'ep-port-missing-number', text: subset({ ports: [{ name: 'a' }] }) });
  return out;
}

const dnsValues = [
  'node-1',
  'node-1.example.com',
  'Node-1',
  'node_1',
  '',
  'a'.repeat(63),
  'a'.repeat(64),
  `${'a'.repeat(250)}.com`,
  'web.1',
  '-a',
  'a-',
];
const labelValues = [
  'svc',
  '',
  'a'.repeat(63),
  'a'.repeat(64),
  'has space',
  '-lead',
  'trail-',
  'a.b_c-d',
  'UPPER',
];
const labelKeys = [
  'app',
  'example.com/app',
  'a/b/c',
  '/app',
  'example.com/',
  '-bad',
  'Example.COM/app',
  `${'a'.repeat(64)}`,
  `${'a'.repeat(254)}/x`,
  'kubernetes.io/service-name',
];

function endpointFieldVariations(): Variation[] {
  const out: Variation[] = [];
  dnsValues.forEach((value, i) => {
    out.push({ id: `slice-hostname-${i}`, text: sliceEndpoint({ hostname: value }) });
    out.push({ id: `slice-nodename-${i}`, text: sliceEndpoint({ nodeName: value }) });
    out.push({ id: `slice-fornodes-${i}`, text: sliceEndpoint({ hints: { forNodes: [{ name: value }] } }) });
    out.push({ id: `ep-hostname-${i}`, text: subset({ addresses: [{ ip: '10.1.2.3', hostname: value }] }) });
    out.push({ id: `ep-nodename-${i}`, text: subset({ addresses: [{ ip: '10.1.2.3', nodeName: value }] }) });
  });
  labelValues.forEach((value, i) => {
    out.push({ id: `slice-forzones-${i}`, text: sliceEndpoint({ hints: { forZones: [{ name: value }] } }) });
    out.push({ id: `slice-zone-${i}`, text: sliceEndpoint({ zone: value }) });
  });
  out.push({
    id: 'slice-conditions',
    text: sliceEndpoint({ conditions: { ready: false, serving: true, terminating: true } }),
  });
  out.push({
    id: 'slice-targetref',
    text: sliceEndpoint({ targetRef: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u' } }),
  });
  out.push({
    id: 'slice-forzones-count-8',
    text: sliceEndpoint({ hints: { forZones: Array.from({ length: 8 }, (_, i) => ({ name: `z${i}` })) } }),
  });
  out.push({
    id: 'slice-fornodes-count-9',
    text: sliceEndpoint({ hints: { forNodes: Array.from({ length: 9 }, (_, i) => ({ name: `n${i}` })) } }),
  });
  out.push({
    id: 'slice-addresses-100',
    text: slice({ endpoints: [{ addresses: Array.from({ length: 100 }, (_, i) => `10.2.0.${i + 1}`) }] }),
  });
  out.push({
    id: 'slice-two-endpoints-mixed',
    text: slice({ endpoints: [{ addresses: ['10.1.2.3'] }, { addresses: ['2001:db8::1'] }] }),
  });
  return out;
}

function metadataVariations(): Variation[] {
  const out: Variation[] = [];
  const names = [
    'web',
    'web.example',
    'Web',
    'web_1',
    'a'.repeat(253),
    'a'.repeat(254),
    '-web',
    'web-',
    '1web',
    'web..x',
  ];
  names.forEach((name, i) => {
    out.push({ id: `slice-name-${i}`, text: sliceMeta({ name }) });
    out.push({ id: `ep-name-${i}`, text: endpointsMeta({ name }) });
  });
  ['web-', 'Web-', 'web', 'a'.repeat(70), 'x_'].forEach((generateName, i) => {
    out.push({ id: `slice-generatename-${i}`, text: sliceMeta({ name: undefined, generateName }) });
  });
  out.push({ id: 'slice-no-name', text: sliceMeta({ name: undefined }) });
  labelKeys.forEach((key, i) =>
    out.push({
      id: `slice-label-key-${i}`,
      text: sliceMeta({ labels: { 'kubernetes.io/service-name': 'svc', [key]: 'v' } }),
    }),
  );
  labelValues.forEach((value, i) =>
    out.push({
      id: `slice-label-value-${i}`,
      text: sliceMeta({ labels: { 'kubernetes.io/service-name': value } }),
    }),
  );
  labelKeys.forEach((key, i) =>
    out.push({ id: `ep-annotation-key-${i}`, text: endpointsMeta({ annotations: { [key]: 'v' } }) }),
  );
  out.push({ id: 'slice-annotation-upper', text: sliceMeta({ annotations: { 'Example.COM/Key': 'v' } }) });
  out.push({
    id: 'slice-annotations-too-long',
    text: sliceMeta({ annotations: { big: 'x'.repeat(262_145) } }),
  });
  const finalizers = [
    ['kubernetes'],
    ['orphan'],
    ['foregroundDeletion'],
    ['example.com/cleanup'],
    ['cleanup'],
    ['orphan', 'foregroundDeletion'],
    ['a/b/c'],
    ['Example.com/x'],
  ];
  finalizers.forEach((list, i) =>
    out.push({ id: `ep-finalizers-${i}`, text: endpointsMeta({ finalizers: list }) }),
  );
  const owner = {
    apiVersion: 'v1',
    kind: 'Service',
    name: 'svc',
    uid: '6d1f0c5e-0000-4000-8000-000000000001',
  };
  const owners: YamlMap[][] = [
    [owner],
    [{ ...owner, apiVersion: '' }],
    [{ ...owner, kind: undefined }],
    [{ ...owner, name: '' }],
    [{ ...owner, uid: undefined }],
    [
      { ...owner, controller: true },
      { ...owner, name: 'b', controller: true },
    ],
    [{ ...owner, kind: 'Event' }],
    [{ ...owner, apiVersion: 'a/b/c' }],
  ];
  owners.forEach((list, i) =>
    out.push({ id: `slice-owners-${i}`, text: sliceMeta({ ownerReferences: list }) }),
  );
  out.push({ id: 'slice-generation-negative', text: sliceMeta({ generation: -1 }) });
  out.push({ id: 'ep-generation-negative', text: endpointsMeta({ generation: -1 }) });
  return out;
}

function structureVariations(): Variation[] {
  const base = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'es-base', namespace: 'default', labels: { 'kubernetes.io/service-name': 'svc' } },
  };
  const raw = (id: string, body: string): Variation => ({ id, text: `${toYaml(base)}${body}` });
  return [
    { id: 'slice-no-endpoints', text: slice({ endpoints: undefined }) },
    { id: 'slice-empty-endpoints', text: slice({ endpoints: [] }) },
    { id: 'slice-no-ports', text: slice({ ports: undefined }) },
    { id: 'slice-endpoint-no-addresses', text: slice({ endpoints: [{ hostname: 'a' }] }) },
    { id: 'ep-no-subsets', text: endpoints({ subsets: undefined }) },
    { id: 'ep-subset-only-ports', text: subset({ addresses: undefined }) },
    raw('decode-addresses-scalar', 'addressType: IPv4\nendpoints:\n- addresses: "10.1.2.3"\n'),
    raw('decode-endpoints-map', 'addressType: IPv4\nendpoints: {addresses: ["10.1.2.3"]}\n'),
    raw('decode-address-number', 'addressType: IPv4\nendpoints:\n- addresses: [1]\n'),
    raw(
      'decode-ready-string',
      'addressType: IPv4\nendpoints:\n- addresses: ["10.1.2.3"]\n  conditions: {ready: "true"}\n',
    ),
    raw(
      'decode-ready-yes',
      'addressType: IPv4\nendpoints:\n- addresses: ["10.1.2.3"]\n  conditions: {ready: yes}\n',
    ),
    raw('decode-port-float', 'addressType: IPv4\nports: [{name: a, port: 80.5}]\n'),
    raw('decode-port-float-whole', 'addressType: IPv4\nports: [{name: a, port: 80.0}]\n'),
    raw('decode-port-overflow', 'addressType: IPv4\nports: [{name: a, port: 99999999999}]\n'),
    raw('decode-port-hex', 'addressType: IPv4\nports: [{name: a, port: 0x50}]\n'),
    raw(
      'decode-hostname-number',
      'addressType: IPv4\nendpoints:\n- addresses: ["10.1.2.3"]\n  hostname: 123\n',
    ),
    raw('decode-addresstype-number', 'addressType: 4\n'),
    {
      id: 'decode-metadata-scalar',
      text: 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: x\naddressType: IPv4\n',
    },
    raw('unknown-top', 'addressType: IPv4\nspec: {}\n'),
    raw('unknown-port', 'addressType: IPv4\nports: [{name: a, port: 80, targetPort: 8080}]\n'),
    raw('unknown-case', 'AddressType: IPv4\naddressType: IPv4\n'),
    raw(
      'unknown-conditions',
      'addressType: IPv4\nendpoints:\n- addresses: ["10.1.2.3"]\n  conditions: {healthy: true}\n',
    ),
    raw('duplicate-field', 'addressType: IPv4\naddressType: IPv6\n'),
    raw('duplicate-last-wins', 'addressType: IPv4\naddressType: ipv6\n'),
    raw('duplicate-first-wins', 'addressType: ipv6\naddressType: IPv4\n'),
    raw(
      'merge-key',
      'addressType: IPv4\nendpoints:\n- &e {addresses: ["10.1.2.3"]}\n- {<<: *e, hostname: b}\n',
    ),
    { id: 'ep-decode-port-string', text: endpoints().replace('port: 80', 'port: "80"') },
    { id: 'ep-decode-ip-number', text: endpoints().replace('ip: "10.1.2.3"', 'ip: 10') },
    { id: 'ep-unknown-field', text: endpoints().replace('ports:', 'extra: 1\n    ports:') },
  ];
}

export function generatedVariations(): Variation[] {
  return [
    ...addressVariations(),
    ...endpointsAddressVariations(),
    ...portVariations(),
    ...endpointFieldVariations(),
    ...metadataVariations(),
    ...structureVariations(),
    ...ownershipVariations(),
    ...requestVariations(),
  ];
}
