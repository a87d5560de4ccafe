import type { ClusterResults } from '../cluster/run';
import type { ProfileSummary } from '../editor/cpuProfile';
import type { EditorResults } from '../editor/run';
import type { ScenarioResult } from '../editor/scenario';
import { ylsValidationDelayMs } from '../lsp/servers';
import { mb, median, ms, ratio, summarize } from '../util/stats';

/** One of the targets, judged on this run's numbers. */
export interface TargetRow {
  target: string;
  measured: string;
  verdict: 'met' | 'missed' | 'not measured';
  reason: string;
}

export function scenario(editor: EditorResults, input: string, server: string): ScenarioResult | undefined {
  return editor.results.find((r) => r.input === input && r.server === server);
}

/** "38% garbage collector, 28% server/src/service/source/split.ts, …" from a profile's self time by file. */
export function profileReason(profiles: { label: string; summary: ProfileSummary }[], label: RegExp): string {
  const found = profiles.find((p) => label.test(p.label));
  if (!found) return 'no profile taken';
  const top = found.summary.bySource
    .slice(0, 4)
    .map((row) => `${Math.round(row.share * 100)}% ${row.name}`)
    .join(', ');
  return `CPU profile of that phase (self time): ${top}; see "Profiles" below`;
}

export function editorTargets(editor: EditorResults | undefined): TargetRow[] {
  if (!editor) {
    return [
      {
        target: 'Edit in the 500-document file ≤ 1.2× parse of the edited document',
        measured: '',
        verdict: 'not measured',
        reason: 'editor benchmark not run',
      },
      {
        target: 'Edit in the 500-document file ≥ 50× faster than yaml-language-server',
        measured: '',
        verdict: 'not measured',
        reason: 'editor benchmark not run',
      },
      {
        target: 'A keystroke in the 1000-endpoint slice: reparsed and revalidated in ≤ 40 ms',
        measured: '',
        verdict: 'not measured',
        reason: 'editor benchmark not run',
      },
      {
        target: 'Completion p95 < 15 ms in the 1000-endpoint slice',
        measured: '',
        verdict: 'not measured',
        reason: 'editor benchmark not run',
      },
    ];
  }
  const rows: TargetRow[] = [];
  const ours = scenario(editor, 'docs-500.yaml', 'endpointslices');
  const peer = scenario(editor, 'docs-500.yaml', 'yaml-language-server');
  const floor = editor.floors.find((f) => f.input === 'docs-500.yaml');
  if (ours && floor) {
    const limit = 1.2 * floor.document.p50;
    const met = ours.edit.p50 <= limit;
    rows.push({
      target: 'Edit in the 500-document file: diagnostics ≤ 1.2× `yaml` parse of the edited document alone',
      measured: `${ms(ours.edit.p50)} p50 (${ms(ours.edit.p95)} p95) vs parse ${ms(floor.document.p50)} → ${ratio(ours.edit.p50, floor.document.p50)} (limit ${ms(limit)})`,
      verdict: met ? 'met' : 'missed',
      reason: met
        ? `${ours.edit.p50 < floor.document.p50 ? 'below the floor' : 'within the limit'}: the server parses less than the edited document, only its edited top-level section (\`yaml/sectionParse.ts\`), and nothing of the other documents (\`source/chunkedText.ts\`); the first edit of a document parses all of it (${ms(ours.editFirstMs)} here)`
        : profileReason(editor.profiles, /^docs-500\.yaml: .* edits$/),
    });
  }
  if (ours && peer) {
    const work = peer.edit.p50 - ylsValidationDelayMs;
    const speedup = work / ours.edit.p50;
    rows.push({
      target: 'Same edit ≥ 50× faster than yaml-language-server',
      measured: `yaml-language-server ${ms(peer.edit.p50)} (${ms(work)} without its fixed 200 ms delay) vs ours ${ms(ours.edit.p50)} → ${ratio(work, ours.edit.p50)}`,
      verdict: speedup >= 50 ? 'met' : 'missed',
      reason:
        speedup >= 50
          ? ''
          : `ours is ${ratio(ours.edit.p50, floor?.document.p50)} its floor; at the floor it would be ${ratio(work, floor?.document.p50)} faster. ${profileReason(editor.profiles, /^docs-500\.yaml: .* edits$/)}`,
    });
  }
  rows.push(...dumpTargets(editor));
  const slice = scenario(editor, 'slice-1000.yaml', 'endpointslices');
  if (slice) {
    rows.push(sliceEditTarget(slice, editor));
    if (!slice.completion) {
      rows.push({
        target: 'Completion p95 < 15 ms in the 1000-endpoint slice',
        measured: 'n/a',
        verdict: 'not measured',
        reason: slice.completionNote ?? 'no completion measured',
      });
    } else {
      const met = slice.completion.p95 < 15;
      rows.push({
        target: 'Completion p95 < 15 ms in the 1000-endpoint slice',
        measured: `p95 ${ms(slice.completion.p95)} (p50 ${ms(slice.completion.p50)}, ${slice.completion.n} requests)`,
        verdict: met ? 'met' : 'missed',
        reason: met ? '' : profileReason(editor.profiles, /^slice-1000\.yaml: .* completions$/),
      });
    }
  }
  return rows;
}

