import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../lsp/servers';

/** The parts of a V8 `.cpuprofile` the summary reads. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  /** Sampled time inside the window, and the part of it the server was not idle. */
  windowMs: number;
  busyMs: number;
  byFunction: ProfileRow[];
  bySource: ProfileRow[];
  /** Inclusive time of the frames that matter for an edit, by original source file. */
  inclusive: ProfileRow[];
}

/** The newest `.cpuprofile` in `dir`. */
export function latestProfile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  files.sort();
  const last = files.at(-1);
  return last === undefined ? undefined : join(dir, last);
}

/**
 * Self and inclusive time per function and per original source file (through the bundle's
 * source map), restricted to windows of CLOCK_MONOTONIC microseconds: the benchmark records
 * when each measured phase starts and ends, and V8 stamps samples on the same clock.
 */
export function summarizeProfile(path: string, windows: [number, number][], top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const mapper = sourceMapper();

  const selfByFunction = new Map<string, number>();
  const selfBySource = new Map<string, number>();
  const inclusiveBySource = new Map<string, number>();
  let time = profile.startTime;
  let windowUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    time += delta;
    if (!windows.some(([from, to]) => time >= from && time <= to)) continue;
    windowUs += delta;
    const node = byId.get(profile.samples[i] ?? -1);
    if (!node) continue;
    const frame = node.callFrame;
    if (frame.functionName === '(idle)') {
      idleUs += delta;
      continue;
    }
    const where = mapper(frame.url, frame.lineNumber, frame.columnNumber);
    const fn = `${frame.functionName || '(anonymous)'} ${where.file}:${where.line}`;
    add(selfByFunction, fn, delta);
    add(selfBySource, frame.url ? where.file : frame.functionName, delta);
    // Inclusive: every source file on the stack once.
    const files = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)?.callFrame;
      if (f?.url) files.add(mapper(f.url, f.lineNumber, f.columnNumber).file);
    }
    for (const f of files) add(inclusiveBySource, f, delta);
  }
  const busyUs = windowUs - idleUs;
  const rows = (map: Map<string, number>): ProfileRow[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  return {
    file: path.startsWith(repoRoot) ? relative(repoRoot, path) : path,
    windowMs: windowUs / 1000,
    busyMs: busyUs / 1000,
    byFunction: rows(selfByFunction),
    bySource: rows(selfBySource),
    inclusive: rows(inclusiveBySource),
  };
}

function add(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Maps bundle positions back to TypeScript sources; other frames keep their own file name. */
function sourceMapper(): (url: string, line: number, column: number) => { file: string; line: number } {
  const maps = new Map<string, SourceMap | null>();
  return (url, line, column) => {
    if (!url) return { file: '(native)', line: 0 };
    const path = url.startsWith('file://') ? new URL(url).pathname : url;
    if (!maps.has(path)) {
      const mapPath = `${path}.map`;
      maps.set(
        path,
        existsSync(mapPath) ? new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')) as never) : null,
      );
    }
    const map = maps.get(path);
    // Typed here: @types/node 20 declares the result loosely (a mapping, or {} when none).
    const entry: { originalSource?: string; originalLine?: number } | undefined = map?.findEntry(
      line,
      column,
    );
    if (entry?.originalSource) {
      // Sources are relative to the map (tsc) or file URLs; shown relative to the repository.
      const original = entry.originalSource.startsWith('file://')
        ? new URL(entry.originalSource).pathname
        : resolve(dirname(path), entry.originalSource);
      const source = relative(repoRoot, original).replace(/^.*?node_modules\//, 'node_modules/');
      return { file: source, line: (entry.originalLine ?? 0) + 1 };
    }
    return { file: path.startsWith('node:') ? path : basename(path), line: line + 1 };
  };
}
