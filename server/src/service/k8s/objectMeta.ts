import type { FieldSpec, ObjectSpec, ScalarSpec } from './schemaTypes';

/** Small constructors that keep the schema tables readable. */
export const str = (goType = 'string'): ScalarSpec => ({ kind: 'string', goType });
export const int32: ScalarSpec = { kind: 'int32', goType: 'int32' };
export const int64: ScalarSpec = { kind: 'int64', goType: 'int64' };
export const bool: ScalarSpec = { kind: 'bool', goType: 'bool' };
export const time: ScalarSpec = { kind: 'time', goType: 'v1.Time' };
export const field = (
  type: FieldSpec['type'],
  doc: string,
  extra: Omit<FieldSpec, 'type' | 'doc'> = {},
): FieldSpec => ({
  type,
  doc,
  ...extra,
});

export const objectReference: ObjectSpec = {
  kind: 'object',
  goType: 'ObjectReference',
  fields: {
    kind: field(str(), 'Kind of the referent, e.g. `Pod`.'),
    namespace: field(str(), 'Namespace of the referent.'),
    name: field(str(), 'Name of the referent.'),
    uid: field(str('types.UID'), 'UID of the referent.'),
    apiVersion: field(str(), 'API version of the referent.'),
    resourceVersion: field(str(), 'Specific resourceVersion to which this reference is made, if any.'),
    fieldPath: field(str(), 'A path within the referent, e.g. `spec.containers{name}`.'),
  },
};

const ownerReference: ObjectSpec = {
  kind: 'object',
  goType: 'OwnerReference',
  fields: {
    apiVersion: field(str(), 'API version of the owner.', { required: true }),
    kind: field(str(), 'Kind of the owner.', { required: true }),
    name: field(str(), 'Name of the owner.', { required: true }),
    uid: field(str('types.UID'), 'UID of the owner.', { required: true }),
    controller: field(
      bool,
      'If true, this reference points to the managing controller. At most one may be true.',
      {
        pointer: true,
      },
    ),
    blockOwnerDeletion: field(bool, 'If true, the owner cannot be deleted before this object is removed.', {
      pointer: true,
    }),
  },
};

const managedFieldsEntry: ObjectSpec = {
  kind: 'object',
  goType: 'ManagedFieldsEntry',
  fields: {
    manager: field(str(), 'The workflow managing these fields.'),
    operation: field(
      str('v1.ManagedFieldsOperationType'),
      'The operation that created this entry: `Apply` or `Update`.',
    ),
    apiVersion: field(str(), 'The version of the resource these fields were set in.'),
    time: field(time, 'When the fields were last changed.', { pointer: true }),
    fieldsType: field(str(), 'The format of `fieldsV1`; only `FieldsV1` exists.'),
    fieldsV1: field({ kind: 'raw', goType: 'v1.FieldsV1' }, 'The set of fields, in the FieldsV1 format.'),
    subresource: field(str(), 'The subresource used to update the object, if any.'),
  },
};

export const objectMeta: ObjectSpec = {
  kind: 'object',
  goType: 'ObjectMeta',
  fields: {
    name: field(
      str(),
      'Name of the object, unique in its namespace. Must be a lowercase RFC 1123 subdomain (at most 253 characters). For an EndpointSlice managed by hand, a name derived from the Service (`<service>-<suffix>`) is conventional.',
      { required: true },
    ),
    generateName: field(
      str(),
      'A prefix from which the server generates a unique name when `name` is empty (5 random characters are appended).',
    ),
    namespace: field(
      str(),
      'The namespace of the object. Must be a lowercase RFC 1123 label. Defaults to the namespace of the request.',
    ),
    selfLink: field(str(), 'Deprecated and ignored.'),
    uid: field(str('types.UID'), 'Set by the server on create; ignored in manifests.'),
    resourceVersion: field(str(), 'Set by the server; used for optimistic concurrency on update.'),
    generation: field(int64, 'Set by the server.'),
    creationTimestamp: field(time, 'Set by the server on create.'),
    deletionTimestamp: field(time, 'Set by the server when deletion is requested.', { pointer: true }),
    deletionGracePeriodSeconds: field(int64, 'Set by the server when deletion is requested.', {
      pointer: true,
    }),
    labels: field(
      { kind: 'map', goType: 'map[string]string', value: str() },
      'Labels. Keys are qualified names (optional DNS-subdomain prefix and `/`, name at most 63 characters); values are at most 63 characters. An EndpointSlice needs `kubernetes.io/service-name` to be used for a Service.',
    ),
    annotations: field(
      { kind: 'map', goType: 'map[string]string', value: str() },
      'Annotations. Keys are qualified names (case-insensitive); keys and values together must stay under 256 KiB.',
    ),
    ownerReferences: field(
      { kind: 'list', goType: '[]v1.OwnerReference', item: ownerReference },
      'Objects this one depends on; garbage collection deletes it with its owner.',
    ),
    finalizers: field(
      { kind: 'list', goType: '[]string', item: str() },
      'Finalizers: qualified names; names without a `/` must be one of `kubernetes`, `orphan`, `foregroundDeletion`.',
    ),
    managedFields: field(
      { kind: 'list', goType: '[]v1.ManagedFieldsEntry', item: managedFieldsEntry },
      'Server-side apply bookkeeping, written by the server.',
    ),
  },
};
