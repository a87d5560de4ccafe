import { endpointsMeta, sliceMeta } from './build';
import type { YamlMap } from './build';
import * as m from './messages';
import type { Cause, CorpusCase, Expectation } from './model';
import { accepted, all, groups, invalid, rejected, required, same } from './model';

/**
 * Metadata rows beyond spec §6 (MD-…): owner references (the `/v1` apiVersion, the wording of
 * each release, the create handler's deduplication) and managedFields (the entries the field
 * manager keeps, and ValidateManagedFields on them). Every expectation was read from real
 * kube-apiservers 1.37.2 and 1.34.4 and, for the other releases, from their sources.
 */

const uid = '6d1f0c5e-0000-4000-8000-000000000001';
const owner = { apiVersion: 'v1', kind: 'Service', name: 'svc', uid };
const ownersFrom136 = ['1.34', '1.35', '1.36'] as const;
const tooLong = (field: string, body?: string): Cause => [field, 'FieldValueTooLong', body];

/** The dedup warning; the UIDs of the dropped repeats, joined by ", ". */
const duplicateOwners = (...uids: string[]): string =>
  `.metadata.ownerReferences contains duplicate entries; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: ${uids.join(', ')}`;

/** Owner-reference causes in the three wordings: 1.33, 1.34 to 1.36, 1.37. */
function ownerCauses(
  index: number,
  causes: (wording: '1.33' | '1.34' | '1.37', base: string) => Cause[],
  ...warnings: string[]
) {
  return groups(
    [['1.33'], rejected(causes('1.33', 'metadata.ownerReferences'), ...warnings)],
    [ownersFrom136, rejected(causes('1.34', 'metadata.ownerReferences'), ...warnings)],
    [['1.37'], rejected(causes('1.37', `metadata.ownerReferences[${index}]`), ...warnings)],
  );
}

const emptyPart = (part: string) => (wording: '1.33' | '1.34' | '1.37', base: string) =>
  wording === '1.37'
    ? required(`${base}.${part}`, 'Required value: must not be empty')
    : invalid(
        `${base}.${part}`,
        `Invalid value: "": ${wording === '1.33' ? `${part} ` : ''}must not be empty`,
      );

const ownerCases: CorpusCase[] = [
  {
    id: 'MD-01',
    description: 'an owner apiVersion "/v1" is the core group\'s v1 and accepted',
    manifest: sliceMeta({ ownerReferences: [{ ...owner, apiVersion: '/v1' }] }),
    expected: same(accepted()),
  },
  {
    id: 'MD-02',
    description: 'an Event owner written as "/v1" is banned like one written as "v1"',
    manifest: sliceMeta({ ownerReferences: [{ ...owner, apiVersion: '/v1', kind: 'Event' }] }),
    expected: ownerCauses(0, (_, base) => [
      invalid(base, '/v1, Kind=Event is disallowed from being an owner'),
    ]),
  },
  {
    id: 'MD-03',
    description: 'an owner apiVersion "v1/" has no version',
    manifest: sliceMeta({ ownerReferences: [{ ...owner, apiVersion: 'v1/' }] }),
    expected: ownerCauses(0, (wording, base) => [
      invalid(
        `${base}.apiVersion`,
        wording === '1.37' ? 'must be <group>/<version> or <version>' : 'version must not be empty',
      ),
    ]),
  },
  {
    id: 'MD-04',
    description: 'an owner without kind, name and uid: 1.33 names the part in the message',
    manifest: endpointsMeta({ ownerReferences: [{ apiVersion: 'v1', kind: '', name: '' }] }),
    expected: ownerCauses(
      0,
      (wording, base) => ['kind', 'name', 'uid'].map((part) => emptyPart(part)(wording, base)),
      m.endpointsDeprecated,
    ),
  },
  {
    id: 'MD-05',
    description: 'a controller reference given twice is deduplicated, with a warning, not rejected',
    manifest: sliceMeta({
      ownerReferences: [
        { ...owner, controller: true },
        { ...owner, controller: true },
      ],
    }),
    expected: same(accepted(duplicateOwners(uid))),
  },
  {
    id: 'MD-06',
    description: 'only references equal in every field are repeats (controller absent differs from false)',
    manifest: sliceMeta({
      ownerReferences: [
        { ...owner, controller: true },
        owner,
        { ...owner, controller: true },
        { ...owner, name: 'svc2', uid: 'u2' },
        { ...owner, name: 'svc2', uid: 'u2' },
        { ...owner, controller: false },
      ],
    }),
    expected: same(accepted(duplicateOwners(uid, 'u2'))),
  },
  {
    id: 'MD-07',
    description: 'repeats are dropped before validation: one cause, at the deduplicated index',
    manifest: sliceMeta({
      ownerReferences: [owner, owner, { ...owner, uid: '' }, { ...owner, uid: undefined }],
    }),
    expected: ownerCauses(1, (wording, base) => [emptyPart('uid')(wording, base)], duplicateOwners(uid, '')),
  },
];

