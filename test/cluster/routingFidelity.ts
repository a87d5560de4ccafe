/**
 * Controller fidelity: creates the scenarios of routingScenarios.ts on a real control plane,
 * lets kube-controller-manager (endpointslice and endpointslicemirroring controllers) and
 * fakelet do their work, and checks that the routing engine's prediction of each Service's
 * endpoints equals what the controllers wrote into the EndpointSlices, as sets. A scenario
 * passes once prediction and cluster agree on two reads a second apart; one that still differs
 * at the deadline fails with the lines that differ, unless routing-known-differences.json
 * explains it.
 *
 *   node out/test/cluster/routingFidelity.js --kubeconfig K [--keep] [--report docs/fidelity/routing.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { predictRouting } from '../../server/src/service/routing';
import type {
  RoutingEndpoints,
  RoutingNode,
  RoutingPod,
  RoutingService,
} from '../../server/src/service/routing';
import { KubeAdmin } from './kubeAdmin';
import { actualLines, predictedLines, setDifference } from './routingCompare';
import type { ActualSlice, SetDifference } from './routingCompare';
import { podLabelsOf, scenarioSelector, scenarios } from './routingScenarios';
import type { Scenario, ScenarioPod } from './routingScenarios';

const namespace = 'routing-fidelity';
const settleTimeoutMs = 90_000;
const root = join(__dirname, '..', '..', '..');

interface KnownDifference {
  scenario: string;
  why: string;
}

interface Outcome {
  scenario: Scenario;
  difference: SetDifference;
  settled: boolean;
}

function option(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function createScenario(admin: KubeAdmin, scenario: Scenario): Promise<void> {
  const selector = scenarioSelector(scenario);
  await admin.must('POST', `/api/v1/namespaces/${namespace}/services`, {
    metadata: { name: scenario.name, ...(scenario.annotations ? { annotations: scenario.annotations } : {}) },
    spec: { ...scenario.spec, ...(selector ? { selector } : {}) },
  });
  if (scenario.endpoints) {
    await admin.must('POST', `/api/v1/namespaces/${namespace}/endpoints`, {
      ...scenario.endpoints,
      metadata: { name: scenario.name, ...((scenario.endpoints['metadata'] as object | undefined) ?? {}) },
    });
  }
  for (const pod of scenario.pods) {
    await createPod(admin, scenario, pod);
  }
}

async function createPod(admin: KubeAdmin, scenario: Scenario, pod: ScenarioPod): Promise<void> {
  const name = `${scenario.name}-${pod.name}`;
  await admin.must('POST', `/api/v1/namespaces/${namespace}/pods`, {
    metadata: {
      name,
      labels: podLabelsOf(scenario, pod),
      ...(pod.annotations ? { annotations: pod.annotations } : {}),
    },
    spec: {
      containers: [
        { name: 'app', image: 'registry.invalid/app:1', ports: pod.ports ?? [{ containerPort: 8080 }] },
      ],
      terminationGracePeriodSeconds: 0,
      ...pod.spec,
    },
  });
  if (pod.status) {
    await admin.must(
      'PATCH',
      `/api/v1/namespaces/${namespace}/pods/${name}/status`,
      { status: pod.status },
      'application/merge-patch+json',
    );
  }
}

async function list<T>(admin: KubeAdmin, path: string): Promise<T[]> {
  return ((await admin.must('GET', path)) as { items: T[] }).items;
}

/** Deletes the `terminating` pods with a long grace period once fakelet made them Running. */
async function startTerminations(admin: KubeAdmin): Promise<void> {
  const wanted = scenarios.flatMap((s) =>
    s.pods.filter((p) => p.terminating).map((p) => `${s.name}-${p.name}`),
  );
  const deadline = Date.now() + 60_000;
  const pending = new Set(wanted);
  while (pending.size > 0 && Date.now() < deadline) {
    const pods = await list<RoutingPod>(admin, `/api/v1/namespaces/${namespace}/pods`);
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      if (pending.has(name) && pod.status?.phase === 'Running') {
        await admin.must('DELETE', `/api/v1/namespaces/${namespace}/pods/${name}?gracePeriodSeconds=600`);
        pending.delete(name);
      }
    }
    await delay(300);
  }
}

