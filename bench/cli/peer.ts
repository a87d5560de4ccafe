import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { latestProfile, summarizeProfile } from '../editor/cpuProfile';
import type { ProfileSummary } from '../editor/cpuProfile';
import { fiveHundredDocuments, sliceFiles } from '../inputs/generate';
import { repoRoot } from '../lsp/servers';
import { loadAverage } from '../util/machine';
import { summarize } from '../util/stats';
import type { Sample } from '../util/stats';
import type { Kubeconform } from './kubeconform';

/** One measured command: wall clock and CPU time (user + system) over the runs. */
export interface CommandTimes {
  label: string;
  command: string;
  wall: Sample;
  cpu: Sample | undefined;
  exitCode: number | null;
}

export interface PeerCase {
  name: string;
  description: string;
  files: number;
  bytes: number;
  /**
   * endpointslice-lint with its default (one thread per core when the input is large enough to
   * gain from worker threads), with `--jobs` = cores (worker threads whatever the size), with
   * `--jobs 1`, and kubeconform.
   */
  ours: CommandTimes;
  oursAllThreads: CommandTimes;
  oursOneThread: CommandTimes;
  peer: CommandTimes;
  /** Whether the default and the `--jobs` = cores reports equal the --jobs 1 report byte for byte. */
  sameOutput: boolean;
  loadBefore: string;
  loadAfter: string;
  /** Where our single-threaded run spends its time, when the target was missed. */
  profile: ProfileSummary | undefined;
}

export interface PeerResults {
  kubeconform: Kubeconform;
  cores: number;
  runs: number;
  cases: PeerCase[];
}

const timeBinary = '/usr/bin/time';