// ---------------------------------------------------------------------------------------------
// managedFields

const long = 'm'.repeat(129);
/** A fields set naming an annotation the manifests do not have: the create leaves it alone. */
const absentAnnotation = { 'f:metadata': { 'f:annotations': { 'f:absent': {} } } };

function entry(delta: YamlMap): YamlMap {
  return {
    manager: long,
    operation: 'Update',
    apiVersion: 'discovery.k8s.io/v1',
    fieldsType: 'FieldsV1',
    fieldsV1: absentAnnotation,
    ...delta,
  };
}

const managed = (...entries: YamlMap[]): string => sliceMeta({ managedFields: entries });
const managerTooLong = (index: number): Cause =>
  tooLong(`metadata.managedFields[${index}].manager`, 'Too long: may not be more than 128 bytes');
const everywhere = (expect: Expectation) => [{ versions: all, expect }];

const managedFieldsCases: CorpusCase[] = [
  {
    id: 'MD-08',
    description: 'a kept managedFields entry with a manager over 128 bytes',
    manifest: managed(entry({})),
    expected: everywhere(rejected([managerTooLong(0)])),
  },
  {
    id: 'MD-09',
    description: 'the same entry owning only a field the create sets: it loses it and disappears',
    manifest: managed(entry({ fieldsV1: { 'f:addressType': {} } })),
    expected: same(accepted()),
  },
  {
    id: 'MD-10',
    description: 'a list the field manager cannot decode (operation Patch) is replaced, not validated',
    manifest: managed(entry({ operation: 'Patch', subresource: 's'.repeat(257) })),
    expected: same(accepted()),
  },
  {
    id: 'MD-11',
    description: 'an entry in another apiVersion is dropped by the field manager',
    manifest: managed(entry({ apiVersion: 'discovery.k8s.io/v1beta1' })),
    expected: same(accepted()),
  },
  {
    id: 'MD-12',
    description: 'unprintable characters in a manager, and a subresource over 256 bytes',
    manifest: managed(entry({ manager: 'a\tb\u0001\u00a0', subresource: 's'.repeat(257) })),
    expected: everywhere(
      rejected([
        invalid('metadata.managedFields[0].manager', 'invalid character U+0009 (at position 1)'),
        invalid('metadata.managedFields[0].manager', 'invalid character U+0001 (at position 3)'),
        invalid(
          'metadata.managedFields[0].manager',
          'Invalid value: "a\\tb\\x01\\u00a0": invalid character U+00A0 (at position 4)',
        ),
        tooLong('metadata.managedFields[0].subresource', 'Too long: may not be more than 256 bytes'),
      ]),
    ),
  },
  {
    id: 'MD-13',
    description: "kept entries are sorted (Apply first, then by time) around the request's own entry",
    manifest: managed(
      entry({ manager: `y${long}`, time: '2099-01-01T00:00:00Z' }),
      entry({ manager: `x${long}` }),
      entry({ manager: `z${long}`, operation: 'Apply' }),
      entry({ manager: 'short', fieldsV1: { 'f:metadata': { 'f:finalizers': {} } } }),
    ),
    // Apply z (0), Update short and x with no time (1, 2), the request's entry (3), y in 2099 (4).
    expected: everywhere(rejected([managerTooLong(0), managerTooLong(2), managerTooLong(4)])),
  },
];

export const metadataCases: CorpusCase[] = [...ownerCases, ...managedFieldsCases];
