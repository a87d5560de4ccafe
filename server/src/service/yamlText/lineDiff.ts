/**
 * The lines that differ between two texts, as hunks: an edit made of hunks touches only the
 * lines that change, so an editor's preview shows a readable diff and everything else in the
 * region (comments, blank lines, the user's layout) is not even rewritten.
 */
export interface LineHunk {
  /** Lines `[oldStart, oldEnd)` of the old text become lines `[newStart, newEnd)` of the new. */
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * Past this many differing lines the shortest edit script is not worth its quadratic search:
 * the middle is replaced as one hunk (still correct, only less minimal).
 */
const maxDifferences = 400;

/** Myers' shortest edit script over lines, after the common head and tail are set aside. */
export function lineHunks(oldLines: readonly string[], newLines: readonly string[]): LineHunk[] {
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
  let tail = 0;
  while (
    tail < oldLines.length - head &&
    tail < newLines.length - head &&
    oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  ) {
    tail++;
  }
  const a = oldLines.slice(head, oldLines.length - tail);
  const b = newLines.slice(head, newLines.length - tail);
  if (a.length === 0 && b.length === 0) return [];
  const matches = commonLines(a, b);
  const whole = [{ oldStart: 0, oldEnd: a.length, newStart: 0, newEnd: b.length }];
  const hunks = matches ? hunksBetween(matches, a.length, b.length) : whole;
  return hunks.map((h) => ({
    oldStart: h.oldStart + head,
    oldEnd: h.oldEnd + head,
    newStart: h.newStart + head,
    newEnd: h.newEnd + head,
  }));
}

/** Pairs of equal lines `[i, j]` on a shortest edit script, in order; undefined past the bound. */
function commonLines(a: readonly string[], b: readonly string[]): [number, number][] | undefined {
  const n = a.length;
  const m = b.length;
  // The script has at least |n - m| insertions or deletions.
  if (Math.abs(n - m) > maxDifferences) return undefined;
  const max = Math.min(n + m, maxDifferences);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m, d);
    }
  }
  return undefined;
}

function backtrack(
  trace: Int32Array[],
  offset: number,
  n: number,
  m: number,
  last: number,
): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = last; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      pairs.push([--x, --y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) pairs.push([--x, --y]);
  return pairs.reverse();
}

/** The stretches between equal lines. */
function hunksBetween(matches: readonly [number, number][], n: number, m: number): LineHunk[] {
  const hunks: LineHunk[] = [];
  let i = 0;
  let j = 0;
  for (const [x, y] of [...matches, [n, m] as [number, number]]) {
    if (x > i || y > j) hunks.push({ oldStart: i, oldEnd: x, newStart: j, newEnd: y });
    i = x + 1;
    j = y + 1;
  }
  return hunks;
}

/** `  name:` of `  name: web`, `- ip:` of `- ip: 10.0.0.1`; undefined for a line without a key. */
const keyOf = (line: string | undefined): string | undefined =>
  /^\s*(?:-\s+)?[^\s:#][^:#]*:/.exec(line ?? '')?.[0];

/**
 * A hunk whose first lines change the value of the same key (`name: web` → `name: web-ipv4`)
 * reads better as one change per such line, then the rest: a preview shows each on its own row.
 */
export function splitSameKeyLines(
  hunks: readonly LineHunk[],
  oldLines: readonly string[],
  newLines: readonly string[],
): LineHunk[] {
  const out: LineHunk[] = [];
  for (const hunk of hunks) {
    let { oldStart, newStart } = hunk;
    while (oldStart < hunk.oldEnd && newStart < hunk.newEnd) {
      const key = keyOf(oldLines[oldStart]);
      if (key === undefined || key !== keyOf(newLines[newStart])) break;
      out.push({ oldStart, oldEnd: oldStart + 1, newStart, newEnd: newStart + 1 });
      oldStart++;
      newStart++;
    }
    if (oldStart < hunk.oldEnd || newStart < hunk.newEnd) {
      out.push({ oldStart, oldEnd: hunk.oldEnd, newStart, newEnd: hunk.newEnd });
    }
  }
  return out;
}
