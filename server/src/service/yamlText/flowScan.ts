/**
 * A light scanner over a document's lines that knows where flow collections (`[...]`, `{...}`),
 * quoted scalars and block scalars (`|`, `>`) are, without parsing. The block walk skips lines
 * that start inside them, and a cursor inside a flow collection gets the stack of collections
 * around it, with the key being written in each map.
 */
export interface FlowFrame {
  type: 'map' | 'seq';
  /** Line and column of the opening bracket. */
  line: number;
  column: number;
  /** Items (seq) or entries (map) completed before the current one. */
  index: number;
  /** In a map: the key of the current entry, once its `:` was seen. */
  key?: string;
  /** Keys of the map's entries so far. */
  keys: string[];
  /** The raw text of the current token before its `:`, for keys. */
  pending: string;
}

interface State {
  frames: FlowFrame[];
  quote: string;
  blockScalarIndent: number;
}

/** The scanner's state where a line starts: what it is inside of. */
interface LineStart {
  frames: FlowFrame[];
  quote: string;
  blockScalarIndent: number;
}

/** A cursor-independent scan of a document, reusable for every request on the same text. */
export interface DocumentScan {
  continuation: boolean[];
  starts: LineStart[];
}

const outside: LineStart = Object.freeze({ frames: [], quote: '', blockScalarIndent: -1 });

export function scanDocument(lines: readonly string[]): DocumentScan {
  const state: State = { frames: [], quote: '', blockScalarIndent: -1 };
  const continuation: boolean[] = [];
  const starts: LineStart[] = [];
  lines.forEach((line, index) => {
    continuation.push(startsInside(state, line));
    // Most lines start outside everything; they share one frozen snapshot.
    starts.push(
      state.frames.length === 0 && !state.quote && state.blockScalarIndent < 0 ? outside : copyState(state),
    );
    if (!continuation[index] || state.frames.length > 0 || state.quote) {
      scanLine(state, line, index, line.length);
    }
  });
  return { continuation, starts };
}

/** The collections open at the cursor, from the scan's snapshot at the start of its line. */
export function framesAt(
  scan: DocumentScan,
  lines: readonly string[],
  cursor: { line: number; character: number },
): { frames: FlowFrame[]; inQuote: boolean } {
  const state = copyState(scan.starts[cursor.line] ?? outside);
  const line = lines[cursor.line] ?? '';
  if (!scan.continuation[cursor.line] || state.frames.length > 0 || state.quote) {
    scanLine(state, line, cursor.line, cursor.character);
  }
  return { frames: state.frames, inQuote: !!state.quote };
}

function copyState(state: LineStart): State {
  return {
    frames: state.frames.map((f) => ({ ...f, keys: [...f.keys] })),
    quote: state.quote,
    blockScalarIndent: state.blockScalarIndent,
  };
}

function startsInside(state: State, line: string): boolean {
  if (state.blockScalarIndent >= 0) {
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '' || indent > state.blockScalarIndent) return true;
    state.blockScalarIndent = -1;
  }
  return state.frames.length > 0 || state.quote !== '';
}

/** Scans `line` from `from` to `stop`, updating the state. */
function scanLine(state: State, line: string, lineIndex: number, stop: number, from = 0): void {
  if (state.blockScalarIndent >= 0) return;
  // A line starts at a token boundary; so, as far as this scanner cares, does the cursor.
  let tokenStart = true;
  for (let i = from; i < stop; i++) {
    const ch = line[i] ?? '';
    if (state.quote) {
      if (state.quote === '"' && ch === '\\') i++;
      else if (ch === state.quote && !(ch === "'" && line[i + 1] === "'")) state.quote = '';
      else if (ch === "'" && line[i + 1] === "'") i++;
      continue;
    }
    if (ch === ' ' || ch === '\t') continue;
    if (ch === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return;
    const next = line[i + 1];
    const blankNext = next === undefined || next === ' ' || next === '\t';
    if (tokenStart && (ch === '"' || ch === "'")) {
      state.quote = ch;
      tokenStart = false;
      continue;
    }
    const top = state.frames[state.frames.length - 1];
    if (!top) {
      tokenStart = blockChar(state, line, lineIndex, i, ch, blankNext, tokenStart);
      continue;
    }
    tokenStart = flowChar(state, top, line, lineIndex, i, ch, tokenStart);
  }
}

function blockChar(
  state: State,
  line: string,
  lineIndex: number,
  i: number,
  ch: string,
  blankNext: boolean,
  tokenStart: boolean,
): boolean {
  if (tokenStart && (ch === '[' || ch === '{')) {
    state.frames.push(newFrame(ch, lineIndex, i));
    return true;
  }
  if ((ch === '-' && tokenStart && blankNext) || (ch === ':' && blankNext)) {
    if (ch === ':' && /^\s*[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(i + 1))) {
      state.blockScalarIndent = line.length - line.trimStart().length;
    }
    return true;
  }
  return false;
}

function flowChar(
  state: State,
  top: FlowFrame,
  line: string,
  lineIndex: number,
  i: number,
  ch: string,
  tokenStart: boolean,
): boolean {
  if ((ch === '[' || ch === '{') && tokenStart) {
    state.frames.push(newFrame(ch, lineIndex, i));
    return true;
  }
  if (ch === ']' || ch === '}') {
    state.frames.pop();
    return false;
  }
  if (ch === ',') {
    if (top.type === 'map' && top.key === undefined && top.pending.trim()) top.keys.push(top.pending.trim());
    top.index++;
    delete top.key;
    top.pending = '';
    return true;
  }
  const next = line[i + 1];
  if (
    ch === ':' &&
    (next === undefined || /[\s,\]}]/.test(next)) &&
    top.type === 'map' &&
    top.key === undefined
  ) {
    top.key = unquoteKey(top.pending.trim());
    top.keys.push(top.key);
    return true;
  }
  if (top.type === 'map' && top.key === undefined) top.pending += ch;
  return false;
}

function newFrame(open: string, line: number, column: number): FlowFrame {
  return {
    type: open === '[' ? 'seq' : 'map',
    line,
    column,
    index: 0,
    keys: [],
    pending: '',
  };
}

function unquoteKey(key: string): string {
  if (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key.endsWith(key[0])) return key.slice(1, -1);
  return key;
}