async function compareAll(admin: KubeAdmin): Promise<Map<string, SetDifference>> {
  const [services, pods, nodes, endpoints, slices] = await Promise.all([
    list<RoutingService>(admin, `/api/v1/namespaces/${namespace}/services`),
    list<RoutingPod>(admin, `/api/v1/namespaces/${namespace}/pods`),
    list<RoutingNode>(admin, '/api/v1/nodes'),
    list<RoutingEndpoints>(admin, `/api/v1/namespaces/${namespace}/endpoints`),
    list<ActualSlice & { metadata: { labels?: Record<string, string> } }>(
      admin,
      `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
    ),
  ]);
  const result = new Map<string, SetDifference>();
  for (const service of services) {
    const name = service.metadata?.name ?? '';
    const prediction = predictRouting({
      service,
      pods,
      nodes,
      endpoints: endpoints.find((e) => e.metadata?.name === name),
    });
    const own = slices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
    result.set(name, setDifference(predictedLines(prediction), actualLines(own)));
  }
  return result;
}

/**
 * Whether fakelet (or the test) has given every pod its final state: a Ready condition once the
 * pod is on a node. Pods that stay unscheduled by design never get one. Comparing before this
 * would let an early agreement (no IP yet, so no endpoint on either side) pass for a verdict.
 */
function podsFinal(pods: readonly RoutingPod[]): boolean {
  return pods.every((pod) => {
    const unschedulable = JSON.stringify(pod.spec ?? {}).includes('"nowhere"');
    return unschedulable || (pod.status?.conditions ?? []).some((c) => c.type === 'Ready');
  });
}

/** Reads in a row that must agree before a scenario counts as settled. */
const agreementsNeeded = 3;

async function settle(admin: KubeAdmin): Promise<Outcome[]> {
  const deadline = Date.now() + settleTimeoutMs;
  while (
    Date.now() < deadline &&
    !podsFinal(await list<RoutingPod>(admin, `/api/v1/namespaces/${namespace}/pods`))
  ) {
    await delay(500);
  }
  const streak = new Map<string, number>();
  let last = new Map<string, SetDifference>();
  const agrees = (name: string): boolean => {
    const difference = last.get(name);
    return difference !== undefined && difference.missing.length === 0 && difference.unexpected.length === 0;
  };
  for (;;) {
    last = await compareAll(admin);
    for (const scenario of scenarios) {
      streak.set(scenario.name, agrees(scenario.name) ? (streak.get(scenario.name) ?? 0) + 1 : 0);
    }
    const done = scenarios.every((s) => (streak.get(s.name) ?? 0) >= agreementsNeeded);
    if (done || Date.now() > deadline) {
      break;
    }
    await delay(700);
  }
  // The verdict is the last read's: a scenario that agreed for a while and then drifted fails.
  const empty: SetDifference = { missing: [], unexpected: ['(Service not found)'], compared: 0 };
  return scenarios.map((scenario) => ({
    scenario,
    difference: last.get(scenario.name) ?? empty,
    settled: (streak.get(scenario.name) ?? 0) >= agreementsNeeded,
  }));
}

/** A table cell's text: a bar would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function report(
  outcomes: readonly Outcome[],
  known: readonly KnownDifference[],
): { text: string; failed: number } {
  const lines: string[] = [];
  let failed = 0;
  let endpoints = 0;
  for (const { scenario, difference, settled } of outcomes) {
    endpoints += difference.compared;
    const explanation = known.find((k) => k.scenario === scenario.name);
    const verdict = settled ? 'agrees' : explanation ? 'differs (known)' : 'DIFFERS';
    if (!settled && !explanation) {
      failed++;
    }
    lines.push(`| ${scenario.name} | ${scenario.cause} | ${difference.compared} | ${verdict} |`);
    for (const entry of difference.missing) {
      lines.push(`|  | predicted, not written: \`${cell(entry)}\` | | |`);
    }
    for (const entry of difference.unexpected) {
      lines.push(`|  | written, not predicted: \`${cell(entry)}\` | | |`);
    }
  }
  const summary = `${outcomes.length - failed} passed, ${failed} failed (${outcomes.length} Services, ${endpoints} endpoints compared)`;
  return {
    text: ['| Service | scenario | endpoints | result |', '|---|---|---|---|', ...lines, '', summary].join(
      '\n',
    ),
    failed,
  };
}

/** The report page: how it was made, what it compares, then the table. */
function reportDocument(version: string, table: string): string {
  return [
    `# Controller fidelity: routing predictions against kube-controller-manager ${version}`,
    '',
    'Generated by `bash scripts/test-routing-fidelity.sh --report` (the suite is',
    '`test/cluster/routingFidelity.ts`, its scenarios `test/cluster/routingScenarios.ts`). Each',
    'scenario is a Service with the pods (or the Endpoints) that make one routing cause happen, on a',
    'local control plane whose kubelet and scheduler are fakelet. After fakelet has given every pod',
    'its final state, the routing engine (`server/src/service/routing`, rules in',
    '[../rules/routing.md](../rules/routing.md)) predicts the endpoints of each Service from the live',
    'Service, pods, Nodes and Endpoints, and the suite compares them with the endpoints of the',
    "Service's EndpointSlices as sets: address type, the ports of the endpoint's slice, addresses,",
    'the three conditions, hostname, node, zone, target pod and hints. A Service passes when both',
    'agree on three reads in a row. How endpoints are split over slices is not compared.',
    '',
    'Differences that the engine knowingly does not model would be listed, each with its reason, in',
    '`test/cluster/routing-known-differences.json`; it is empty: every scenario agrees.',
    '',
    table,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const kubeconfig = option(argv, '--kubeconfig') ?? process.env['KUBECONFIG'] ?? '';
  const admin = new KubeAdmin(kubeconfig);
  const known = JSON.parse(
    readFileSync(join(root, 'test', 'cluster', 'routing-known-differences.json'), 'utf8'),
  ) as KnownDifference[];
  const began = Date.now();
  await admin.deleteNamespace(namespace, 120_000);
  await admin.createNamespace(namespace);
  try {
    for (const scenario of scenarios) {
      await createScenario(admin, scenario);
    }
    await startTerminations(admin);
    const outcomes = await settle(admin);
    const { text, failed } = report(outcomes, known);
    console.log(text);
    const reportPath = option(argv, '--report');
    if (reportPath) {
      const version = ((await admin.must('GET', '/version')) as { gitVersion?: string }).gitVersion ?? '?';
      writeFileSync(reportPath, reportDocument(version, text));
    }
    console.log(
      `\nrouting fidelity: ${text.split('\n').pop() ?? ''} in ${Math.round((Date.now() - began) / 1000)} s`,
    );
    process.exitCode = failed > 0 ? 1 : 0;
  } finally {
    if (!argv.includes('--keep')) {
      await admin.deleteNamespace(namespace, 120_000);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
