import { isScalar } from 'yaml';
import { addressTypes, kindSpecs, protocols } from '../k8s/schema';
import type { FieldSpec, ObjectSpec, TypeSpec } from '../k8s/schemaTypes';
import type { CodeAction } from '../languageTypes';
import { ipString, parseIPSloppy } from '../validation/ip';
import { dns1123LabelMessages, dns1123SubdomainMessages } from '../validation/names';
import { replaceNodeEdit, scalarText } from '../yamlText/edits';
import { yamlScalar } from '../yamlText/scalars';
import { fieldSegments, quickFix } from './fixContext';
import type { FixContext } from './fixContext';

/** Fixes that rewrite one value in place: an IP's canonical form, an enum's casing, a name. */
export function canonicalIPFix(ctx: FixContext): CodeAction[] {
  const value = targetString(ctx);
  const ip = value === undefined ? null : parseIPSloppy(value);
  if (!ip || value === undefined) return [];
  const canonical = ipString(ip);
  if (canonical === value) return [];
  return [replaceTarget(ctx, `Change to canonical form "${canonical}"`, canonical)];
}

export function casingFix(values: readonly string[]): (ctx: FixContext) => CodeAction[] {
  return (ctx) => {
    const value = targetString(ctx);
    const match = values.find((v) => v.toLowerCase() === value?.trim().toLowerCase());
    return match && match !== value ? [replaceTarget(ctx, `Change to "${match}"`, match)] : [];
  };
}

export const addressTypeFix = casingFix(addressTypes.filter((t) => t !== 'FQDN'));
export const protocolFix = casingFix(protocols);

export function apiVersionFix(ctx: FixContext): CodeAction[] {
  if (ctx.kind !== 'EndpointSlice' || !isScalar(ctx.target?.node)) return [];
  return [replaceTarget(ctx, 'Change apiVersion to discovery.k8s.io/v1', 'discovery.k8s.io/v1')];
}

/** Lowercases and replaces what a DNS name cannot hold, when that yields a valid name. */
export function dnsNameFix(kind: 'label' | 'subdomain'): (ctx: FixContext) => CodeAction[] {
  return (ctx) => {
    const value = targetString(ctx);
    if (value === undefined) return [];
    const fixed = value
      .toLowerCase()
      .replace(kind === 'label' ? /[^a-z0-9-]+/g : /[^a-z0-9.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '');
    const messages = kind === 'label' ? dns1123LabelMessages(fixed) : dns1123SubdomainMessages(fixed);
    if (fixed === value || fixed === '' || messages.length > 0) return [];
    return [replaceTarget(ctx, `Change to "${fixed}"`, fixed, true)];
  };
}

/** An unknown field whose name is a near miss of a real one (`addresstype`, `port_name`). */
export function unknownFieldFix(ctx: FixContext): CodeAction[] {
  const field = ctx.diagnostic.field ?? '';
  const segments = fieldSegments(field);
  const name = segments[segments.length - 1];
  const parent = objectAt(kindSpecs[ctx.kind], segments.slice(0, -1));
  const key = ctx.target?.onKey ? ctx.target.node : undefined;
  if (typeof name !== 'string' || !parent || !key) return [];
  const candidates = Object.keys(parent.fields).filter(
    (f) => distance(f.toLowerCase(), name.toLowerCase()) <= 2,
  );
  return candidates
    .slice(0, 3)
    .map((candidate) =>
      quickFix(
        ctx,
        `Rename to "${candidate}"`,
        [replaceNodeEdit(ctx.parsed, ctx.startLine, key, candidate)],
        candidates.length === 1,
      ),
    );
}

function objectAt(spec: ObjectSpec, segments: readonly (string | number)[]): ObjectSpec | undefined {
  let type: TypeSpec = spec;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (type.kind !== 'list') return undefined;
      type = type.item;
      continue;
    }
    if (type.kind !== 'object') return undefined;
    const next: FieldSpec | undefined = type.fields[segment];
    if (!next) return undefined;
    type = next.type;
  }
  return type.kind === 'object' ? type : undefined;
}

/** Levenshtein distance, for names of a few dozen characters. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

function targetString(ctx: FixContext): string | undefined {
  const node = ctx.target?.node;
  if (!node || ctx.target?.onKey) return undefined;
  return typeof node.value === 'string' ? node.value : node.source;
}

function replaceTarget(
  ctx: FixContext,
  title: string,
  value: string,
  preferred = true,
): ReturnType<typeof quickFix> {
  const node = ctx.target?.node;
  const text = node ? scalarText(node, value, yamlScalar) : value;
  const edit = node ? [replaceNodeEdit(ctx.parsed, ctx.startLine, node, text)] : [];
  return quickFix(ctx, title, edit, preferred);
}
