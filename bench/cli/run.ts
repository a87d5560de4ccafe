import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliCorpus } from '../inputs/generate';
import type { Corpus } from '../inputs/generate';
import { repoRoot } from '../lsp/servers';
import { percentile } from '../util/stats';
import type { PeerResults } from './peer';

export interface CliResults {
  corpus: Corpus;
  command: string;
  runs: number;
  /** Wall clock of the whole CLI process (median of runs), and what it reported. */
  cliMs: number;
  cliDocuments: number;
  cliExitCode: number | null;
  /** The floor process: wall clock, and the part spent in parseAllDocuments. */
  floorMs: number;
  floorParseMs: number;
  floorDocuments: number;
  /** endpointslice-lint against kubeconform on the two CI inputs (needs the cluster's OpenAPI). */
  peer?: PeerResults;
}

/** Runs a Node script and returns its wall-clock time, stdout and exit code. */
function timeNode(
  args: string[],
  allowFailure = false,
): { ms: number; stdout: string; status: number | null } {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  if (!allowFailure && result.status !== 0) {
    throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return { ms, stdout: result.stdout, status: result.status };
}

/**
 * The CLI benchmark: `endpointslice-lint --format json` on a repository-like corpus, against a
 * process that only reads and parses the same files with `yaml`. Both are whole processes, so
 * both pay Node's start-up; the report also gives the floor's pure parse time.
 */
export function runCliBench(workDir: string, quick: boolean, log: (line: string) => void): CliResults {
  const dir = join(workDir, 'cli-corpus');
  rmSync(dir, { recursive: true, force: true });
  const corpus = quick ? cliCorpus(dir, 10, 20) : cliCorpus(dir);
  log(`corpus: ${corpus.files} files, ${corpus.documents} documents, ${(corpus.bytes / 1e6).toFixed(1)} MB`);
  const runs = quick ? 1 : 3;
  const cli = resolve(repoRoot, 'dist/cli.js');
  const worker = resolve(__dirname, 'floorWorker.js');

  const cliTimes: number[] = [];
  let cliDocuments = 0;
  let cliExitCode: number | null = null;
  const floorTimes: number[] = [];
  const floorParse: number[] = [];
  let floorDocuments = 0;
  // Exit code 1 (errors found) is a normal CLI result. Interleaved, so a burst of load from elsewhere on the machine hits both sides alike.
  for (let i = 0; i < runs; i++) {
    const run = timeNode([cli, '--format', 'json', dir], true);
    cliTimes.push(run.ms);
    cliExitCode = run.status;
    const report = JSON.parse(run.stdout) as { files: { documents: unknown[] }[] };
    cliDocuments = report.files.reduce((n, f) => n + f.documents.length, 0);
    const floor = timeNode([worker, dir]);
    const parsed = JSON.parse(floor.stdout) as { documents: number; parseMs: number };
    floorTimes.push(floor.ms);
    floorParse.push(parsed.parseMs);
    floorDocuments = parsed.documents;
    log(
      `  run ${i + 1}: cli ${run.ms.toFixed(0)} ms, floor ${floor.ms.toFixed(0)} ms (parse ${parsed.parseMs.toFixed(0)} ms)`,
    );
  }
  return {
    corpus,
    command: `node dist/cli.js --format json ${dir}`,
    runs,
    cliMs: percentile(cliTimes, 50),
    cliDocuments,
    cliExitCode,
    floorMs: percentile(floorTimes, 50),
    floorParseMs: percentile(floorParse, 50),
    floorDocuments,
  };
}
