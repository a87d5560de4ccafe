import type { KubernetesVersion, Reason } from '../../../server/src/service';

/**
 * The shape of a differential-corpus case (spec §6): one manifest, and what a real kube-apiserver
 * does with it on a create, per emulated minor version. The data is written from the spec, never
 * from the engine, so the corpus can later be replayed against real apiservers unchanged.
 */

export type Verdict = 'accepted' | 'rejected' | 'decode-error' | 'not-found';

/** One `details.causes[]` entry: field, reason and, optionally, text the cause's message must end with. */
export type Cause = readonly [field: string, reason: Reason, body?: string];

/** An apiserver `Warning:` header: exact text, or `{ contains }` for a substring. */
export type WarningMatch = string | { readonly contains: string };

export interface Expectation {
  verdict: Verdict;
  /** A multiset: order is not significant, repeats are. */
  causes: readonly Cause[];
  warnings: readonly WarningMatch[];
  /** For decode-error / not-found: text the request's error message contains. */
  message?: string;
}

export interface VersionExpectation {
  versions: readonly KubernetesVersion[];
  expect: Expectation;
}

export interface CorpusCase {
  /** The spec's id, with a letter suffix for the variants of a "then" row (ES-17a, ES-17b, ...). */
  id: string;
  description: string;
  /** The full YAML document sent to the apiserver. */
  manifest: string;
  /** Sent as the `fieldValidation` parameter; Strict (kubectl's default) unless given. */
  fieldValidation?: 'Strict' | 'Warn';
  /** Every version 1.33..1.37 appears exactly once across the groups. */
  expected: readonly VersionExpectation[];
  /** Set when the expectation rests on a point the spec lists as unconfirmed (§8). */
  uncertain?: true;
  /** The §8 item, e.g. `§8 item 1: IPv6 canonical form`. */
  uncertainty?: string;
}

export const all: readonly KubernetesVersion[] = ['1.33', '1.34', '1.35', '1.36', '1.37'];
/** The spec's "≤1.35" column. */
export const upTo135: readonly KubernetesVersion[] = ['1.33', '1.34', '1.35'];
/** The spec's "1.36+" column. */
export const from136: readonly KubernetesVersion[] = ['1.36', '1.37'];

/** The same outcome in every version. */
export function same(expect: Expectation): VersionExpectation[] {
  return [{ versions: all, expect }];
}

/** The spec's two columns: ≤1.35 and 1.36+. */
export function byGate(upTo135Expect: Expectation, from136Expect: Expectation): VersionExpectation[] {
  return [
    { versions: upTo135, expect: upTo135Expect },
    { versions: from136, expect: from136Expect },
  ];
}

/** Finer groups, for rows whose outcome changes at another version (1.34, 1.35, 1.37). */
export function groups(...pairs: [readonly KubernetesVersion[], Expectation][]): VersionExpectation[] {
  return pairs.map(([versions, expect]) => ({ versions, expect }));
}

export const accepted = (...warnings: WarningMatch[]): Expectation => ({
  verdict: 'accepted',
  causes: [],
  warnings,
});
export const rejected = (causes: Cause[], ...warnings: WarningMatch[]): Expectation => ({
  verdict: 'rejected',
  causes,
  warnings,
});
export const decodeError = (message: string, ...warnings: WarningMatch[]): Expectation => ({
  verdict: 'decode-error',
  causes: [],
  warnings,
  message,
});
export const notFound = (message: string, ...warnings: WarningMatch[]): Expectation => ({
  verdict: 'not-found',
  causes: [],
  warnings,
  message,
});
export const contains = (text: string): WarningMatch => ({ contains: text });

export const required = (field: string, body?: string): Cause => [field, 'FieldValueRequired', body];
export const invalid = (field: string, body?: string): Cause => [field, 'FieldValueInvalid', body];
export const notSupported = (field: string, body?: string): Cause => [field, 'FieldValueNotSupported', body];
export const duplicate = (field: string, body?: string): Cause => [field, 'FieldValueDuplicate', body];
export const tooMany = (field: string, body?: string): Cause => [field, 'FieldValueTooMany', body];
