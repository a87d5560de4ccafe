/**
 * The parts of the Kubernetes objects the cluster view reads, typed structurally. Objects come
 * from the apiserver as JSON; every field the API marks optional is optional here too, and the
 * code never assumes a field the server may omit.
 */
import { isPodReady } from '../../../../server/src/service/routing';

/** The four resources the view watches per namespace. */
export const resourceKinds = ['services', 'endpointslices', 'endpoints', 'pods'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** The label that ties an EndpointSlice to its Service (not the owner reference). */
export const serviceNameLabel = 'kubernetes.io/service-name';

/**
 * The label and value the endpoints controller puts on every v1 Endpoints it writes for a
 * Service with a selector (pkg/controller/endpoint: LabelManagedBy, ControllerName). The
 * mirroring controller copies only Endpoints without it into slices; the apiserver sends no
 * warnings for them. Such an object repeats the slices for old clients and asks nothing of the user.
 */
export const legacyManagedByLabel = 'endpoints.kubernetes.io/managed-by';
export const endpointsControllerName = 'endpoint-controller';

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: (ObjectReference & { controller?: boolean })[];
  managedFields?: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

export interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
  appProtocol?: string;
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    selector?: Record<string, string> | null;
    ports?: ServicePort[] | null;
    clusterIP?: string;
    ipFamilies?: string[] | null;
    clusterIPs?: string[] | null;
    externalName?: string;
    publishNotReadyAddresses?: boolean;
    trafficDistribution?: string;
  };
}

/** nil semantics (discovery/v1 types.go): ready and serving nil mean true, terminating nil false. */
export interface EndpointConditions {
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
}

export interface SliceEndpoint {
  addresses?: string[] | null;
  conditions?: EndpointConditions | null;
  hostname?: string;
  targetRef?: ObjectReference | null;
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name: string }[] | null; forNodes?: { name: string }[] | null } | null;
}

export interface SlicePort {
  name?: string | null;
  port?: number | null;
  protocol?: string | null;
  appProtocol?: string | null;
}

export interface EndpointSlice extends KubeObject {
  addressType?: string;
  endpoints?: SliceEndpoint[] | null;
  ports?: SlicePort[] | null;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference | null;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[] | null;
  notReadyAddresses?: EndpointAddress[] | null;
  ports?: { name?: string; port: number; protocol?: string }[] | null;
}

/** core/v1 Endpoints: deprecated since 1.33, still served and mirrored. */
export interface LegacyEndpoints extends KubeObject {
  subsets?: EndpointSubset[] | null;
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

export interface Container {
  name?: string;
  ports?: ContainerPort[] | null;
  restartPolicy?: string;
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string } | null;
    running?: { startedAt?: string } | null;
    terminated?: { reason?: string; exitCode?: number } | null;
  } | null;
}

/** What the routing engine reads of a pod: where it runs, its ports, readiness and IPs. */
export interface Pod extends KubeObject {
  spec?: {
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
    containers?: Container[] | null;
    initContainers?: Container[] | null;
    readinessGates?: { conditionType?: string }[] | null;
  };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip: string }[] | null;
    conditions?: PodCondition[] | null;
    containerStatuses?: ContainerStatus[] | null;
  };
}

/** What went wrong talking to a cluster, classified so the view can say what to do next. */
export type ClusterErrorKind =
  | 'no-kubeconfig'
  | 'kubeconfig-invalid'
  | 'unreachable'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'credentials'
  | 'server'
  | 'other';

export interface ClusterErrorInfo {
  kind: ClusterErrorKind;
  /** One line, as the server or the socket said it. */
  message: string;
  /** HTTP status, when there was a response. */
  status?: number;
}

/** A kubeconfig context as the view lists it. */
export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  server?: string;
  /** The namespace the context names, if any: the one to show when namespaces cannot be listed. */
  namespace?: string;
  /** Whether this is the kubeconfig's current-context (shown, never changed). */
  current: boolean;
}

/** Conditions with the API's nil semantics applied. */
export function endpointState(conditions: EndpointConditions | null | undefined): {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
} {
  return {
    ready: conditions?.ready ?? true,
    serving: conditions?.serving ?? true,
    terminating: conditions?.terminating ?? false,
  };
}

/** A pod's IPs: podIPs when present, else podIP (older servers). */
export function podAddresses(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((entry) => entry.ip).filter(Boolean);
  if (ips.length > 0) {
    return ips;
  }
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

/** Ready as the EndpointSlice controller reads it (the first Ready condition is True). */
export function podReady(pod: Pod): boolean {
  return isPodReady(pod);
}
