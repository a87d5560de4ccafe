import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareKubeconform } from './cli/kubeconform';
import { runPeerBench } from './cli/peer';
import { runCliBench } from './cli/run';
import { ApiServer } from './cluster/api';
import { runClusterBench, startPrivateCluster, stopPrivateCluster } from './cluster/run';
import { runEditorBench } from './editor/run';
import { runPictureBench } from './picture/run';
import { repoRoot } from './lsp/servers';
import { renderReport } from './report/markdown';
import type { BenchReport } from './report/markdown';
import { describeMachine, loadAverage } from './util/machine';

/**
 * `npm run bench`: the editor, CLI and cluster benchmarks of issues 7 and 19, then docs/benchmarks.md.
 *
 *   --quick          a fifth of the repetitions (for trying the harness, not for the docs)
 *   --profile        CPU-profile our server and the tree worker even where targets are met
 *   --only=LIST      editor,cli,cluster,picture (default all)
 *   --keep-cluster   leave the private cluster running (the next run reuses its seed)
 *   --out=FILE       where the Markdown goes (default docs/benchmarks.md; for --quick or --only
 *                    runs, the work directory, so a partial run never replaces the published table)
 */
const usage =
  'usage: node out/bench/main.js [--quick] [--profile] [--only=editor,cli,cluster,picture] [--keep-cluster] [--out=FILE]';

function option(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(args: string[]): Promise<void> {
  const known = /^--(quick|profile|keep-cluster|only=.+|out=.+)$/;
  const unknown = args.find((a) => !known.test(a));
  if (unknown !== undefined) throw new Error(`unknown argument ${unknown}\n${usage}`);
  const quick = args.includes('--quick');
  const profile = args.includes('--profile');
  const keepCluster = args.includes('--keep-cluster');
  const only = new Set((option(args, 'only') ?? 'editor,cli,cluster,picture').split(','));
  const workDir = join(tmpdir(), 'endpointslices-bench-work');
  const partial = quick || option(args, 'only') !== undefined;
  const out = resolve(
    repoRoot,
    option(args, 'out') ?? (partial ? join(workDir, 'benchmarks.md') : 'docs/benchmarks.md'),
  );
  mkdirSync(workDir, { recursive: true });
  const started = performance.now();
  const log = (line: string): void => {
    process.stderr.write(
      `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`,
    );
  };
  const report: BenchReport = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
    durationS: 0,
    machine: describeMachine(),
    code: describeCode(),
    loadAtEnd: '',
  };
  log(
    `machine: ${report.machine.cores} cores, ${report.machine.cpuModel}, Node ${report.machine.node}, load ${report.machine.loadAverage}`,
  );

  // The cluster is needed first for the OpenAPI schemas yaml-language-server gets; it stays idle
  // until the cluster benchmark seeds it, after the editor and CLI numbers are taken.
  // kubeconform's schemas come from the same OpenAPI.
  const needsCluster = only.has('editor') || only.has('cluster') || only.has('cli');
  const kubeconfig = needsCluster ? startPrivateCluster(log) : undefined;
  try {
    if (only.has('editor') && kubeconfig) {
      const api = new ApiServer(kubeconfig);
      try {
        report.editor = await runEditorBench({ workDir, api, quick, profile, log });
      } finally {
        api.close();
      }
    }
    if (only.has('cli')) {
      report.cli = runCliBench(workDir, quick, log);
      if (kubeconfig) {
        const api = new ApiServer(kubeconfig);
        try {
          const kubeconform = await prepareKubeconform(workDir, api, log);
          report.cli.peer = runPeerBench(workDir, kubeconform, quick, log);
        } finally {
          api.close();
        }
      }
    }
    if (only.has('picture')) report.picture = await runPictureBench(quick, log);
    if (only.has('cluster')) {
      // The cluster is stopped below, once, whatever happened.
      report.cluster = await runClusterBench({ workDir, quick, profile, keepCluster: true, log });
    }
    report.durationS = (performance.now() - started) / 1000;
    report.loadAtEnd = loadAverage();
    writeFileSync(join(workDir, 'results.json'), JSON.stringify(report, null, 1));
    writeFileSync(out, `${renderReport(report)}\n`);
  } finally {
    if (kubeconfig && !keepCluster) stopPrivateCluster(log);
  }
  log(`wrote ${out} (raw numbers: ${join(workDir, 'results.json')})`);
}

/** Which code was measured: the commit, and how much of the working tree differs from it. */
function describeCode(): { commit: string; changedFiles: number } {
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    // The previous table is not code: regenerating it after a run must not mark the next one.
    const changed = git('status', '--porcelain', '--', '.', ':(exclude)docs/benchmarks.md');
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      changedFiles: changed ? changed.split('\n').length : 0,
    };
  } catch {
    return { commit: 'unknown (not a git checkout)', changedFiles: 0 };
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
