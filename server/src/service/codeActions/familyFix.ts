import { isMap, isSeq } from 'yaml';
import type { YAMLSeq } from 'yaml';
import type { SliceEndpoint } from '../k8s/objects';
import type { CodeAction, TextEdit } from '../languageTypes';
import { renderManifest } from '../migration/convertText';
import { yamlChunksOf } from '../source/chunkedText';
import { parseChunk, topLevelScalar } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import { isIPv4, parseIPSloppy } from '../validation/ip';
import { chunkEdit, lineEnd, removeItemEdit } from '../yamlText/edits';
import { documentIdentity } from '../yamlText/identity';
import { labelServiceName } from '../k8s/wellKnown';
import { validateChunk } from '../pipeline/validateChunk';
import { quickFix } from './fixContext';
import type { FixContext } from './fixContext';

/**
 * An address of the other family moves to a slice of its family: appended to such a slice of
 * the same Service in this file if there is one, else to a new slice written after this one
 * (same labels and ports). The endpoint keeps its conditions, node and target. What the old
 * slice gets wrong (a bad hostname, a port the apiserver rejects) stays there to be fixed once:
 * the moved endpoint and a new slice carry only the parts without a finding of their own.
 */
export function wrongFamilyFix(ctx: FixContext): CodeAction[] {
  const path = ctx.target?.path ?? [];
  const [, endpointIndex, , addressIndex] = path;
  const address = ctx.target?.node.value;
  const ip = typeof address === 'string' ? parseIPSloppy(address) : null;
  if (
    typeof endpointIndex !== 'number' ||
    typeof addressIndex !== 'number' ||
    !ip ||
    typeof address !== 'string'
  ) {
    return [];
  }
  const family = isIPv4(ip) ? 'IPv4' : 'IPv6';
  const endpoints = (ctx.decoded.value['endpoints'] as SliceEndpoint[] | undefined) ?? [];
  const faulty = faultyFields(ctx);
  const { addresses: _others, ...details } = endpoints[endpointIndex] ?? {};
  const moved: Record<string, unknown> = {
    addresses: [address],
    ...withoutFaulty(details, `endpoints[${endpointIndex}]`, faulty),
  };
  const removal = removeAddress(ctx, endpointIndex, addressIndex);
  if (!removal) return [];
  const into = siblingSlice(ctx, family);
  const addition = into
    ? appendEndpoint(into.parsed, into.startLine, into.seq, moved)
    : newSliceEdit(ctx, family, moved, faulty);
  const where = into ? `the ${family} slice "${into.name}"` : `a new ${family} slice`;
  return [quickFix(ctx, `Move ${address} to ${where}`, [removal, addition], true)];
}

function removeAddress(ctx: FixContext, endpointIndex: number, addressIndex: number): TextEdit | undefined {
  const endpoints = ctx.parsed.doc.getIn(['endpoints'], true);
  const addresses = ctx.parsed.doc.getIn(['endpoints', endpointIndex, 'addresses'], true);
  if (!isSeq(endpoints) || !isSeq(addresses)) return undefined;
  if (addresses.items.length > 1) return removeItemEdit(ctx.parsed, ctx.startLine, addresses, addressIndex);
  if (endpoints.items.length > 1) return removeItemEdit(ctx.parsed, ctx.startLine, endpoints, endpointIndex);
  const [start, end] = endpoints.range ?? [0, 0];
  return chunkEdit(ctx.parsed, ctx.startLine, start, lineEnd(ctx.parsed.text, end - 1), '[]');
}

interface Sibling {
  parsed: ParsedChunk;
  startLine: number;
  seq: YAMLSeq;
  name: string;
}

