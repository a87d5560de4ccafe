import type { ClusterResults } from '../cluster/run';
import type { ScaleMeasurements } from '../cluster/scaleWorker';
import { count, mb, median, ms, ratio, summarize } from '../util/stats';
import { table } from './table';
import { profileReason } from './targets';
import type { TargetRow } from './targets';

const describeNamespace = (m: ScaleMeasurements): string =>
  m.services === 1
    ? `\`${m.namespace}\` (one Service, ${count(m.endpoints)} endpoints in 1,000 slices)`
    : `\`${m.namespace}\` (${count(m.services)} Services × 100 endpoints)`;

/** Issue 19 target 3, one row per measure, both namespaces in each. */
export function scaleTargets(cluster: ClusterResults | undefined): TargetRow[] {
  const names = [
    'Cluster at 100,000 endpoints in one namespace: first render ≤ 1.5× the raw LIST time',
    'Cluster at 100,000 endpoints: an update on screen p95 < 100 ms',
    'Cluster at 100,000 endpoints: extension-side RSS < 300 MiB',
  ];
  const scale = cluster?.scale;
  if (!scale || scale.namespaces.length === 0) {
    const reason = scale?.note ?? 'cluster benchmark not run';
    return names.map((target) => ({ target, measured: '', verdict: 'not measured', reason }));
  }
  const all = scale.namespaces;
  const render = all.map((m) => ({ m, tree: median(m.expand), list: median(m.floor) }));
  const updates = all.map((m) => ({ m, s: summarize(m.updates), raw: summarize(m.updatesRawWatch) }));
  const renderMet = render.every((r) => r.tree <= 1.5 * r.list);
  const updateMet = updates.every((u) => u.s.p95 < 100);
  const memoryMet = all.every((m) => m.memory.loaded.rss < 300 * 2 ** 20);
  const profile = (what: RegExp): string => profileReason(cluster.profiles, what);
  return [
    {
      target: names[0],
      measured: render
        .map((r) => `${r.m.namespace}: ${ms(r.tree)} vs LIST ${ms(r.list)} → ${ratio(r.tree, r.list)}`)
        .join('; '),
      verdict: renderMet ? 'met' : 'missed',
      reason: renderMet ? '' : profile(/^tree: expand bench-(100k|1svc)/),
    },
    {
      target: names[1],
      measured: updates
        .map(
          (u) => `${u.m.namespace}: p95 ${ms(u.s.p95)}, p50 ${ms(u.s.p50)} (raw watch p95 ${ms(u.raw.p95)})`,
        )
        .join('; '),
      verdict: updateMet ? 'met' : 'missed',
      reason: updateMet ? '' : profile(/^tree: \d+ endpoint updates in bench-(100k|1svc)/),
    },
    {
      target: names[2],
      measured: all
        .map((m) => `${m.namespace}: RSS ${mb(m.memory.loaded.rss)} (heap ${mb(m.memory.loaded.heapUsed)})`)
        .join('; '),
      verdict: memoryMet ? 'met' : 'missed',
      reason: '',
    },
  ];
}

export function scaleSection(cluster: ClusterResults | undefined): string[] {
  const scale = cluster?.scale;
  if (!scale) return [];
  const out = [
    '### 100,000 endpoints in one namespace (issue 19)',
    '',
    `Seeded by \`bench/cluster/seedScale.ts\` (${count(scale.seed.endpoints)} endpoints in ${count(scale.seed.slices)} ` +
      `hand-written slices${scale.seed.reused ? ', reused from an earlier run' : `, in ${scale.seed.seconds.toFixed(0)} s`}). ` +
      'Each namespace is measured by `bench/cluster/scaleWorker.ts` in a process of its own: expand → render as above ' +
      '(fresh session per run, the bare LIST of the same Services and slices taken right before each); then, with the ' +
      'namespace shown (and for the one big Service its merged endpoints and their first range expanded, as a user ' +
      "looking at it would), one endpoint's readiness flipped by a PATCH of its slice, timed to the refreshed items " +
      '(the changed Service presented and its open children rendered), with a raw watch timing the same write. ' +
      'RSS is after GC with the namespace loaded and shown. No node lists more than 1,000 endpoints or slices: longer ' +
      'lists are shown in ranges (`client/src/cluster/model/paging.ts`); "widest list" counts every child of the widest ' +
      'node rendered, messages and the merged node included.',
    '',
    ...(scale.note ? [scale.note, ''] : []),
  ];
  const rows = scale.namespaces.map((m) => {
    const u = summarize(m.updates);
    const raw = summarize(m.updatesRawWatch);
    return [
      describeNamespace(m),
      `${ms(median(m.expand))} (${m.expand.map((v) => Math.round(v)).join(', ')})`,
      `${ms(median(m.floor))} (${m.floor.map((v) => Math.round(v)).join(', ')})`,
      ratio(median(m.expand), median(m.floor)),
      `p50 ${ms(u.p50)}, p95 ${ms(u.p95)} (n = ${u.n})`,
      `p95 ${ms(raw.p95)}`,
      String(m.widestList),
      mb(m.memory.loaded.rss),
    ];
  });
  out.push(
    table(
      [
        'namespace',
        'expand → render, median (runs)',
        'LIST, median (runs)',
        'tree / LIST',
        'update on screen',
        'raw watch',
        'widest list',
        'RSS',
      ],
      rows,
    ),
    '',
  );
  return out;
}
