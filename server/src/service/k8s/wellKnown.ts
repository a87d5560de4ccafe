/** Labels and values with meaning to the control plane (k8s.io/api discovery/v1 well_known_labels.go). */
export const labelServiceName = 'kubernetes.io/service-name';
export const labelManagedBy = 'endpointslice.kubernetes.io/managed-by';
export const labelSkipMirror = 'endpointslice.kubernetes.io/skip-mirror';
export const labelEndpointsManagedBy = 'endpoints.kubernetes.io/managed-by';

/** managed-by values owned by the built-in controllers; they also silence the IP-format warnings. */
export const controllerManagedByValues = [
  'endpointslice-controller.k8s.io',
  'endpointslicemirroring-controller.k8s.io',
] as const;

/** The Endpoints controller's label value that silences the Endpoints IP-format warnings. */
export const endpointsControllerName = 'endpoint-controller';

/** Finalizer names that need no domain prefix (core validation's standard finalizers). */
export const standardFinalizers = ['kubernetes', 'orphan', 'foregroundDeletion'] as const;

export const limits = {
  endpointsPerSlice: 1000,
  addressesPerEndpoint: 100,
  portsPerSlice: 20000,
  hintsPerEndpoint: 8,
  totalAnnotationBytes: 262144,
  controllerEndpointsPerSlice: 100,
  /** FieldManagerMaxLength: a managedFields entry's manager (apimachinery meta/v1/validation). */
  fieldManagerBytes: 128,
  /** MaxSubresourceNameLength: a managedFields entry's subresource. */
  subresourceBytes: 256,
  /** DefaultMaxUpdateManagers: beyond it the field manager merges the oldest Update entries. */
  maxUpdateManagers: 10,
} as const;