function siblingSlice(ctx: FixContext, family: string): Sibling | undefined {
  for (const chunk of yamlChunksOf(ctx.source)) {
    if (chunk.startLine === ctx.startLine) continue;
    const parsed = parseChunk(chunk.text);
    if (
      topLevelScalar(parsed, 'kind') !== 'EndpointSlice' ||
      topLevelScalar(parsed, 'addressType') !== family
    ) {
      continue;
    }
    const identity = documentIdentity(chunk.text);
    const seq = parsed.doc.getIn(['endpoints'], true);
    if (
      identity.serviceName === ctx.identity.serviceName &&
      isSeq(seq) &&
      !seq.flow &&
      seq.items.length > 0
    ) {
      return { parsed, startLine: chunk.startLine, seq, name: identity.name ?? '' };
    }
  }
  return undefined;
}

function appendEndpoint(
  parsed: ParsedChunk,
  startLine: number,
  seq: YAMLSeq,
  endpoint: Record<string, unknown>,
): TextEdit {
  const [start, end] = seq.range ?? [0, 0];
  // A block list's range starts at its first `- `: new items go in that column.
  const pad = ' '.repeat(start - (parsed.text.lastIndexOf('\n', start - 1) + 1));
  const lines = renderManifest([endpoint] as unknown as Record<string, unknown>)
    .replace(/\n$/, '')
    .split('\n');
  const at = lineEnd(parsed.text, end - 1);
  return chunkEdit(parsed, startLine, at, at, `\n${lines.map((l) => pad + l).join('\n')}`);
}

function newSliceEdit(
  ctx: FixContext,
  family: string,
  endpoint: Record<string, unknown>,
  faulty: readonly string[],
): TextEdit {
  const value = ctx.decoded.value as { metadata?: Record<string, unknown>; ports?: unknown[] };
  const metadata: Record<string, unknown> = {};
  const name = ctx.identity.name;
  if (name) metadata['name'] = `${name}-${family.toLowerCase()}`;
  else if (value.metadata?.['generateName']) metadata['generateName'] = value.metadata['generateName'];
  if (value.metadata?.['namespace']) metadata['namespace'] = value.metadata['namespace'];
  const labels = value.metadata?.['labels'] as Record<string, string> | undefined;
  if (labels && !isFaulty('metadata.labels', faulty)) metadata['labels'] = labels;
  else if (labels?.[labelServiceName]) metadata['labels'] = { [labelServiceName]: labels[labelServiceName] };
  const manifest = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata,
    addressType: family,
    endpoints: [endpoint],
    ports: (value.ports ?? []).filter((_, i) => !isFaulty(`ports[${i}]`, faulty)),
  };
  const root = ctx.parsed.doc.contents;
  // After a syntax error (a template's `{{ }}`) the root map can end inside the endpoints the
  // removal replaces, so the new slice goes after the whole document's text instead.
  const trusted = isMap(root) && ctx.parsed.doc.errors.length === 0;
  const end = trusted ? (root.range?.[2] ?? ctx.parsed.text.length) : ctx.parsed.text.length;
  const contentEnd = ctx.parsed.text.slice(0, end).replace(/\s+$/, '').length;
  return chunkEdit(
    ctx.parsed,
    ctx.startLine,
    contentEnd,
    contentEnd,
    `\n---\n${renderManifest(manifest).replace(/\n$/, '')}`,
  );
}

/** The fields of the document the apiserver has something to say about (advice aside). */
function faultyFields(ctx: FixContext): string[] {
  const results = validateChunk(ctx.parsed.text, ctx.settings);
  return results.flatMap((r) => r.diagnostics.filter((d) => d.origin !== 'advisory').map((d) => d.field));
}

/** Whether a finding is at `path` or inside it. */
function isFaulty(path: string, faulty: readonly string[]): boolean {
  return faulty.some((f) => f === path || f.startsWith(`${path}.`) || f.startsWith(`${path}[`));
}

function withoutFaulty(
  object: Record<string, unknown>,
  path: string,
  faulty: readonly string[],
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !isFaulty(`${path}.${key}`, faulty)));
}
