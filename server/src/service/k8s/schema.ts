import type { FieldSpec, ObjectSpec, TypeSpec } from './schemaTypes';
import { bool, field, int32, objectMeta, objectReference, str } from './objectMeta';
import type { OurKind } from '../types';

/**
 * The fields of `discovery.k8s.io/v1` EndpointSlice and `v1` Endpoints, as the apiserver decodes
 * them. Decoding (type errors, unknown fields), completion and hover all read these tables.
 */

export const addressTypes = ['IPv4', 'IPv6', 'FQDN'] as const;
export const protocols = ['TCP', 'UDP', 'SCTP'] as const;

/** What each address type means, for completion's details pane and hover. */
const addressTypeDocs: Record<(typeof addressTypes)[number], string> = {
  IPv4: 'Every address is an IPv4 address (`10.1.2.3`). kube-proxy programs these for IPv4 Services.',
  IPv6: 'Every address is an IPv6 address (`2001:db8::1`), best in RFC 5952 canonical form. kube-proxy programs these for IPv6 Services.',
  FQDN: 'Every address is a fully qualified domain name. Deprecated: the apiserver warns, and kube-proxy ignores FQDN slices.',
};

/** What each port protocol means, for completion's details pane and hover. */
const protocolDocs: Record<(typeof protocols)[number], string> = {
  TCP: 'Transmission Control Protocol: the default when `protocol` is absent.',
  UDP: 'User Datagram Protocol, e.g. for DNS on port 53.',
  SCTP: 'Stream Control Transmission Protocol; the nodes must support SCTP.',
};

const typeMeta = {
  apiVersion: field(str(), 'The versioned schema of this object.', { required: true }),
  kind: field(str(), 'The kind of this object.', { required: true }),
};

const forZone: ObjectSpec = {
  kind: 'object',
  goType: 'ForZone',
  fields: { name: field(str(), 'The name of the zone (a label value; may be empty).') },
};

const forNode: ObjectSpec = {
  kind: 'object',
  goType: 'ForNode',
  fields: { name: field(str(), 'The name of the node (a DNS subdomain).', { required: true }) },
};

const endpointHints: ObjectSpec = {
  kind: 'object',
  goType: 'EndpointHints',
  fields: {
    forZones: field(
      { kind: 'list', goType: '[]v1.ForZone', item: forZone },
      'Zones this endpoint should serve, for topology-aware routing. At most 8; names must be unique.',
    ),
    forNodes: field(
      { kind: 'list', goType: '[]v1.ForNode', item: forNode },
      'Nodes this endpoint should serve (`trafficDistribution: PreferSameNode`). At most 8; names must be unique.',
      {
        since: 'Validated from 1.34 (PreferSameTrafficDistribution beta); dropped silently by 1.33.',
        requires: {
          behaviour: 'forNodesValidated',
          otherwise:
            'the apiserver drops this field silently before storing the slice (PreferSameTrafficDistribution is off before 1.34), so it has no effect.',
        },
      },
    ),
  },
};

const endpointConditions: ObjectSpec = {
  kind: 'object',
  goType: 'EndpointConditions',
  fields: {
    ready: field(bool, 'Whether the endpoint is ready to receive traffic. Unset means ready.', {
      pointer: true,
    }),
    serving: field(
      bool,
      'Whether the endpoint can serve traffic, regardless of terminating. Unset means serving.',
      {
        pointer: true,
      },
    ),
    terminating: field(bool, 'Whether the endpoint is terminating. Unset means not terminating.', {
      pointer: true,
    }),
  },
};

const endpoint: ObjectSpec = {
  kind: 'object',
  goType: 'Endpoint',
  fields: {
    addresses: field(
      { kind: 'list', goType: '[]string', item: str() },
      "The addresses of this endpoint, in the family of the slice's `addressType`. At least 1 and at most 100; consumers use the first.",
      { required: true },
    ),
    conditions: field(endpointConditions, 'The current state of the endpoint.'),
    hostname: field(str(), 'The hostname of this endpoint (a DNS-1123 label), used for DNS records.', {
      pointer: true,
    }),
    targetRef: field(objectReference, 'The object that provides this endpoint, usually a Pod.', {
      pointer: true,
    }),
    deprecatedTopology: field(
      { kind: 'map', goType: 'map[string]string', value: str() },
      'Deprecated v1beta1 topology; cleared by the apiserver on every v1 write.',
      { deprecated: 'Removed from use in discovery.k8s.io/v1; use nodeName and zone.' },
    ),
    nodeName: field(str(), 'The node hosting this endpoint (a DNS subdomain).', { pointer: true }),
    zone: field(str(), 'The zone this endpoint is in. Not validated.', { pointer: true }),
    hints: field(endpointHints, 'Hints for how this endpoint should be consumed (topology-aware routing).', {
      pointer: true,
    }),
  },
};

