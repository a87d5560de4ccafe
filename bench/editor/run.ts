import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiServer } from '../cluster/api';
import { fiveHundredDocuments, largeDump, mixedKinds, sliceAtLimit } from '../inputs/generate';
import type { EditorInput } from '../inputs/generate';
import { ourServer, yamlLanguageServer } from '../lsp/servers';
import { latestProfile, summarizeProfile } from './cpuProfile';
import type { ProfileSummary } from './cpuProfile';
import { parseFloor } from './floors';
import type { ParseFloor } from './floors';
import { runScenario } from './scenario';
import type { ScenarioPlan, ScenarioResult } from './scenario';
import { writeSchemas } from './schemas';
import type { SchemaFiles } from './schemas';

export interface InputInfo {
  name: string;
  description: string;
  bytes: number;
  lines: number;
  documents: number;
  editedIndex: number;
  editLine: number;
}

export interface EditorResults {
  inputs: InputInfo[];
  floors: ParseFloor[];
  results: ScenarioResult[];
  schemas: SchemaFiles;
  profiles: { label: string; summary: ProfileSummary }[];
}

export interface EditorOptions {
  workDir: string;
  api: ApiServer;
  quick: boolean;
  /** Profile our server even where the targets are met. */
  profile: boolean;
  log: (line: string) => void;
}

/** How much of each input each server is asked to do; yaml-language-server needs seconds per edit. */
function plans(
  input: string,
  quick: boolean,
): { ours: ScenarioPlan; peer: ScenarioPlan; floorRuns: [number, number] } {
  const q = (n: number): number => (quick ? Math.max(1, Math.ceil(n / 5)) : n);
  const timeoutMs = 15 * 60_000;
  switch (input) {
    case 'slice-1000.yaml':
      return {
        ours: { edits: q(30), completions: q(300), timeoutMs },
        peer: { edits: q(10), completions: q(100), timeoutMs },
        floorRuns: [q(50), q(10)],
      };
    case 'dump-15mb.yaml':
      // Measured for opening: a few edits and completions show it stays usable once open.
      return {
        ours: { edits: q(10), completions: q(10), timeoutMs },
        peer: { edits: 1, completions: 1, timeoutMs },
        floorRuns: [q(20), quick ? 1 : 2],
      };
    case 'docs-500.yaml':
      return {
        ours: { edits: q(30), completions: q(60), timeoutMs },
        peer: { edits: quick ? 1 : 3, completions: quick ? 1 : 3, timeoutMs },
        floorRuns: [q(50), quick ? 1 : 3],
      };
    default:
      return {
        ours: { edits: q(30), completions: q(60), timeoutMs },
        peer: { edits: q(5), completions: q(10), timeoutMs },
        floorRuns: [q(50), q(5)],
      };
  }
}

/** The editor benchmark: both servers on the four inputs, the parse floors, and profiles. */
export async function runEditorBench(options: EditorOptions): Promise<EditorResults> {
  const { workDir, log } = options;
  const dir = join(workDir, 'editor');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const schemas = await writeSchemas(options.api, dir);
  log(`schemas from ${schemas.source}`);
  const inputs: EditorInput[] = [
    sliceAtLimit(dir),
    fiveHundredDocuments(dir),
    largeDump(dir),
    mixedKinds(dir),
  ];
  const results: ScenarioResult[] = [];
  const floors: ParseFloor[] = [];
  const profiles: EditorResults['profiles'] = [];

  for (const input of inputs) {
    const plan = plans(input.name, options.quick);
    log(
      `${input.name}: ${(input.bytes / 1e6).toFixed(1)} MB, ${input.lines} lines, ${input.documents.length} documents`,
    );
    // The floor runs alone, before any server exists, so nothing competes for the two cores.
    const floor = parseFloor(input, plan.floorRuns[0], plan.floorRuns[1]);
    floors.push(floor);
    log(`  floor: document ${floor.document.p50.toFixed(1)} ms, whole file ${floor.file.p50.toFixed(0)} ms`);
    const ours = await runScenario(ourServer(), input, plan.ours);
    results.push(ours);
    log(
      `  ours: open ${ours.openMs.toFixed(0)} ms, edit p50 ${ours.edit.p50.toFixed(1)} ms` +
        (ours.completion ? `, completion p95 ${ours.completion.p95.toFixed(1)} ms` : ''),
    );
    const peer = await runScenario(yamlLanguageServer(schemas), input, plan.peer);
    results.push(peer);
    log(
      `  yaml-language-server: open ${peer.openMs.toFixed(0)} ms, edit p50 ${peer.edit.p50.toFixed(0)} ms` +
        (peer.completion ? `, completion p95 ${peer.completion.p95.toFixed(1)} ms` : ''),
    );

    const editMissed = input.name === 'docs-500.yaml' && ours.edit.p50 > 1.2 * floor.document.p50;
    const completionMissed = input.name === 'slice-1000.yaml' && (ours.completion?.p95 ?? 0) >= 15;
    if (options.profile || editMissed || completionMissed) {
      profiles.push(...(await profileOurs(dir, input, plan.ours, log)));
    }
  }
  return {
    inputs: inputs.map((i) => ({
      name: i.name,
      description: i.description,
      bytes: i.bytes,
      lines: i.lines,
      documents: i.documents.length,
      editedIndex: i.editedIndex,
      editLine: i.editLine,
    })),
    floors,
    results,
    schemas,
    profiles,
  };
}

/** Runs the scenario again under `node --cpu-prof` and summarises the edit and completion phases. */
async function profileOurs(
  dir: string,
  input: EditorInput,
  plan: ScenarioPlan,
  log: (line: string) => void,
): Promise<{ label: string; summary: ProfileSummary }[]> {
  const profileDir = join(dir, `profile-${input.name.replace(/\.yaml$/, '')}`);
  rmSync(profileDir, { recursive: true, force: true });
  const run = await runScenario(
    ourServer(['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=200']),
    input,
    plan,
  );
  const file = latestProfile(profileDir);
  if (!file) {
    log(`  profile: no .cpuprofile written in ${profileDir}`);
    return [];
  }
  log(`  profile: ${file}`);
  const out = [
    { label: `${input.name}: didOpen`, summary: summarizeProfile(file, [run.openWindowUs]) },
    { label: `${input.name}: ${plan.edits} edits`, summary: summarizeProfile(file, [run.editWindowUs]) },
  ];
  if (run.completion) {
    out.push({
      label: `${input.name}: ${plan.completions} completions`,
      summary: summarizeProfile(file, [run.completionWindowUs]),
    });
  }
  return out;
}
