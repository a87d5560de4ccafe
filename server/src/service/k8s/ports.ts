/**
 * Port facts that completion and hover offer: the `appProtocol` values Kubernetes defines, the
 * IANA service names most often used as application protocols, and well-known port numbers with
 * the conventional port name for each. Data only; the rules do not read it.
 */

export interface AppProtocolFact {
  value: string;
  doc: string;
}

/** The `kubernetes.io/` values (KEP-3726), which implementations must understand. */
export const kubernetesAppProtocols: readonly AppProtocolFact[] = [
  { value: 'kubernetes.io/h2c', doc: 'HTTP/2 over cleartext (prior knowledge, RFC 7540 section 3.4).' },
  { value: 'kubernetes.io/ws', doc: 'WebSocket over cleartext (RFC 6455).' },
  { value: 'kubernetes.io/wss', doc: 'WebSocket over TLS (RFC 6455).' },
];

/** Common IANA service names; any name from the IANA registry is allowed. */
export const ianaAppProtocols: readonly AppProtocolFact[] = [
  { value: 'http', doc: 'HTTP/1.1 (IANA service name).' },
  { value: 'https', doc: 'HTTP over TLS (IANA service name).' },
  { value: 'http2', doc: 'HTTP/2 (IANA service name).' },
  { value: 'grpc', doc: 'gRPC (IANA service name).' },
  { value: 'tcp', doc: 'Plain TCP (conventional name; proxies treat it as opaque).' },
  { value: 'tls', doc: 'TLS, passed through (conventional name).' },
  { value: 'mysql', doc: 'MySQL (IANA service name).' },
  { value: 'postgresql', doc: 'PostgreSQL (IANA service name).' },
  { value: 'redis', doc: 'Redis (IANA service name).' },
  { value: 'mongodb', doc: 'MongoDB (IANA service name).' },
  { value: 'dns', doc: 'DNS (conventional name for domain, port 53).' },
];

export interface WellKnownPort {
  port: number;
  /** The conventional port name: a DNS-1123 label, so it is a valid EndpointSlice port name. */
  name: string;
  protocol: 'TCP' | 'UDP';
  doc: string;
}

export const wellKnownPorts: readonly WellKnownPort[] = [
  { port: 80, name: 'http', protocol: 'TCP', doc: 'HTTP' },
  { port: 443, name: 'https', protocol: 'TCP', doc: 'HTTPS' },
  { port: 8080, name: 'http-alt', protocol: 'TCP', doc: 'HTTP, alternative port' },
  { port: 8443, name: 'https-alt', protocol: 'TCP', doc: 'HTTPS, alternative port' },
  { port: 53, name: 'dns', protocol: 'UDP', doc: 'DNS (also TCP)' },
  { port: 22, name: 'ssh', protocol: 'TCP', doc: 'SSH' },
  { port: 25, name: 'smtp', protocol: 'TCP', doc: 'SMTP' },
  { port: 3306, name: 'mysql', protocol: 'TCP', doc: 'MySQL' },
  { port: 5432, name: 'postgresql', protocol: 'TCP', doc: 'PostgreSQL' },
  { port: 6379, name: 'redis', protocol: 'TCP', doc: 'Redis' },
  { port: 27017, name: 'mongodb', protocol: 'TCP', doc: 'MongoDB' },
  { port: 9090, name: 'metrics', protocol: 'TCP', doc: 'Prometheus' },
  { port: 9092, name: 'kafka', protocol: 'TCP', doc: 'Kafka' },
  { port: 2379, name: 'etcd-client', protocol: 'TCP', doc: 'etcd client' },
  { port: 5000, name: 'registry', protocol: 'TCP', doc: 'Container registry' },
  { port: 50051, name: 'grpc', protocol: 'TCP', doc: 'gRPC (conventional)' },
];

/** The conventional name of a port number, if it has one. */
export function wellKnownPortName(port: number): string | undefined {
  return wellKnownPorts.find((p) => p.port === port)?.name;
}

/** The kinds a `targetRef` usually names; the EndpointSlice controller writes `Pod`. */
export const targetRefKinds = ['Pod', 'Node'] as const;
