import { endpoints, endpointsMeta, ipv4Range, slice, sliceMeta, toYaml } from '../unit/corpus/build';
import type { YamlMap } from '../unit/corpus/build';
import type { Variation } from './variations';

/**
 * Generated variations for the two classes where what the apiserver checks depends on more than
 * the fields' own rules: the namespace of the request (a name no namespace can have fails with
 * 404 before validation) and slices over the 1,000-endpoint limit (the hand-written validation
 * stops at "Too many", 1.37's declarative validation goes on through every endpoint).
 */

/** Names no namespace can have (not lowercase RFC 1123 labels), sent as they are by kubectl. */
const impossibleNamespaces = [
  'foo.bar',
  'a'.repeat(64),
  'no@#invalid',
  'Default',
  'UPPER',
  'my_ns',
  '-lead',
  'trail-',
  'has space',
  'kube.system',
  'ns.example.com',
  '1.2.3.4',
  'a..b',
  'x?y',
  'ünicode',
  `${'b'.repeat(63)}.c`,
];

/** Names kubectl cannot put in a URL: it refuses them itself and sends nothing. */
const unsendableNamespaces = ['.', '..', 'a/b', '50%', 'a/b%c', '%2F', '/'];

/** Valid names that exist on every cluster. */
const existingNamespaces = ['default', 'kube-system'];
/**
 * Valid names the test cluster has no namespace for: the server answers 404 and the engine stays
 * silent, because whether a namespace exists is the cluster's business (known-differences.json).
 */
const missingNamespaces = ['a'.repeat(63), 'no-such-namespace'];

function namespaceVariations(): Variation[] {
  const out: Variation[] = [];
  const both = (id: string, namespace: string): void => {
    out.push({ id: `ns-slice-${id}`, text: sliceMeta({ namespace }) });
    out.push({ id: `ns-ep-${id}`, text: endpointsMeta({ namespace }) });
  };
  impossibleNamespaces.forEach((namespace, i) => both(`${i}`, namespace));
  existingNamespaces.forEach((namespace, i) => both(`exists-${i}`, namespace));
  missingNamespaces.forEach((namespace, i) => both(`missing-${i}`, namespace));
  unsendableNamespaces.forEach((namespace, i) => both(`unsendable-${i}`, namespace));
  // kubectl refuses before anything reaches the server's decoder.
  out.push({ id: 'ns-slice-unsendable-unknown-field', text: `${sliceMeta({ namespace: 'a/b' })}spec: {}\n` });
  // With other problems: validation never runs, decoding still comes first.
  impossibleNamespaces.slice(0, 4).forEach((namespace, i) => {
    out.push({
      id: `ns-slice-invalid-fields-${i}`,
      text: sliceMeta(
        { namespace, name: 'Bad_Name' },
        { addressType: 'ipv4', endpoints: [{ addresses: [] }] },
      ),
    });
    out.push({
      id: `ns-ep-invalid-fields-${i}`,
      text: endpoints({
        metadata: { name: 'ep-base', namespace },
        subsets: [{ addresses: [{ ip: '010.1.2.3' }], ports: [{ port: 0 }] }],
      }),
    });
    out.push({ id: `ns-slice-unknown-field-${i}`, text: `${sliceMeta({ namespace })}spec: {}\n` });
    out.push({
      id: `ns-slice-wrong-type-${i}`,
      text: sliceMeta({ namespace }, { ports: [{ name: 'a', port: '80' }] }),
    });
    out.push({
      id: `ns-list-${i}`,
      text: toYaml({
        apiVersion: 'v1',
        kind: 'List',
        items: [listItem('default', 'in-default'), listItem(namespace, 'in-impossible')],
      }),
    });
  });
  out.push({
    id: 'ns-slice-generatename',
    text: sliceMeta({ namespace: 'foo.bar', name: undefined, generateName: 'web-' }),
  });
  out.push({ id: 'ns-slice-empty', text: sliceMeta({ namespace: '' }) });
  return out;
}

function listItem(namespace: string, name: string): YamlMap {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.1.2.3'] }],
  };
}

/** `count` valid endpoints, with some replaced: index → endpoint. */
function endpointList(count: number, replaced: Record<number, YamlMap>): YamlMap[] {
  return ipv4Range(count).map((address, i) => replaced[i] ?? { addresses: [address] });
}

const noAddresses: YamlMap = { addresses: [] };
const missingAddresses: YamlMap = { hostname: 'h' };
const tooManyAddresses: YamlMap = { addresses: ipv4Range(101) };
const loopback: YamlMap = { addresses: ['127.0.0.1'] };
const badHostname: YamlMap = { addresses: ['10.9.9.9'], hostname: 'Bad_Host' };

function endpointLimitVariations(): Variation[] {
  const cases: [id: string, count: number, replaced: Record<number, YamlMap>, rest?: YamlMap][] = [
    ['limit-1001-empty-first', 1001, { 0: noAddresses }],
    ['limit-1001-empty-last', 1001, { 1000: noAddresses }],
    ['limit-1001-missing-addresses', 1001, { 3: missingAddresses, 1000: missingAddresses }],
    ['limit-1001-too-many-addresses', 1001, { 7: tooManyAddresses }],
    ['limit-1001-mixed', 1001, { 0: noAddresses, 500: tooManyAddresses, 999: loopback, 1000: badHostname }],
    ['limit-1001-only-field-rules', 1001, { 2: loopback, 4: badHostname }],
    ['limit-1200-empty-past-limit', 1200, { 1100: noAddresses, 1199: tooManyAddresses }],
    ['limit-1001-lowercase-type', 1001, { 10: noAddresses }, { addressType: 'ipv4' }],
    ['limit-1001-no-type', 1001, { 10: noAddresses }, { addressType: undefined }],
    ['limit-1001-fqdn', 1001, { 10: noAddresses }, { addressType: 'FQDN' }],
    [
      'limit-1001-bad-port',
      1001,
      { 10: noAddresses },
      { ports: [{ name: 'Bad', port: 80, protocol: 'tcp' }] },
    ],
    ['limit-1000-empty', 1000, { 0: noAddresses, 999: tooManyAddresses }],
    ['limit-1000-lowercase-type', 1000, { 0: noAddresses }, { addressType: 'ipv4' }],
  ];
  return cases.map(([id, count, replaced, rest]) => ({
    id,
    text: slice({ endpoints: endpointList(count, replaced), ...rest }),
  }));
}

export function requestVariations(): Variation[] {
  return [...namespaceVariations(), ...endpointLimitVariations()];
}
