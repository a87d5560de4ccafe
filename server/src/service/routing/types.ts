/**
 * The routing engine's input and output. Inputs are the Kubernetes objects as JSON, typed
 * structurally with every field optional: the live cluster sends them whole, the workspace
 * often has only part of them (a Deployment's pod template has labels and ports but no status),
 * and neither may be trusted to be complete. Outputs say what the EndpointSlice controller (or
 * the mirroring controller) will write for one Service, and why each selected pod is or is not
 * an endpoint of it, per Service port.
 */

export interface RoutingMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  deletionTimestamp?: string | null;
}

export interface RoutingServicePort {
  name?: string | null;
  port?: number | null;
  protocol?: string | null;
  targetPort?: number | string | null;
  appProtocol?: string | null;
}

export interface RoutingService {
  metadata?: RoutingMeta | null;
  spec?: {
    type?: string | null;
    selector?: Record<string, string> | null;
    ports?: RoutingServicePort[] | null;
    clusterIP?: string | null;
    ipFamilies?: string[] | null;
    publishNotReadyAddresses?: boolean | null;
    trafficDistribution?: string | null;
  } | null;
}

export interface RoutingContainerPort {
  name?: string | null;
  containerPort?: number | null;
  protocol?: string | null;
}

export interface RoutingContainer {
  name?: string | null;
  ports?: RoutingContainerPort[] | null;
  restartPolicy?: string | null;
}

export interface RoutingCondition {
  type?: string | null;
  status?: string | null;
  reason?: string | null;
  message?: string | null;
  lastTransitionTime?: string | null;
}

export interface RoutingContainerStatus {
  name?: string | null;
  ready?: boolean | null;
  restartCount?: number | null;
  state?: {
    waiting?: { reason?: string | null } | null;
    running?: { startedAt?: string | null } | null;
    terminated?: { reason?: string | null; exitCode?: number | null } | null;
  } | null;
}

/** A pod, or a workload's pod template (no status: only selection and ports can be judged). */
export interface RoutingPod {
  metadata?: RoutingMeta | null;
  spec?: {
    nodeName?: string | null;
    hostname?: string | null;
    subdomain?: string | null;
    containers?: RoutingContainer[] | null;
    initContainers?: RoutingContainer[] | null;
    readinessGates?: { conditionType?: string | null }[] | null;
  } | null;
  status?: {
    phase?: string | null;
    podIP?: string | null;
    podIPs?: { ip?: string | null }[] | null;
    conditions?: RoutingCondition[] | null;
    containerStatuses?: RoutingContainerStatus[] | null;
  } | null;
}

export interface RoutingNode {
  metadata?: RoutingMeta | null;
  status?: {
    allocatable?: Record<string, string> | null;
    conditions?: RoutingCondition[] | null;
  } | null;
}

export interface RoutingEndpointAddress {
  ip?: string | null;
  hostname?: string | null;
  nodeName?: string | null;
  targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string } | null;
}

/** core/v1 Endpoints, as the mirroring controller reads it for a selectorless Service. */
export interface RoutingEndpoints {
  metadata?: RoutingMeta | null;
  subsets?:
    | {
        addresses?: RoutingEndpointAddress[] | null;
        notReadyAddresses?: RoutingEndpointAddress[] | null;
        ports?:
          | {
              name?: string | null;
              port?: number | null;
              protocol?: string | null;
              appProtocol?: string | null;
            }[]
          | null;
      }[]
    | null;
}

/** What the caller knows; `undefined` means "not known", an empty list means "known: none". */
export interface RoutingInput {
  service: RoutingService;
  /** Pods of the Service's namespace (live), or pod templates (workspace); undefined: not known. */
  pods?: readonly RoutingPod[];
  /** Nodes of the cluster; undefined: not known (zones and the node check are then left open). */
  nodes?: readonly RoutingNode[];
  /** The Endpoints object named like the Service, for selectorless mirroring. */
  endpoints?: RoutingEndpoints;
  /** Controller behaviours that depend on the version or feature gates. */
  controller?: Partial<ControllerOptions>;
}

export interface ControllerOptions {
  /** PreferSameZone / PreferSameNode traffic distribution (feature gate, on by default since 1.35). */
  preferSameTrafficDistribution: boolean;
  /** --max-endpoints-per-slice (default 100). */
  maxEndpointsPerSlice: number;
  /** The mirroring controller's --mirroring-max-endpoints-per-subset (default 1000). */
  mirroringMaxEndpointsPerSubset: number;
}

export type AddressType = 'IPv4' | 'IPv6';

export interface PredictedPort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface PredictedEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  nodeName?: string;
  /** Known only when the node is known; `zoneKnown` false means the controller may add one. */
  zone?: string;
  zoneKnown: boolean;
  targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
  hints?: { forZones?: string[]; forNodes?: string[] };
}

/** One group of slices the controller writes: one address type, one set of ports. */
export interface PredictedSliceGroup {
  addressType: AddressType;
  ports: PredictedPort[];
  endpoints: PredictedEndpoint[];
}

/** Why a pod is not, or not fully, an endpoint. Codes are stable; `text` is one sentence. */
export interface PodReason {
  code: PodReasonCode;
  text: string;
  /** Facts behind it: a condition with its reason and time, a container, a label. */
  evidence: string[];
  /** Since when, when known (an RFC 3339 time from the object). */
  since?: string;
}

export type PodReasonCode =
  | 'terminal'
  | 'unscheduled'
  | 'no-ip'
  | 'not-ready'
  | 'terminating'
  | 'node-missing'
  | 'port-missing'
  | 'family-mismatch'
  | 'template';

/** Per Service port, what it resolves to on one pod. */
export interface PodPort {
  servicePort: string;
  port?: number;
  missing?: string;
}

export interface PodVerdict {
  name: string;
  /** An endpoint in some slice (ready or not). */
  endpoint: boolean;
  /** A ready endpoint: receives traffic. */
  ready: boolean;
  /** Every Service port resolves on this pod. */
  allPorts: boolean;
  ports: PodPort[];
  reasons: PodReason[];
  nodeName?: string;
  zone?: string;
}

/** A pod the selector almost matches: the labels that differ. */
export interface NearPod {
  name: string;
  differences: LabelDifference[];
}

export interface LabelDifference {
  key: string;
  wanted: string;
  /** undefined: the pod has no such label. */
  actual?: string;
}

export type RoutingMode = 'selector' | 'mirrored' | 'manual' | 'external-name';

export interface HintsVerdict {
  /** What asks for hints: the field, the annotation, or nothing. */
  source: 'trafficDistribution' | 'topology-mode' | 'none';
  /** Hints the controller writes: per zone, per node, or none, and why not when asked. */
  applied: 'zone' | 'zone-and-node' | 'none';
  why: string;
}

export interface RoutingPrediction {
  mode: RoutingMode;
  addressTypes: AddressType[];
  groups: PredictedSliceGroup[];
  /** Every pod the selector matches, by name. */
  pods: PodVerdict[];
  /** When the selector matches no pod: the closest pods by label, closest first. */
  nearest: NearPod[];
  hints: HintsVerdict;
  /** Zones that hold at least one ready endpoint. */
  readyZones: string[];
  /** Notes about the whole Service (mirroring truncation, no ports, …). */
  notes: string[];
  summary: RoutingSummary;
}

export interface RoutingSummary {
  selected: number;
  endpoints: number;
  ready: number;
  /** "routes to 3 of 5 selected pods", "routes nowhere", … */
  text: string;
  state: 'routes' | 'partial' | 'nowhere' | 'unknown' | 'external';
}
