/**
 * What the cluster DNS answers about one Service, predicted from the Service and its
 * EndpointSlices the way CoreDNS's kubernetes plugin (the cluster DNS of kubeadm, kind, k3s,
 * EKS, GKE, AKS) computes it. The rules, with their upstream sources and where CoreDNS goes
 * beyond the Kubernetes DNS specification, are in docs/rules/dns.md; the DNS fidelity suite
 * (test/cluster/dns) compares these predictions with a real CoreDNS.
 */
import { endpointLabel, hostRecord, normalizeClusterDomain, serviceDnsName, srvDnsName } from './dnsNames';

/** The fields of a Service the DNS reads. */
export interface DnsService {
  metadata?: { name?: string | null; namespace?: string | null } | null;
  spec?: {
    type?: string | null;
    clusterIP?: string | null;
    clusterIPs?: readonly string[] | null;
    externalName?: string | null;
    ports?: readonly DnsPort[] | null;
  } | null;
}

export interface DnsPort {
  name?: string | null;
  port?: number | null;
  protocol?: string | null;
}

/** The fields of an EndpointSlice the DNS reads. */
export interface DnsSlice {
  endpoints?:
    | readonly {
        addresses?: readonly string[] | null;
        conditions?: { ready?: boolean | null } | null;
        hostname?: string | null;
      }[]
    | null;
  ports?: readonly DnsPort[] | null;
}

export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'SRV';

/** One resource record: `value` is the address, the CNAME target or the SRV target. */
export interface DnsRecord {
  readonly name: string;
  readonly type: DnsRecordType;
  readonly value: string;
  /** SRV only. */
  readonly port?: number;
  readonly priority?: number;
  readonly weight?: number;
}

/**
 * How the DNS treats the Service: its cluster IPs, its ready endpoints (headless), a CNAME
 * (ExternalName), or nothing (an ExternalName that is an IP address, which CoreDNS does not serve).
 */
export type DnsServiceKind = 'cluster-ip' | 'headless' | 'external-name' | 'not-served';

export interface DnsPrediction {
  /** `<service>.<namespace>.svc.<cluster domain>`. */
  readonly serviceName: string;
  readonly kind: DnsServiceKind;
  /**
   * Every record of every name below the Service, each once (the plugin writes each address
   * once, each SRV target and port once), in the order of the Service and its slices.
   */
  readonly records: readonly DnsRecord[];
}

export interface DnsOptions {
  clusterDomain?: string | null;
}

/**
 * One (host, port) pair the plugin builds before it writes records: the Cartesian product of
 * cluster IPs and Service ports, or of a slice's ready addresses and that slice's ports. A
 * Service or slice without ports contributes one pair with port -1, which yields addresses but
 * no SRV record (it still counts when SRV weights are divided up).
 */
interface Target {
  /** What the host is as a record (parsed once per address, not once per name it answers). */
  readonly host: { readonly type: 'A' | 'AAAA' | 'CNAME'; readonly value: string };
  readonly port: number;
  readonly portName: string;
  readonly protocol: string;
  /** The endpoint's label (hostname or dashed address); undefined for cluster IPs. */
  readonly label?: string;
}

const noPort: DnsPort = { port: -1 };

/** The records the cluster DNS serves for `service`, whose EndpointSlices are `slices`. */
export function predictDns(
  service: DnsService,
  slices: readonly DnsSlice[],
  options: DnsOptions = {},
): DnsPrediction {
  const name = serviceDnsName(
    service.metadata?.name ?? '',
    service.metadata?.namespace ?? 'default',
    normalizeClusterDomain(options.clusterDomain),
  );
  const spec = service.spec ?? {};
  if (spec.type === 'ExternalName') {
    return externalNamePrediction(name, spec.externalName ?? '');
  }
  const clusterIPs = spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs : [spec.clusterIP ?? ''];
  const headless = clusterIPs[0] === 'None';
  const endpoints = endpointTargets(slices);
  // Names below the Service (`<endpoint>.<service>…`) are answered from the endpoints whether or
  // not the Service is headless; only the Service's own name switches to the cluster IPs.
  const own = headless ? endpoints : clusterIPTargets(clusterIPs, spec.ports ?? []);
  const records = [
    ...recordsAt(name, own, name),
    ...portRecords(name, own),
    ...endpointRecords(name, endpoints),
  ];
  return { serviceName: name, kind: headless ? 'headless' : 'cluster-ip', records };
}

/**
 * An ExternalName Service is a CNAME at the Service's name (an SRV query there gets an empty
 * answer); its port names and endpoint names do not exist. An externalName that parses as an IP
 * address is not served at all.
 */
