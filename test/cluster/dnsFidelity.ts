import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answersTo, predictDns, recordKey } from '../../server/src/service/routing/dns';
import type {
  DnsPrediction,
  DnsRecordType,
  DnsService,
  DnsSlice,
} from '../../server/src/service/routing/dns';
import { endpointLabel, srvDnsName } from '../../server/src/service/routing/dnsNames';
import { queryDns } from './dnsClient';
import type { Rcode } from './dnsClient';
import { createScenarios, namespace, services } from './dnsScenarios';
import { KubeAdmin } from './kubeAdmin';

/**
 * The DNS fidelity suite: puts the scenarios of dnsScenarios.ts on the local cluster, asks the
 * real CoreDNS (cluster/dns-up.sh) about every name the predictor knows and every name that must
 * not exist, and compares each answer with the prediction as a set of records, plus the response
 * code (NXDOMAIN when the prediction has no record at the name). Any difference fails the run.
 *
 *   node out/test/cluster/dnsFidelity.js --kubeconfig K --dns 127.0.0.1:10053 [--domain cluster.local]
 *     [--report docs/fidelity/dns.md] [--keep]
 */
interface Options {
  kubeconfig: string;
  dns: { host: string; port: number };
  domain: string;
  report: string;
  keep: boolean;
}

interface Query {
  service: string;
  name: string;
  type: DnsRecordType;
}

interface Outcome extends Query {
  predicted: { rcode: Rcode; records: string[] };
  actual: { rcode: Rcode; records: string[] };
  agree: boolean;
}

const root = join(__dirname, '..', '..', '..');

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback?: string): string => {
    const i = argv.indexOf(flag);
    const found = i >= 0 ? argv[i + 1] : fallback;
    if (found === undefined) throw new Error(`dns fidelity: ${flag} is required`);
    return found;
  };
  const [host, port] = value('--dns').split(/:(?=\d+$)/);
  return {
    kubeconfig: value('--kubeconfig', process.env['KUBECONFIG']),
    dns: { host: host ?? '127.0.0.1', port: Number(port) },
    domain: value('--domain', 'cluster.local'),
    report: value('--report', join(root, 'docs', 'fidelity', 'dns.md')),
    keep: argv.includes('--keep'),
  };
}

