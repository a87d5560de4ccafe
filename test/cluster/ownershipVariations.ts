import { endpointsMeta, sliceMeta } from '../unit/corpus/build';
import type { YamlMap } from '../unit/corpus/build';
import type { Variation } from './variations';

/**
 * Generated variations of the metadata that says who owns an object: owner references (every
 * apiVersion shape against a core, a banned and a missing kind; repeats the server drops) and
 * managedFields entries (what the field manager keeps, then the manager and subresource rules).
 */

const uid = '6d1f0c5e-0000-4000-8000-000000000001';
const owner: YamlMap = { apiVersion: 'v1', kind: 'Service', name: 'svc', uid };
const apiVersions = ['v1', '/v1', '/', 'v1/', 'apps/v1', '/apps', 'a/b/c', '', 'V1', 'events.k8s.io/v1'];
const kinds = ['Service', 'Event', ''];

function ownerShapes(): Variation[] {
  return apiVersions.flatMap((apiVersion, i) =>
    kinds.map((kind, j) => ({
      id: `owner-shape-${i}-${j}`,
      text: sliceMeta({ ownerReferences: [{ ...owner, apiVersion, kind }] }),
    })),
  );
}

const b = { ...owner, name: 'b', uid: 'u-b' };
const c = { ...owner, name: 'c', uid: 'u-c' };
const ownerLists: YamlMap[][] = [
  [owner, owner],
  [
    { ...owner, controller: true },
    { ...owner, controller: true },
  ],
  [{ ...owner, controller: true }, owner, { ...owner, controller: true }],
  [
    { ...owner, controller: true },
    { ...b, controller: true },
    { ...b, controller: true },
  ],
  [
    { ...owner, controller: true },
    { ...b, controller: true },
    { ...c, controller: true },
  ],
  [
    { ...owner, uid: undefined },
    { ...owner, uid: '' },
  ],
  [
    { ...owner, blockOwnerDeletion: true },
    { ...owner, blockOwnerDeletion: false },
    { ...owner, blockOwnerDeletion: true },
  ],
  [
    { ...owner, kind: 'Event' },
    { ...owner, kind: 'Event' },
  ],
  [{ ...owner, name: '' }, { ...owner, name: '' }, { ...owner, name: '' }, b],
  [owner, b, owner, b, c],
];

function ownerRepeats(): Variation[] {
  return ownerLists.flatMap((ownerReferences, i) => [
    { id: `owner-repeats-${i}`, text: sliceMeta({ ownerReferences }) },
    { id: `ep-owner-repeats-${i}`, text: endpointsMeta({ ownerReferences }) },
  ]);
}

const long = 'm'.repeat(129);
const absent = { 'f:metadata': { 'f:annotations': { 'f:absent': {} } } };

function entry(delta: YamlMap, apiVersion = 'discovery.k8s.io/v1'): YamlMap {
  return {
    manager: long,
    operation: 'Update',
    apiVersion,
    fieldsType: 'FieldsV1',
    fieldsV1: absent,
    ...delta,
  };
}

const managers = [
  'm'.repeat(128),
  'é'.repeat(64),
  'é'.repeat(65),
  'private\ue000use',
  'zero\u200bwidth',
  'ideographic\u3000space',
  'soft\u00adhyphen',
  'emoji 😀 ok',
  'tab\there',
  'new\nline',
];

/** Fields sets whose fate the field manager decides: kept, taken by the create, or unclear. */
const fieldSets: YamlMap[] = [
  { 'f:metadata': { 'f:uid': {} } },
  { 'f:metadata': { 'f:namespace': {} } },
  { 'f:metadata': { 'f:name': {} } },
  { 'f:metadata': { '.': {} } },
  { 'f:metadata': { 'f:labels': { '.': {}, 'f:kubernetes.io/service-name': {} } } },
  { 'f:metadata': { 'f:labels': { 'f:kubernetes.io/service-name': {}, 'f:other': {} } } },
  { 'f:metadata': { 'f:finalizers': {} } },
  { 'f:metadata': { 'f:labels': {} } },
  { 'f:addressType': {} },
  { 'f:endpoints': {} },
  { 'f:endpoints': { 'k:{"addresses":["10.1.2.3"]}': {} } },
  { 'f:ports': { 'k:{"name":"http"}': { '.': {}, 'f:port': {} } } },
  { 'f:unknownField': {} },
  { 'f:metadata': {} },
  {},
];

function managedFieldsVariations(): Variation[] {
  const out: Variation[] = [];
  const add = (id: string, entries: YamlMap[]) =>
    out.push({ id: `managed-${id}`, text: sliceMeta({ managedFields: entries }) });
  managers.forEach((manager, i) => add(`manager-${i}`, [entry({ manager })]));
  fieldSets.forEach((fieldsV1, i) => add(`fields-${i}`, [entry({ fieldsV1 })]));
  add('subresource-256', [entry({ manager: 'm', subresource: 's'.repeat(256) })]);
  add('subresource-257', [entry({ manager: 'm', subresource: 's'.repeat(257) })]);
  add('fieldstype-empty', [entry({ fieldsType: undefined })]);
  add('fieldstype-v2', [entry({ fieldsType: 'FieldsV2' })]);
  add('apiversion-empty', [entry({}, '')]);
  add('apiversion-core', [entry({}, 'v1')]);
  add('operation-empty', [entry({ operation: undefined })]);
  add('fields-bad-key', [entry({ fieldsV1: { 'x:y': {} } })]);
  add('fields-bad-index', [entry({ fieldsV1: { 'f:ports': { 'i:x': {} } } })]);
  add('fields-null', [entry({ fieldsV1: null })]);
  add('one-bad-entry', [entry({}), entry({ manager: 'x', operation: 'Patch' })]);
  // The same manager twice: the later entry's fields win.
  add('repeat-taken-last', [entry({}), entry({ fieldsV1: { 'f:addressType': {} } })]);
  add('repeat-kept-last', [entry({ fieldsV1: { 'f:addressType': {} } }), entry({})]);
  add('order', [
    entry({ manager: `b${long}`, time: '2020-01-01T00:00:00Z' }),
    entry({ manager: `a${long}`, time: '2021-01-01T00:00:00Z' }),
    entry({ manager: `c${long}`, operation: 'Apply', apiVersion: 'discovery.k8s.io/v1' }),
  ]);
  out.push({
    id: 'ep-managed-manager',
    text: endpointsMeta({ managedFields: [entry({}, 'v1')] }),
  });
  out.push({
    id: 'ep-managed-other-version',
    text: endpointsMeta({ managedFields: [entry({})] }),
  });
  return out;
}

export function ownershipVariations(): Variation[] {
  return [...ownerShapes(), ...ownerRepeats(), ...managedFieldsVariations()];
}
