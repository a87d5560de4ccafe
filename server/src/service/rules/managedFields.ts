import { limits } from '../k8s/wellKnown';
import { fieldError, isGoPrintable } from '../validation/fieldErrors';
import type { FieldError } from '../validation/fieldErrors';
import { byteLength } from '../validation/names';

/** One `metadata.managedFields` entry as decoded (every field optional, fieldsV1 raw JSON). */
interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: unknown;
  subresource?: string;
}

/** An entry the field manager keeps, with its position in the document. */
interface Survivor {
  entry: ManagedFieldsEntry;
  written: number;
}

type Json = Record<string, unknown>;
const isMap = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * ValidateManagedFields (apimachinery `meta/v1/validation`) as the request's list reaches it. The
 * create handler's field manager runs first: a list it cannot decode is replaced by its own entry,
 * and an entry whose fields the create itself sets (or whose apiVersion is not the served one)
 * loses them and disappears. Emulating that fully would mean emulating structured-merge-diff, so
 * the entries are checked only when the fate of every one is certain; otherwise nothing is
 * reported. The kept entries are re-sorted and the request's own `Update` entry (timestamped
 * now) joins them, so the paths count the sorted list.
 */
export function validateManagedFields(object: unknown, servedApiVersion: string, now: number): FieldError[] {
  const meta = isMap(object) && isMap(object['metadata']) ? object['metadata'] : {};
  const raw = meta['managedFields'];
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const entries = raw.filter(isMap) as ManagedFieldsEntry[];
  if (entries.length !== raw.length || !entries.every(isDecodable)) return [];
  const fates = lastPerManager(entries).map((survivor) => ({
    survivor,
    fate:
      survivor.entry.apiVersion === servedApiVersion ? entryFate(survivor.entry.fieldsV1, object) : 'taken',
  }));
  // An entry that may or may not stay would shift the indices of the others.
  if (fates.some((f) => f.fate === 'unknown')) return [];
  const survivors = fates.filter((f) => f.fate === 'kept').map((f) => f.survivor);
  // More than maxUpdateManagers Update entries (the request's own included) are merged.
  const updates = survivors.filter((s) => s.entry.operation === 'Update').length + 1;
  if (updates > limits.maxUpdateManagers) return [];
  const requestEntry = { operation: 'Update', seconds: Math.floor(now / 1000) };
  const sorted = [...survivors].sort((a, b) => compareEntries(sortKey(a.entry), sortKey(b.entry)));
  return sorted.flatMap((survivor, position) => {
    const before = compareEntries(requestEntry, sortKey(survivor.entry)) < 0 ? 1 : 0;
    return entryErrors(survivor, position + before);
  });
}

/** DecodeManagedFields: the operation, apiVersion, fieldsType and the fields set must all decode. */
function isDecodable(entry: ManagedFieldsEntry): boolean {
  return (
    (entry.operation === 'Apply' || entry.operation === 'Update') &&
    !!entry.apiVersion &&
    entry.fieldsType === 'FieldsV1' &&
    (entry.fieldsV1 === undefined || entry.fieldsV1 === null || isFieldSet(entry.fieldsV1))
  );
}

/** FieldsV1: nested objects keyed by `.` or path elements (`f:name`, `k:{…}`, `v:…`, `i:n`). */
function isFieldSet(value: unknown): boolean {
  if (!isMap(value)) return false;
  return Object.entries(value).every(([key, child]) => isPathElement(key) && isFieldSet(child));
}

function isPathElement(key: string): boolean {
  if (key === '.' || key.startsWith('f:')) return true;
  if (/^i:-?\d+$/.test(key)) return true;
  if (!key.startsWith('k:') && !key.startsWith('v:')) return false;
  try {
    const parsed: unknown = JSON.parse(key.slice(2));
    return key.startsWith('v:') || isMap(parsed);
  } catch {
    return false;
  }
}

/**
 * Entries are keyed by manager, operation, subresource and (for `Update`) apiVersion; a later
 * entry with the same key replaces an earlier one.
 */
function lastPerManager(entries: ManagedFieldsEntry[]): Survivor[] {
  const byIdentity = new Map<string, Survivor>();
  entries.forEach((entry, written) => {
    const identity = JSON.stringify([
      entry.manager ?? '',
      entry.operation,
      entry.operation === 'Apply' ? '' : entry.apiVersion,
      entry.subresource ?? '',
    ]);
    byIdentity.delete(identity);
    byIdentity.set(identity, { entry, written });
  });
  return [...byIdentity.values()];
}

/** What the create does to a field an entry owns, as far as the document tells. */
type Fate = 'kept' | 'taken' | 'unknown';

/**
 * Metadata the create handler wipes (WipeObjectMetaSystemFields) or the field manager removes
 * before comparing: whatever the document says, the create changes nothing there.
 */
