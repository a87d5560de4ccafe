import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EditorInput } from '../inputs/generate';
import { LspClient } from '../lsp/client';
import type { ServerSpec } from '../lsp/client';
import { rssOf } from '../util/machine';
import { sleep, summarize } from '../util/stats';
import type { Sample } from '../util/stats';
import type { Position } from 'vscode-languageserver/node';

/** What one server did with one input. */
export interface ScenarioResult {
  server: string;
  input: string;
  openMs: number;
  openDiagnostics: number;
  rssAfterOpen: number | undefined;
  edit: Sample;
  /** The first edit of the document (also in `edit`): the one that finds nothing of it cached. */
  editFirstMs: number | undefined;
  editDiagnostics: number;
  completion: Sample | undefined;
  /** Items returned at each completion position, in the order of completionPositions. */
  completionItems: number[] | undefined;
  completionFirstMs: number | undefined;
  /** Why completion was not measured, when it was not. */
  completionNote: string | undefined;
  /** hrtime (µs) of the edit and completion phases, to cut a CPU profile to them. */
  openWindowUs: [number, number];
  editWindowUs: [number, number];
  completionWindowUs: [number, number];
}

export interface ScenarioPlan {
  edits: number;
  completions: number;
  /** Generous: yaml-language-server takes many seconds on the 9 MB file. */
  timeoutMs: number;
}

/** A tiny file per schema association, opened first so schema loading is not timed. */
export function writeWarmups(dir: string): { uri: string; text: string }[] {
  const slice =
    'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: warm\n  labels:\n' +
    '    kubernetes.io/service-name: warm\naddressType: IPv4\nendpoints:\n- addresses:\n  - 10.1.2.3\n' +
    'ports:\n- name: http\n  port: 80\n  protocol: TCP\n';
  const legacy =
    'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: warm\nsubsets:\n- addresses:\n  - ip: 10.1.2.3\n';
  const files = [
    { name: 'warmup-slice.yaml', text: slice },
    { name: 'warmup-kinds.yaml', text: `${slice}---\n${legacy}` },
  ];
  return files.map(({ name, text }) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return { uri: `file://${path}`, text };
  });
}

/**
 * Completion positions inside the edited document: the start of a key in an endpoint's
 * `conditions` (EndpointConditions keys), the start of an endpoint-level key (Endpoint keys),
 * and the value of `addressType` (its enum). For the 1000-endpoint slice the endpoint is
 * number 500, in the middle of the file.
 */
export function completionPositions(input: EditorInput): Position[] {
  const lines = input.text.split('\n');
  const documentStart =
    input.editLine -
    (input.documents[input.editedIndex] ?? '')
      .split('\n')
      .findIndex((l) => l.includes('bench.endpointslices.dev/edit'));
  const positions: Position[] = [];
  let endpointsSeen = 0;
  const wantedEndpoint = input.documents.length === 1 ? 500 : 1;
  for (let line = documentStart; line < lines.length; line++) {
    const text = lines[line] ?? '';
    if (line > documentStart && text === '---') break;
    if (text.startsWith('addressType: ')) positions.push({ line, character: 'addressType: '.length });
    if (text === '- addresses:') endpointsSeen++;
    if (endpointsSeen === wantedEndpoint) {
      if (text.startsWith('    ready: ')) positions.push({ line, character: 4 });
      if (text.startsWith('  zone: ')) positions.push({ line, character: 2 });
    }
  }
  return positions;
}

/** The drive itself: warm up, open, type `plan.edits` characters, then ask for completions. */
export async function runScenario(
  spec: ServerSpec,
  input: EditorInput,
  plan: ScenarioPlan,
): Promise<ScenarioResult> {
  const client = await LspClient.start(spec);
  try {
    for (const warm of writeWarmups(dirname(input.path))) {
      await client.open(warm.uri, warm.text, plan.timeoutMs);
      await client.close(warm.uri);
    }
    const openStart = hrtimeUs();
    const openMs = await client.open(input.uri, input.text, plan.timeoutMs);
    const openEnd = hrtimeUs();
    const openDiagnostics = client.publishes.at(-1)?.diagnostics ?? 0;
    // A quiet second: the open's garbage is collected before the edits are timed.
    await sleep(1000);
    const rssAfterOpen = rssOf(client.pid);

    const editTimes: number[] = [];
    let editDiagnostics = 0;
    const windowStart = hrtimeUs();
    for (let i = 0; i < plan.edits; i++) {
      // Each edit types one more letter into the annotation's value, so no text ever repeats
      // (a repeated text would be a cache hit, not an edit).
      const position = { line: input.editLine, character: input.editCharacter + i };
      const letter = String.fromCharCode(97 + (i % 26));
      const { ms, diagnostics } = await client.insert(input.uri, i + 2, position, letter, plan.timeoutMs);
      editTimes.push(ms);
      editDiagnostics = diagnostics;
      // Typing speed: a person types a few characters a second; back-to-back edits would time
      // garbage collection of the previous edit as part of the next one.
      await sleep(100);
    }
    const windowEnd = hrtimeUs();

    let completion: Sample | undefined;
    let completionItems: number[] | undefined;
    let completionFirstMs: number | undefined;
    let completionNote: string | undefined;
    if (plan.completions > 0 && !client.hasCompletion) {
      completionNote = 'the server does not advertise completionProvider';
    }
    const completionStart = hrtimeUs();
    if (plan.completions > 0 && client.hasCompletion) {
      const positions = completionPositions(input);
      const times: number[] = [];
      for (let i = 0; i < plan.completions + 1; i++) {
        const position = positions[i % positions.length];
        const { ms, items } = await client.complete(input.uri, position);
        if (i === 0) completionFirstMs = ms;
        else times.push(ms);
        if (i < positions.length) (completionItems ??= []).push(items);
      }
      completion = summarize(times);
    }
    const completionEnd = hrtimeUs();
    await client.close(input.uri);
    return {
      server: spec.name,
      input: input.name,
      openMs,
      openDiagnostics,
      rssAfterOpen,
      edit: summarize(editTimes),
      editFirstMs: editTimes[0],
      editDiagnostics,
      completion,
      completionItems,
      completionFirstMs,
      completionNote,
      openWindowUs: [openStart, openEnd],
      editWindowUs: [windowStart, windowEnd],
      completionWindowUs: [completionStart, completionEnd],
    };
  } finally {
    await client.stop();
  }
}

/** CLOCK_MONOTONIC in µs: the clock V8 stamps CPU profile samples with, in any process. */
export function hrtimeUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
