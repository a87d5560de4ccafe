/**
 * What the cluster DNS answers about a Service right now, for its tooltip: the routing engine's
 * DNS predictor (server/src/service/routing/dns.ts, proven against a real CoreDNS) applied to the
 * Service and the slices the view watches, summarised in a few Markdown lines.
 */
import { predictDns } from '../../../../server/src/service/routing/dns';
import type { DnsPrediction, DnsRecord } from '../../../../server/src/service/routing/dns';
import { serviceDnsName } from '../../../../server/src/service/routing/dnsNames';
import type { Service } from './kubeTypes';
import type { NamespaceData } from './namespaceData';

/** How many values a tooltip line lists before it says how many more there are. */
const shown = 4;

const code = (value: string): string => `\`${value}\``;

/** `<service>.<namespace>.svc.<cluster domain>`, what "Copy DNS Name" copies. */
export function serviceDnsNameOf(namespace: string, service: string, clusterDomain: string): string {
  return serviceDnsName(service, namespace, clusterDomain);
}

/** The prediction for one Service of the namespace, from the slices labelled with its name. */
export function serviceDns(data: NamespaceData, service: Service, clusterDomain: string): DnsPrediction {
  const name = service.metadata.name;
  return predictDns(
    { metadata: { name, namespace: data.namespace }, spec: service.spec },
    data.slicesOf(name),
    { clusterDomain },
  );
}

/** The tooltip's DNS lines (Markdown paragraphs). */
export function dnsTooltip(prediction: DnsPrediction): string {
  const name = prediction.serviceName;
  const byName = groupByName(prediction.records);
  const own = byName.get(name) ?? [];
  const lines = [`**DNS** ${code(name)}`];
  if (prediction.kind === 'not-served') {
    lines.push('externalName is an IP address: the cluster DNS serves no record for this name');
    return lines.join('\n\n');
  }
  if (own.length === 0) {
    lines.push('no ready endpoint: the name does not resolve (NXDOMAIN)');
    return lines.join('\n\n');
  }
  const answers = (['A', 'AAAA', 'CNAME'] as const)
    .map((type) => ({ type, values: own.filter((r) => r.type === type).map((r) => r.value) }))
    .filter((entry) => entry.values.length > 0)
    .map((entry) => `${entry.type} ${listed(entry.values)}`);
  const headless = prediction.kind === 'headless' ? ' (the ready endpoints)' : '';
  lines.push(`answers ${answers.join(' · ')}${headless}`);
  const suffix = `.${name}`;
  const ports = [...byName]
    .filter(([owner]) => owner.startsWith('_'))
    .map(([owner, records]) => `${code(owner.slice(0, -suffix.length))} → ${srvTargets(records)}`);
  if (ports.length > 0) {
    lines.push(`SRV ${ports.join(', ')}`);
  }
  const endpoints = [...byName.keys()]
    .filter((owner) => owner !== name && !owner.startsWith('_'))
    .map((owner) => owner.slice(0, -suffix.length));
  if (endpoints.length > 0) {
    lines.push(`endpoint names (${code(`*${suffix}`)}): ${listed(endpoints)}`);
  }
  return lines.join('\n\n');
}

function groupByName(records: readonly DnsRecord[]): Map<string, DnsRecord[]> {
  const byName = new Map<string, DnsRecord[]>();
  for (const record of records) {
    const list = byName.get(record.name);
    if (list) {
      list.push(record);
    } else {
      byName.set(record.name, [record]);
    }
  }
  return byName;
}

/** `port 80` for one target port, else the number of targets. */
function srvTargets(records: readonly DnsRecord[]): string {
  const ports = [...new Set(records.map((r) => r.port))];
  const targets = new Set(records.map((r) => r.value)).size;
  const port = ports.length === 1 ? `port ${ports[0]}` : `ports ${ports.join(', ')}`;
  return targets === 1 ? port : `${targets} targets, ${port}`;
}

function listed(values: readonly string[]): string {
  const head = values.slice(0, shown).map(code).join(', ');
  return values.length > shown ? `${head} and ${values.length - shown} more` : head;
}