const slicePort: ObjectSpec = {
  kind: 'object',
  goType: 'EndpointPort',
  fields: {
    name: field(
      str(),
      'The port name: a DNS-1123 label or empty; unique in the slice. Must match the Service port name.',
      {
        pointer: true,
      },
    ),
    protocol: field(str('v1.Protocol'), 'TCP, UDP or SCTP. Defaults to TCP.', {
      pointer: true,
      values: protocols,
      valueDocs: protocolDocs,
    }),
    port: field(int32, 'The port number. Not range-checked by the apiserver.', { pointer: true }),
    appProtocol: field(
      str(),
      'The application protocol: an IANA service name, a `kubernetes.io/` value (`kubernetes.io/h2c`, `kubernetes.io/ws`, `kubernetes.io/wss`) or a domain-prefixed name.',
      { pointer: true },
    ),
  },
};

export const endpointSliceSpec: ObjectSpec = {
  kind: 'object',
  goType: 'EndpointSlice',
  fields: {
    ...typeMeta,
    metadata: field(objectMeta, 'Standard object metadata.'),
    addressType: field(
      str('v1.AddressType'),
      'The type of address the slice carries: `IPv4`, `IPv6` or `FQDN` (deprecated). Immutable.',
      { required: true, values: addressTypes, valueDocs: addressTypeDocs },
    ),
    endpoints: field(
      { kind: 'list', goType: '[]v1.Endpoint', item: endpoint },
      'The endpoints of the slice. At most 1000.',
    ),
    ports: field(
      { kind: 'list', goType: '[]v1.EndpointPort', item: slicePort },
      'The ports every endpoint of the slice exposes. Empty means no ports are exposed.',
    ),
  },
};

const endpointAddress: ObjectSpec = {
  kind: 'object',
  goType: 'EndpointAddress',
  fields: {
    ip: field(
      str(),
      'The IP of this endpoint. Not loopback, link-local, link-local multicast or unspecified.',
      {
        required: true,
      },
    ),
    hostname: field(str(), 'The hostname of this endpoint (a DNS-1123 label).'),
    nodeName: field(str(), 'The node hosting this endpoint.', { pointer: true }),
    targetRef: field(objectReference, 'The object that provides this endpoint, usually a Pod.', {
      pointer: true,
    }),
  },
};

const corePort: ObjectSpec = {
  kind: 'object',
  goType: 'EndpointPort',
  fields: {
    name: field(str(), 'The port name (a DNS-1123 label). Required when the subset has more than one port.'),
    port: field(int32, 'The port number, 1 to 65535.', { required: true }),
    protocol: field(str('v1.Protocol'), 'TCP, UDP or SCTP. Defaults to TCP.', {
      values: protocols,
      valueDocs: protocolDocs,
    }),
    appProtocol: field(str(), 'The application protocol (a qualified name).', { pointer: true }),
  },
};

const subset: ObjectSpec = {
  kind: 'object',
  goType: 'EndpointSubset',
  fields: {
    addresses: field(
      { kind: 'list', goType: '[]v1.EndpointAddress', item: endpointAddress },
      'Ready addresses.',
    ),
    notReadyAddresses: field(
      { kind: 'list', goType: '[]v1.EndpointAddress', item: endpointAddress },
      'Addresses that are not ready yet, or have stopped being ready.',
    ),
    ports: field(
      { kind: 'list', goType: '[]v1.EndpointPort', item: corePort },
      'The ports of every address in the subset.',
    ),
  },
};

export const endpointsSpec: ObjectSpec = {
  kind: 'object',
  goType: 'Endpoints',
  fields: {
    ...typeMeta,
    metadata: field(objectMeta, 'Standard object metadata. The name must match the Service.'),
    subsets: field(
      { kind: 'list', goType: '[]v1.EndpointSubset', item: subset },
      'Groups of addresses that share the same ports.',
    ),
  },
};

export const kindSpecs: Readonly<Record<OurKind, ObjectSpec>> = {
  EndpointSlice: endpointSliceSpec,
  Endpoints: endpointsSpec,
};

/** The field spec at a path of field names (list indexes skipped), for completion and hover. */
export function fieldAt(kind: OurKind, names: readonly string[]): FieldSpec | undefined {
  let type: TypeSpec = kindSpecs[kind];
  let found: FieldSpec | undefined;
  for (const name of names) {
    while (type.kind === 'list') type = type.item;
    if (type.kind !== 'object') return undefined;
    found = type.fields[name];
    if (!found) return undefined;
    type = found.type;
  }
  return found;
}
