/**
 * How a document is indented, so text written into it looks like the rest: the step of a nested
 * map, and whether a block list under a key is indented (`key:\n  - a`) or not (`key:\n- a`).
 */
export interface WritingStyle {
  indent: number;
  indentSeq: boolean;
  /** `[a, b]` and `{a: 1}` without inner padding, as people write flow collections. */
  flowCollectionPadding: boolean;
}

const keyOnly = /^( *)[^\s#-][^#]*:\s*(?:#.*)?$/;
const nextLine = /^( *)(- |-$|[^\s#])/;

export function writingStyle(text: string): WritingStyle {
  const style = { indent: 2, indentSeq: true, flowCollectionPadding: false };
  const lines = text.split('\n', 200).map((l) => l.replace(/\r$/, ''));
  let indentFound = false;
  let seqFound = false;
  for (let i = 0; i + 1 < lines.length && !(indentFound && seqFound); i++) {
    const key = keyOnly.exec(lines[i] ?? '');
    const next = nextLine.exec(lines[i + 1] ?? '');
    if (!key || !next) continue;
    const step = (next[1]?.length ?? 0) - (key[1]?.length ?? 0);
    const isSeq = next[2]?.startsWith('-') === true;
    if (isSeq && !seqFound && step >= 0) {
      seqFound = true;
      style.indentSeq = step > 0;
    } else if (!isSeq && !indentFound && step > 0) {
      indentFound = true;
      style.indent = Math.min(step, 8);
    }
  }
  return style;
}