/** Every Service of the namespace with its slices, as the apiserver has them now. */
async function loadServices(admin: KubeAdmin): Promise<{ service: DnsService; slices: DnsSlice[] }[]> {
  const services = (await admin.must('GET', `/api/v1/namespaces/${namespace}/services`)) as {
    items: DnsService[];
  };
  const slices = (await admin.must(
    'GET',
    `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
  )) as {
    items: (DnsSlice & { metadata: { labels?: Record<string, string> } })[];
  };
  return services.items.map((service) => ({
    service,
    slices: slices.items.filter(
      (slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === service.metadata?.name,
    ),
  }));
}

/**
 * The questions for one Service: its name for every type, every port name of the Service and of
 * its slices, and the name of every endpoint of its slices, ready or not (so names that must not
 * exist are asked too).
 */
function queriesFor(service: DnsService, slices: readonly DnsSlice[], prediction: DnsPrediction): Query[] {
  const name = prediction.serviceName;
  const serviceName = service.metadata?.name ?? '';
  const ports = [...(service.spec?.ports ?? []), ...slices.flatMap((slice) => slice.ports ?? [])];
  const portNames = ports
    .filter((p) => p.name)
    .map((p) => srvDnsName(p.name ?? '', (p.protocol ?? 'TCP').toLowerCase(), name));
  const endpointNames = slices.flatMap((slice) =>
    (slice.endpoints ?? []).flatMap((e) =>
      (e.addresses ?? []).map((a) => `${endpointLabel(a, e.hostname)}.${name}`),
    ),
  );
  const types: DnsRecordType[] = ['A', 'AAAA', 'CNAME', 'SRV'];
  return [
    ...types.map((type) => ({ service: serviceName, name, type })),
    ...[...new Set(portNames)].map((portName) => ({
      service: serviceName,
      name: portName,
      type: 'SRV' as const,
    })),
    ...[...new Set(endpointNames)].flatMap((endpointName) =>
      (['A', 'AAAA', 'SRV'] as const).map((type) => ({ service: serviceName, name: endpointName, type })),
    ),
  ];
}

async function ask(options: Options, prediction: DnsPrediction, query: Query): Promise<Outcome> {
  const expected = answersTo(prediction, query.name, query.type).map(recordKey).sort();
  const exists = prediction.records.some((record) => record.name === query.name);
  const answer = await queryDns(options.dns, query.name, query.type);
  // Only the records owned by the name asked: a CNAME's target may be resolved further.
  const actual = answer.records
    .filter((record) => record.name === query.name)
    .map(recordKey)
    .sort();
  const predicted = { rcode: (exists ? 'NOERROR' : 'NXDOMAIN') as Rcode, records: [...new Set(expected)] };
  const real = { rcode: answer.rcode, records: [...new Set(actual)] };
  const agree = predicted.rcode === real.rcode && predicted.records.join('\n') === real.records.join('\n');
  return { ...query, predicted, actual: real, agree };
}

/** One round: predictions from the objects as they are now, compared with CoreDNS's answers. */
async function round(admin: KubeAdmin, options: Options): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const { service, slices } of await loadServices(admin)) {
    const prediction = predictDns(service, slices, { clusterDomain: options.domain });
    for (const query of queriesFor(service, slices, prediction)) {
      outcomes.push(await ask(options, prediction, query));
    }
  }
  return outcomes;
}

function report(outcomes: readonly Outcome[], options: Options): string {
  const agree = outcomes.filter((o) => o.agree).length;
  const records = outcomes.reduce((sum, o) => sum + o.actual.records.length, 0);
  const byService = new Map<string, Outcome[]>();
  for (const outcome of outcomes) {
    byService.set(outcome.service, [...(byService.get(outcome.service) ?? []), outcome]);
  }
  const rows = [...byService].map(
    ([service, list]) =>
      `| \`${service}\` | ${services.find((scenario) => scenario.name === service)?.why ?? ''} | ${list.length} | ${list.filter((o) => o.agree).length} | ${list.reduce((s, o) => s + o.actual.records.length, 0)} |`,
  );
  const differences = outcomes
    .filter((o) => !o.agree)
    .map(
      (o) =>
        `- \`${o.type} ${o.name}\`: predicted ${o.predicted.rcode} [${o.predicted.records.join('; ')}], CoreDNS ${o.actual.rcode} [${o.actual.records.join('; ')}]`,
    );
  return [
    '# DNS fidelity: what the real CoreDNS answered',
    '',
    'Written by `test/cluster/dnsFidelity.ts` (run by `scripts/test-dns.sh`): the predictor',
    '(`server/src/service/routing/dns.ts`, rules in [docs/rules/dns.md](../rules/dns.md)) against CoreDNS',
    `v1.15.0 built from its Go module (\`cluster/coredns\`), zone \`${options.domain}\`, on the local control plane.`,
    'Each question is compared as a set of records (SRV with priority, weight and port) plus the response code.',
    '',
    `Questions: ${outcomes.length}; agree: ${agree}; differ: ${outcomes.length - agree}; records compared: ${records}.`,
    '',
    '| Service | what it exercises | questions | agree | records |',
    '|---|---|---:|---:|---:|',
    ...rows,
    '',
    '## Differences',
    '',
    ...(differences.length > 0 ? differences : ['None.']),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const admin = new KubeAdmin(options.kubeconfig);
  await createScenarios(admin);
  // CoreDNS learns about the objects through its own watches: retry until it caught up.
  const deadline = Date.now() + 30_000;
  let outcomes = await round(admin, options);
  while (outcomes.some((o) => !o.agree) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    outcomes = await round(admin, options);
  }
  writeFileSync(options.report, report(outcomes, options));
  const differ = outcomes.filter((o) => !o.agree);
  for (const o of differ) {
    console.log(
      `DIFFERENT ${o.type} ${o.name}: predicted ${o.predicted.rcode} ${JSON.stringify(o.predicted.records)}`,
    );
    console.log(`          CoreDNS ${o.actual.rcode} ${JSON.stringify(o.actual.records)}`);
  }
  if (!options.keep) {
    await admin.deleteNamespace(namespace);
  }
  console.log(
    `dns fidelity: ${outcomes.length - differ.length} passed, ${differ.length} failed (report: ${options.report})`,
  );
  process.exitCode = differ.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