/** Runs a command; CPU time comes from /usr/bin/time when the machine has it. */
function timeCommand(
  command: string,
  args: string[],
): { ms: number; cpuMs?: number; stdout: string; status: number | null } {
  const withTime = existsSync(timeBinary);
  const [file, argv] = withTime ? [timeBinary, ['-f', '@cpu %U %S', command, ...args]] : [command, args];
  const start = performance.now();
  const result = spawnSync(file, argv, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  const line = result.stderr.split('\n').find((l) => l.startsWith('@cpu '));
  const [user = Number.NaN, system = Number.NaN] = (line?.slice(5).split(' ') ?? []).map(Number);
  const cpuMs = line ? (user + system) * 1000 : undefined;
  // GNU time exits with the command's own status.
  return { ms, cpuMs, stdout: result.stdout, status: result.status };
}

interface Runner {
  label: string;
  command: string;
  args: string[];
  walls: number[];
  cpus: number[];
  exitCode: number | null;
  lastStdout: string;
}

function runner(label: string, command: string, args: string[]): Runner {
  return { label, command, args, walls: [], cpus: [], exitCode: null, lastStdout: '' };
}

function finish(r: Runner, shown: string): CommandTimes {
  return {
    label: r.label,
    command: shown,
    wall: summarize(r.walls),
    cpu: r.cpus.length === r.walls.length ? summarize(r.cpus) : undefined,
    exitCode: r.exitCode,
  };
}

/**
 * One input measured four ways, interleaved run by run so a burst of load from elsewhere on
 * the shared machine hits all four alike.
 */
function measureCase(
  name: string,
  description: string,
  corpus: { path: string; files: number; bytes: number },
  kubeconform: Kubeconform,
  runs: number,
  workDir: string,
  log: (line: string) => void,
): PeerCase {
  const cli = resolve(repoRoot, 'dist/cli.js');
  const cores = String(availableParallelism());
  const ours = runner('endpointslice-lint (default)', process.execPath, [cli, corpus.path]);
  const all = runner(`endpointslice-lint --jobs ${cores}`, process.execPath, [
    cli,
    '--jobs',
    cores,
    corpus.path,
  ]);
  const one = runner('endpointslice-lint --jobs 1', process.execPath, [cli, '--jobs', '1', corpus.path]);
  const peer = runner('kubeconform', kubeconform.binary, [...kubeconform.args, corpus.path]);
  const loadBefore = loadAverage();
  // One unmeasured round: the page cache holds the corpus and the binaries for everyone.
  for (let i = 0; i <= runs; i++) {
    for (const r of [peer, ours, all, one]) {
      const run = timeCommand(r.command, r.args);
      r.exitCode = run.status;
      r.lastStdout = run.stdout;
      if (i === 0) continue;
      r.walls.push(run.ms);
      if (run.cpuMs !== undefined) r.cpus.push(run.cpuMs);
    }
    if (i > 0) {
      log(
        `  ${name} run ${i}: kubeconform ${peer.walls.at(-1)?.toFixed(0)} ms, ours ${ours.walls.at(-1)?.toFixed(0)} ms, ` +
          `--jobs ${cores} ${all.walls.at(-1)?.toFixed(0)} ms, --jobs 1 ${one.walls.at(-1)?.toFixed(0)} ms`,
      );
    }
  }
  const loadAfter = loadAverage();
  const result: PeerCase = {
    name,
    description,
    files: corpus.files,
    bytes: corpus.bytes,
    ours: finish(ours, `node dist/cli.js ${name}`),
    oursAllThreads: finish(all, `node dist/cli.js --jobs ${cores} ${name}`),
    oursOneThread: finish(one, `node dist/cli.js --jobs 1 ${name}`),
    peer: finish(peer, `kubeconform ${kubeconform.args.join(' ')} ${name}`),
    sameOutput: ours.lastStdout === one.lastStdout && all.lastStdout === one.lastStdout,
    loadBefore,
    loadAfter,
    profile: undefined,
  };
  if (result.ours.wall.p50 > result.peer.wall.p50) {
    result.profile = profileOneThread(cli, corpus.path, workDir, name);
  }
  return result;
}

/** Our CLI on one thread under --cpu-prof: what a worker spends its time on. */
function profileOneThread(
  cli: string,
  path: string,
  workDir: string,
  name: string,
): ProfileSummary | undefined {
  const dir = join(workDir, `profile-cli-${name.replace(/\W+/g, '-')}`);
  rmSync(dir, { recursive: true, force: true });
  spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=500', cli, '--jobs', '1', path],
    {
      stdio: 'ignore',
    },
  );
  const file = latestProfile(dir);
  return file === undefined ? undefined : summarizeProfile(file, [[0, Number.MAX_SAFE_INTEGER]]);
}

/** The two CI cases: many small files, and one large multi-document file. */
export function runPeerBench(
  workDir: string,
  kubeconform: Kubeconform,
  quick: boolean,
  log: (line: string) => void,
): PeerResults {
  const runs = quick ? 1 : 5;
  const dir = join(workDir, 'cli-slices');
  rmSync(dir, { recursive: true, force: true });
  const files = sliceFiles(dir, quick ? 200 : 2000);
  const bigDir = join(workDir, 'cli-big');
  rmSync(bigDir, { recursive: true, force: true });
  mkdirSync(bigDir, { recursive: true });
  const big = fiveHundredDocuments(bigDir);
  const cases = [
    measureCase(
      'cli-slices/',
      `${files.files.toLocaleString('en-US')} files of one 20-endpoint EndpointSlice each`,
      { path: dir, files: files.files, bytes: files.bytes },
      kubeconform,
      runs,
      workDir,
      log,
    ),
    measureCase(
      'docs-500.yaml',
      `one file of ${big.documents.length} documents (3/4 EndpointSlice, 1/4 Endpoints, 25-95 endpoints each)`,
      { path: big.path, files: 1, bytes: big.bytes },
      kubeconform,
      runs,
      workDir,
      log,
    ),
  ];
  return { kubeconform, cores: availableParallelism(), runs, cases };
}