/**
 * Issue 19's target 2 on the largest single object: a keystroke in the 1000-endpoint slice
 * reparses and revalidates it in ≤ 40 ms, judged on the median keystroke like the edit target
 * above (the first edit, which parses the whole document, is in the spread and reported apart).
 */
function sliceEditTarget(slice: ScenarioResult, editor: EditorResults): TargetRow {
  const met = slice.edit.p50 <= 40;
  return {
    target: 'A keystroke in the 1000-endpoint slice: reparsed and revalidated in ≤ 40 ms',
    measured: `${ms(slice.edit.p50)} p50, ${ms(slice.edit.p95)} p95 (one-character edits → diagnostics; the first edit of the document ${ms(slice.editFirstMs)})`,
    verdict: met ? 'met' : 'missed',
    reason: met ? '' : profileReason(editor.profiles, /^slice-1000\.yaml: .* edits$/),
  };
}

/** The target 2 on its 15 MB file: complete diagnostics on open in ≤ 3 s, ≥ 4× the peer. */
function dumpTargets(editor: EditorResults): TargetRow[] {
  const ours = scenario(editor, 'dump-15mb.yaml', 'endpointslices');
  const peer = scenario(editor, 'dump-15mb.yaml', 'yaml-language-server');
  const input = editor.inputs.find((i) => i.name === 'dump-15mb.yaml');
  if (!ours || !input) return [];
  const size = `${(input.bytes / 1e6).toFixed(1)} MB`;
  const rows: TargetRow[] = [
    {
      target: `Open the ${size} dump to complete diagnostics in ≤ 3 s`,
      measured: `${ms(ours.openMs)} (didOpen → publishDiagnostics)`,
      verdict: ours.openMs <= 3000 ? 'met' : 'missed',
      reason: ours.openMs <= 3000 ? '' : profileReason(editor.profiles, /^dump-15mb\.yaml/),
    },
  ];
  if (peer) {
    const work = peer.openMs - ylsValidationDelayMs;
    rows.push({
      target: `Open the ${size} dump ≥ 4× faster than yaml-language-server`,
      measured: `yaml-language-server ${ms(peer.openMs)} (${ms(work)} without its fixed 200 ms delay) vs ours ${ms(ours.openMs)} → ${ratio(work, ours.openMs)}`,
      verdict: work >= 4 * ours.openMs ? 'met' : 'missed',
      reason: work >= 4 * ours.openMs ? '' : profileReason(editor.profiles, /^dump-15mb\.yaml/),
    });
  }
  return rows;
}

export function clusterTargets(cluster: ClusterResults | undefined): TargetRow[] {
  const none = (target: string, reason: string): TargetRow => ({
    target,
    measured: '',
    verdict: 'not measured',
    reason,
  });
  const targets = [
    'Cluster: first render ≤ 1.5× the raw LIST time',
    'Cluster: readiness change → tree item update p95 < 100 ms',
    'Cluster: extension-side memory < 200 MB with 20,000 endpoints',
  ];
  if (!cluster) return targets.map((t) => none(t, 'cluster benchmark not run'));
  const tree = cluster.tree;
  if (!tree) return targets.map((t) => none(t, cluster.treeNote ?? 'tree side not measured'));
  const big = median(tree.expand[0]?.runs ?? []);
  const pairedFloor = median(tree.expand[0]?.floorRuns ?? []);
  const flips = summarize(tree.flips);
  const heap = tree.memory.loaded.heapUsed - tree.memory.bare.heapUsed;
  const rows: TargetRow[] = [];
  const renderMet = big <= 1.5 * pairedFloor;
  rows.push({
    target: `${targets[0]} (bench-big: 1,000 Services, 10,000 endpoints)`,
    measured: `${ms(big)} median vs LIST ${ms(pairedFloor)} (taken alternately with it) → ${ratio(big, pairedFloor)}`,
    verdict: renderMet ? 'met' : 'missed',
    reason: renderMet ? '' : profileReason(cluster.profiles, /^tree: expand/),
  });
  rows.push({
    target: targets[1],
    measured: `p95 ${ms(flips.p95)}, p50 ${ms(flips.p50)} (${flips.n} flips; a raw watch saw the same flips at p95 ${ms(summarize(tree.flipsRawWatch).p95)})`,
    verdict: flips.p95 < 100 ? 'met' : 'missed',
    reason: flips.p95 < 100 ? '' : profileReason(cluster.profiles, /^tree: .* flips$/),
  });
  rows.push({
    target: targets[2],
    measured: `heap +${mb(heap)} over a bare Node process (${mb(tree.memory.loaded.heapUsed)} in all), RSS ${mb(tree.memory.loaded.rss)}; ${tree.memory.endpointsInModel.toLocaleString('en-US')} endpoints in the model`,
    verdict: tree.memory.loaded.rss < 200 * 1024 * 1024 ? 'met' : 'missed',
    reason:
      tree.memory.loaded.rss < 200 * 1024 * 1024
        ? ''
        : `RSS ${mb(tree.memory.loaded.rss)} of which the idle session (client library loaded) is ${mb(tree.memory.idle.rss)}`,
  });
  return rows;
}
