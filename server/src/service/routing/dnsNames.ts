/**
 * The names the cluster DNS serves for a Service, as the Kubernetes DNS specification defines
 * them and CoreDNS's kubernetes plugin builds them (docs/rules/dns.md). Names are written
 * lowercase and without the trailing root dot.
 */
import { ipString, isIPv4, parseIPSloppy } from '../validation/ip';

/** The cluster domain when nothing else is configured (kubelet's --cluster-domain default). */
export const defaultClusterDomain = 'cluster.local';

/**
 * A cluster domain as a user may type it (`Cluster.Local.`, ` cluster.local `): trimmed,
 * lowercased, without leading or trailing dots; the default when nothing is left.
 */
export function normalizeClusterDomain(domain: string | null | undefined): string {
  const cleaned = (domain ?? '')
    .trim()
    .toLowerCase()
    .replace(/^\.+|\.+$/g, '');
  return cleaned === '' ? defaultClusterDomain : cleaned;
}

/** `<service>.<namespace>.svc.<cluster domain>`: the name every Service has. */
export function serviceDnsName(service: string, namespace: string, clusterDomain: string): string {
  return `${service}.${namespace}.svc.${normalizeClusterDomain(clusterDomain)}`.toLowerCase();
}

/**
 * The first label of an endpoint's own name: its hostname when the slice carries one, else its
 * address with the separators replaced by dashes (CoreDNS's endpointHostname: `10.1.2.3` is
 * `10-1-2-3`, `fd00::1` is `fd00--1`, and an IPv6 text ending in `:` gets a `0` appended so the
 * label does not end in a dash).
 */
export function endpointLabel(address: string, hostname: string | null | undefined): string {
  if (hostname) {
    return hostname.toLowerCase();
  }
  if (address.includes('.')) {
    return address.replaceAll('.', '-').toLowerCase();
  }
  if (address.includes(':')) {
    const dashed = address.replaceAll(':', '-').toLowerCase();
    return dashed.endsWith('-') ? `${dashed}0` : dashed;
  }
  return '';
}

/** `_<port name>._<protocol>.<service name>`: the SRV name of one named port. */
export function srvDnsName(portName: string, protocol: string, serviceName: string): string {
  return `_${portName}._${protocol}.${serviceName}`.toLowerCase();
}

/**
 * What one host string becomes in an answer (msg.Service HostType): an A record when Go's
 * net.ParseIP reads it as IPv4 (IPv4-mapped IPv6 included), AAAA for other IPs, both with the
 * address in Go's canonical text; a CNAME to the text for anything that is not an IP.
 */
export function hostRecord(host: string): { type: 'A' | 'AAAA' | 'CNAME'; value: string } {
  const ip = parseIPSloppy(host);
  if (ip === null) {
    return { type: 'CNAME', value: host };
  }
  return { type: isIPv4(ip) ? 'A' : 'AAAA', value: ipString(ip) };
}
