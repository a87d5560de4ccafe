import { isMap, isSeq } from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import { limits } from '../k8s/wellKnown';
import type { CodeAction } from '../languageTypes';
import { chunkEdit } from '../yamlText/edits';
import { quickFix } from './fixContext';
import type { FixContext } from './fixContext';

/**
 * A slice with more endpoints than one should hold becomes several: the first keeps its name,
 * the others get `-2`, `-3`, … and the same labels and ports. Each part is the original document
 * with a share of the endpoints, so comments and formatting inside endpoints survive.
 */
export function splitSliceFix(ctx: FixContext): CodeAction[] {
  const seq = ctx.parsed.doc.getIn(['endpoints'], true);
  const size = Math.min(ctx.settings.maxEndpointsPerSlice, limits.endpointsPerSlice);
  if (!isSeq(seq) || seq.items.length <= size) return [];
  const parts: string[] = [];
  for (let start = 0, n = 1; start < seq.items.length; start += size, n++) {
    parts.push(part(ctx.parsed.doc, start, size, n));
  }
  const root = ctx.parsed.doc.contents;
  const [from, , end] = root?.range ?? [0, 0, ctx.parsed.text.length];
  const contentEnd = ctx.parsed.text.slice(0, end).replace(/\s+$/, '').length;
  const edit = chunkEdit(ctx.parsed, ctx.startLine, from, contentEnd, parts.join('---\n').replace(/\n$/, ''));
  return [quickFix(ctx, `Split into ${parts.length} slices of at most ${size} endpoints`, [edit], true)];
}

function part(doc: Document.Parsed, start: number, size: number, n: number): string {
  const clone = doc.clone();
  clone.commentBefore = null;
  clone.comment = null;
  if (clone.contents) clone.contents.commentBefore = undefined;
  const seq = clone.getIn(['endpoints'], true);
  if (isSeq(seq)) seq.items = seq.items.slice(start, start + size);
  const metadata = clone.get('metadata', true);
  if (n > 1 && isMap(metadata)) rename(metadata, n);
  return clone.toString({ lineWidth: 0 });
}

function rename(metadata: YAMLMap, n: number): void {
  const name = metadata.get('name');
  if (typeof name === 'string') metadata.set('name', `${name}-${n}`);
}
