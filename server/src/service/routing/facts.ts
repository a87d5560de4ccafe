/**
 * Kubernetes facts the routing engine reads, as data: label and annotation keys, defaults of
 * kube-controller-manager's flags, and the values the controller recognises.
 */
import type { ControllerOptions } from './types';

/** discovery/v1 well_known_labels.go and core/v1 well_known_labels.go / annotation_key_constants.go. */
export const labels = {
  serviceName: 'kubernetes.io/service-name',
  managedBy: 'endpointslice.kubernetes.io/managed-by',
  skipMirror: 'endpointslice.kubernetes.io/skip-mirror',
  headless: 'service.kubernetes.io/headless',
  zone: 'topology.kubernetes.io/zone',
  /** Nodes with this label are left out of the topology cache (topologycache/utils.go hasExcludedLabels). */
  controlPlane: 'node-role.kubernetes.io/control-plane',
} as const;

export const annotations = {
  topologyMode: 'service.kubernetes.io/topology-mode',
  topologyAwareHints: 'service.kubernetes.io/topology-aware-hints',
  leaderElection: 'control-plane.alpha.kubernetes.io/leader',
} as const;

export const controllerNames = {
  endpointSlice: 'endpointslice-controller.k8s.io',
  mirroring: 'endpointslicemirroring-controller.k8s.io',
} as const;

/** kube-controller-manager's defaults (cmd/kube-controller-manager options, features). */
export const defaultControllerOptions: ControllerOptions = {
  preferSameTrafficDistribution: true,
  maxEndpointsPerSlice: 100,
  mirroringMaxEndpointsPerSubset: 1000,
};

/** core/v1 ServiceTrafficDistribution values that ask for hints (trafficdist.go). */
export const trafficDistributions = {
  preferClose: 'PreferClose',
  preferSameZone: 'PreferSameZone',
  preferSameNode: 'PreferSameNode',
} as const;

/** The annotation values that turn topology-aware hints on (utils.go hintsEnabled). */
export const topologyModeOn: readonly string[] = ['Auto', 'auto'];

/** topologycache: a zone may receive up to 20% more endpoints than its CPU share. */
export const overloadThreshold = 0.2;

/** Pod phases after which a pod never runs again (ShouldPodBeInEndpoints). */
export const terminalPhases: readonly string[] = ['Succeeded', 'Failed'];

/** The protocol the apiserver defaults a Service or container port to. */
export const defaultProtocol = 'TCP';