function externalNamePrediction(name: string, externalName: string): DnsPrediction {
  if (externalName === '' || hostRecord(externalName).type !== 'CNAME') {
    return { serviceName: name, kind: 'not-served', records: [] };
  }
  const target = externalName.toLowerCase().replace(/\.+$/, '');
  return {
    serviceName: name,
    kind: 'external-name',
    records: [{ name, type: 'CNAME', value: target }],
  };
}

function clusterIPTargets(clusterIPs: readonly string[], ports: readonly DnsPort[]): Target[] {
  return (ports.length > 0 ? ports : [noPort]).flatMap((port) =>
    clusterIPs.map((ip) => ({ host: hostRecord(ip), ...portFields(port) })),
  );
}

/** Ready addresses (ready unset counts as ready, as the API documents) times their slice's ports. */
function endpointTargets(slices: readonly DnsSlice[]): Target[] {
  return slices.flatMap((slice) => {
    const ports = slice.ports && slice.ports.length > 0 ? slice.ports : [noPort];
    return (slice.endpoints ?? [])
      .filter((endpoint) => endpoint.conditions?.ready !== false)
      .flatMap((endpoint) =>
        (endpoint.addresses ?? []).flatMap((address) => {
          const host = hostRecord(address);
          return ports.map((port) => ({
            host,
            label: endpointLabel(address, endpoint.hostname),
            ...portFields(port),
          }));
        }),
      );
  });
}

function portFields(port: DnsPort): Pick<Target, 'port' | 'portName' | 'protocol'> {
  return { port: port.port ?? -1, portName: port.name ?? '', protocol: port.protocol ?? '' };
}

/**
 * The records one name answers, from the targets the name selects: address records (A, AAAA,
 * or a CNAME for a host that is not an IP), and SRV records pointing at the Service's name (for
 * cluster IPs) or at the endpoint's own name. SRV answers leave out hosts that are not IPs (the
 * plugin drops them before SRV: no SRV for ExternalName), and their weights split 100 evenly
 * over the remaining targets before duplicates are dropped, as the plugin does.
 */
function recordsAt(
  name: string,
  targets: readonly Target[],
  serviceName: string,
  srvOnly = false,
): DnsRecord[] {
  const records: DnsRecord[] = [];
  const seen = new Set<string>();
  const addressed: Target[] = [];
  for (const target of targets) {
    const host = target.host;
    if (host.type !== 'CNAME') {
      addressed.push(target);
    }
    const value = host.type === 'CNAME' ? host.value.toLowerCase() : host.value;
    if (!srvOnly && !seen.has(value)) {
      seen.add(value);
      records.push({ name, type: host.type, value });
    }
  }
  const weight = Math.max(1, Math.floor(100 / Math.max(1, addressed.length)));
  for (const target of addressed) {
    const value = target.label === undefined ? serviceName : `${target.label}.${serviceName}`;
    const key = `${target.port} ${value}`;
    if (target.port !== -1 && !seen.has(key)) {
      seen.add(key);
      records.push({ name, type: 'SRV', value, port: target.port, priority: 0, weight });
    }
  }
  return records;
}

/** `_<port>._<protocol>.<service>…` for every named port with a protocol. */
function portRecords(serviceName: string, targets: readonly Target[]): DnsRecord[] {
  const names = new Map<string, Target[]>();
  for (const target of targets) {
    if (target.portName === '' || target.protocol === '') {
      continue;
    }
    addTo(names, srvDnsName(target.portName, target.protocol, serviceName), target);
  }
  return [...names].flatMap(([name, selected]) => recordsAt(name, selected, serviceName, true));
}

/** `<hostname or dashed address>.<service>…` for every ready endpoint address. */
function endpointRecords(serviceName: string, targets: readonly Target[]): DnsRecord[] {
  const names = new Map<string, Target[]>();
  for (const target of targets) {
    if (!target.label) {
      continue;
    }
    addTo(names, `${target.label}.${serviceName}`, target);
  }
  return [...names].flatMap(([name, selected]) => recordsAt(name, selected, serviceName));
}

function addTo(names: Map<string, Target[]>, name: string, target: Target): void {
  const list = names.get(name);
  if (list) {
    list.push(target);
  } else {
    names.set(name, [target]);
  }
}

/** A record as one line: `name TYPE value` plus `port weight` for SRV; also the identity in sets. */
export function recordKey(record: DnsRecord): string {
  const srv =
    record.type === 'SRV' ? ` ${record.priority ?? 0} ${record.weight ?? 0} ${record.port ?? 0}` : '';
  return `${record.name} ${record.type}${srv} ${record.value}`;
}

/** The records answering a query for `name` and `type`; a CNAME at the name answers every type. */
export function answersTo(prediction: DnsPrediction, name: string, type: DnsRecordType): DnsRecord[] {
  const wanted = name.toLowerCase().replace(/\.+$/, '');
  return prediction.records.filter(
    (record) =>
      record.name === wanted && (record.type === type || (record.type === 'CNAME' && type !== 'SRV')),
  );
}