const unchangedPaths = new Set([
  'metadata.uid',
  'metadata.creationTimestamp',
  'metadata.deletionTimestamp',
  'metadata.deletionGracePeriodSeconds',
  'metadata.selfLink',
  'metadata.managedFields',
]);
/** Maps whose entries are fields of their own: an entry is set even when its value is empty. */
const mapPaths = new Set(['metadata.labels', 'metadata.annotations']);

/**
 * The fate of an entry: kept when it owns a field the create leaves alone, taken when the create
 * sets every field it owns, unknown otherwise (a path through a list, an empty value outside
 * metadata), in which case nothing is claimed.
 */
function entryFate(fields: unknown, object: unknown): Fate {
  const fates = memberFates(isMap(fields) ? fields : {}, object, '');
  if (fates.includes('kept')) return 'kept';
  // An entry that owns nothing is dropped like one whose fields were all taken.
  return fates.every((f) => f === 'taken') ? 'taken' : 'unknown';
}

function memberFates(fields: Json, object: unknown, path: string): Fate[] {
  return Object.entries(fields).flatMap(([key, child]): Fate[] => {
    if (key === '.') return [nodeFate(path)];
    if (!key.startsWith('f:') || !isMap(object)) return ['unknown'];
    const name = key.slice(2);
    const here = path ? `${path}.${name}` : name;
    if (unchangedPaths.has(here)) return ['kept'];
    // The namespace is filled from the request before the field manager runs.
    if (!(name in object)) return [here === 'metadata.namespace' ? 'taken' : 'kept'];
    const children = isMap(child) ? child : {};
    if (Object.keys(children).length > 0) return memberFates(children, object[name], here);
    const value = object[name];
    return isMap(value) && Object.keys(value).length > 0 ? [nodeFate(here)] : [leafFate(path, value)];
  });
}

/**
 * Owning a map the document sets: the empty object has a metadata map too, so the create changes
 * nothing there; any other map is new (and taken), except where the document may leave it empty.
 */
function nodeFate(path: string): Fate {
  if (path === 'metadata') return 'kept';
  return mapPaths.has(path) ? 'taken' : 'unknown';
}

/** A field the document sets: metadata's empty values are omitted like absent ones (omitempty). */
function leafFate(parent: string, value: unknown): Fate {
  if (mapPaths.has(parent) || !isEmptyValue(value)) return 'taken';
  return parent === 'metadata' ? 'kept' : 'unknown';
}

/** Values the empty object holds too (Go's zero values), which omitempty leaves out. */
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === '' || value === 0 || value === false) return true;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

interface SortKey {
  operation: string;
  seconds: number;
  manager?: string;
  apiVersion?: string;
  subresource?: string;
}

function sortKey(entry: ManagedFieldsEntry): SortKey {
  const parsed = entry.time ? Date.parse(entry.time) : NaN;
  return {
    operation: entry.operation ?? '',
    seconds: Number.isNaN(parsed) ? 0 : Math.floor(parsed / 1000),
    manager: entry.manager ?? '',
    apiVersion: entry.apiVersion ?? '',
    subresource: entry.subresource ?? '',
  };
}

/** sortEncodedManagedFields: operation, then time in seconds, manager, apiVersion, subresource. */
function compareEntries(a: SortKey, b: SortKey): number {
  if (a.operation !== b.operation) return a.operation < b.operation ? -1 : 1;
  if (a.seconds !== b.seconds) return a.seconds - b.seconds;
  for (const part of ['manager', 'apiVersion', 'subresource'] as const) {
    const [x, y] = [a[part], b[part]];
    // The request's own entry has no manager to compare; only time decides its place.
    if (x === undefined || y === undefined) return 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function entryErrors({ entry, written }: Survivor, index: number): FieldError[] {
  const path = `metadata.managedFields[${index}]`;
  const target = `metadata.managedFields[${written}]`;
  const where = (part: string) => ({ code: 'metadata-managed-fields-invalid', target: `${target}.${part}` });
  const manager = entry.manager ?? '';
  const errors: FieldError[] = [];
  if (byteLength(manager) > limits.fieldManagerBytes) {
    errors.push(fieldError.tooLong(`${path}.manager`, limits.fieldManagerBytes, where('manager')));
  }
  let position = 0;
  for (const ch of manager) {
    const rune = ch.codePointAt(0) ?? 0;
    if (!isGoPrintable(rune)) {
      const detail = `invalid character ${unicodeNotation(rune)} (at position ${position})`;
      errors.push(fieldError.invalid(`${path}.manager`, manager, detail, where('manager')));
    }
    position += byteLength(ch);
  }
  if (byteLength(entry.subresource ?? '') > limits.subresourceBytes) {
    errors.push(fieldError.tooLong(`${path}.subresource`, limits.subresourceBytes, where('subresource')));
  }
  return errors;
}

/** Go's %#U for a rune that is not printable: `U+0009`. */
function unicodeNotation(rune: number): string {
  return `U+${rune.toString(16).toUpperCase().padStart(4, '0')}`;
}
