import type { PeerCase, PeerResults } from '../cli/peer';
import type { CliResults } from '../cli/run';
import type { ProfileSummary } from '../editor/cpuProfile';
import { megabytes, ms, ratio } from '../util/stats';
import type { Sample } from '../util/stats';
import { table } from './table';
import type { TargetRow } from './targets';

const spread = (s: Sample): string => `${ms(s.min)} – ${ms(s.max)}`;

/**
 * "31% parsing YAML (…)" from a profile: what a thread of ours spends its time on. Parsing is the
 * plain reader (`yaml/plain*.ts`) and the `yaml` package, which parses what the reader leaves to
 * the full parse.
 */
export function cliLimit(profile: ProfileSummary | undefined): string {
  if (!profile) return 'no profile taken';
  const parsing = profile.bySource
    .filter(
      (r) => r.name.startsWith('node_modules/yaml/') || r.name.startsWith('server/src/service/yaml/plain'),
    )
    .reduce((n, r) => n + r.share, 0);
  const top = profile.bySource
    .slice(0, 4)
    .map((row) => `${Math.round(row.share * 100)}% ${row.name}`)
    .join(', ');
  return (
    `one thread of ours spends ${Math.round(parsing * 100)}% of its CPU (self time) parsing YAML ` +
    `(the plain reader and the \`yaml\` package); top self time: ${top} (profile in "Profiles")`
  );
}

/** Issue 19 target 1: wall time ≤ 1.0× kubeconform's on both inputs. */
export function cliTargets(cli: CliResults | undefined): TargetRow[] {
  const target = (c: { name: string }): string => `CLI: wall time ≤ 1.0× kubeconform on \`${c.name}\``;
  if (!cli?.peer) {
    return [
      {
        target: 'CLI: wall time ≤ 1.0× kubeconform',
        measured: '',
        verdict: 'not measured',
        reason: 'CLI benchmark not run',
      },
    ];
  }
  return cli.peer.cases.map((c) => {
    const met = c.ours.wall.p50 <= c.peer.wall.p50;
    return {
      target: target(c),
      measured:
        `${ms(c.ours.wall.p50)} vs kubeconform ${ms(c.peer.wall.p50)} → ${ratio(c.ours.wall.p50, c.peer.wall.p50)} ` +
        `(medians of ${c.ours.wall.n}; same report with and without worker threads: ${c.sameOutput ? 'yes' : '**no**'})`,
      verdict: met ? 'met' : 'missed',
      reason: met ? '' : cliLimit(c.profile),
    };
  });
}

function caseRows(c: PeerCase): string[][] {
  return [c.ours, c.oursAllThreads, c.oursOneThread, c.peer].map((t) => [
    t.label,
    ms(t.wall.p50),
    spread(t.wall),
    t.cpu ? ms(t.cpu.p50) : 'n/a',
    ratio(t.wall.p50, c.peer.wall.p50),
    String(t.exitCode),
  ]);
}

export function peerSection(peer: PeerResults | undefined): string[] {
  if (!peer) return [];
  const k = peer.kubeconform;
  const out = [
    '## CLI: endpointslice-lint against kubeconform',
    '',
    `Both tools check the same inputs in the same run, interleaved run by run, after one unmeasured round; ` +
      `median and spread (min – max) of ${peer.runs} runs, CPU time is user + system from \`/usr/bin/time\`. ` +
      `Ours runs three ways: with its default (one thread per core, ${peer.cores} here, when the input is large ` +
      'enough to gain from worker threads: 10 MB on 2 cores), with `--jobs` set to the cores (worker threads ' +
      'whatever the size) and with `--jobs 1`; default text output; every rule is applied. "same report" ' +
      'compares the three reports byte for byte.',
    '',
    `- **kubeconform ${'`'}${k.binary.split('/').slice(-2).join('/')}${'`'}** built by the bench from the Go module proxy ` +
      `(\`go install github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0\`, ${k.go}), run as ` +
      `\`kubeconform ${k.args.join(' ')} PATH\` (its default of 4 goroutines), with JSON schemas of EndpointSlice ` +
      `and Endpoints made from our local kube-apiserver's OpenAPI (${k.schemaSource}): refs inlined, ` +
      "`additionalProperties: false`, as kubernetes-json-schema's standalone-strict flavour. It checks types, " +
      "required fields and unknown fields; none of the apiserver's own validation.",
    '',
  ];
  for (const c of peer.cases) {
    out.push(
      `### \`${c.name}\`: ${c.description}, ${megabytes(c.bytes)}`,
      '',
      `Load average before → after: ${c.loadBefore} → ${c.loadAfter}. Same report with and without worker threads: ${c.sameOutput ? 'yes' : '**no**'}.`,
      '',
      table(
        ['command', 'wall clock (median)', 'spread', 'CPU time (median)', '/ kubeconform', 'exit'],
        caseRows(c),
      ),
      '',
    );
  }
  return out;
}

/** The single-thread profiles taken where ours was slower than kubeconform. */
export function cliProfiles(cli: CliResults | undefined): { label: string; summary: ProfileSummary }[] {
  return (cli?.peer?.cases ?? []).flatMap((c) =>
    c.profile ? [{ label: `CLI: endpointslice-lint --jobs 1 ${c.name}`, summary: c.profile }] : [],
  );
}
