/**
 * The routing picture of one Service, as data: where its traffic goes, from the Service through
 * its EndpointSlices (by address family) and their endpoints to the pods, nodes and zones behind
 * them, plus the selected pods that receive nothing and why. Built by buildPicture.ts from the
 * cluster model, or by workspacePicture.ts from what the routing engine predicts from the
 * workspace; laid out by layout.ts. Nothing here knows about SVG or VS Code.
 *
 * The optional `target` of a part overrides what a click on it opens (a workspace picture's
 * parts open the file that writes them, not a live object).
 */
import type { SceneTarget } from './protocol';

/**
 * How an endpoint takes traffic, with the API's nil semantics applied: `ready` gets new
 * connections; `serving` is serving but terminating (or serving and not ready): proxies use it
 * only when no endpoint is ready; `notReady` gets nothing.
 */
export type EndpointStateName = 'ready' | 'serving' | 'notReady';

export interface PicturePort {
  name: string;
  port: number;
  protocol: string;
  /** As written in the Service: a number, a container port name, or unset (= port). */
  targetPort: number | string;
}

/** Why a selected pod is not an endpoint (the routing engine's verdict once it is wired in). */
export interface PodReason {
  /** Stable, for tests and styling: e.g. `not-in-slice`, `no-ip`, `finished`. */
  code: string;
  /** One sentence for people. */
  text: string;
}

export interface PictureService {
  context?: string;
  namespace: string;
  name: string;
  type: string;
  /** Cluster IPs, one per family (empty for headless and ExternalName). */
  clusterIPs: string[];
  /** DNS names a client in the cluster resolves (empty until the DNS module supplies them). */
  dnsNames: string[];
  ports: PicturePort[];
  selector: string;
  externalName?: string;
  trafficDistribution?: string;
  publishNotReadyAddresses: boolean;
  /** Said instead of the cluster IPs when there are none and the Service is not headless. */
  addressNote?: string;
  target?: SceneTarget;
}

export interface PictureSlice {
  name: string;
  addressType: string;
  ports: { name: string; port?: number; protocol: string }[];
  endpointIds: string[];
  /** Said instead of the endpoint count (a predicted slice counts its templates' replicas). */
  caption?: string;
  target?: SceneTarget;
}

export interface PictureEndpoint {
  /** `addressType/first address`: an endpoint found in several slices is one endpoint. */
  id: string;
  addresses: string[];
  addressType: string;
  state: EndpointStateName;
  terminating: boolean;
  slices: string[];
  pod?: string;
  node?: string;
  zone?: string;
  hostname?: string;
  /** Zones (and nodes) whose proxies route to this endpoint when hints apply. */
  hintZones: string[];
  hintNodes: string[];
  /** The hover card's text, made only for endpoints drawn one by one (not for those in groups). */
  tooltip: () => string;
  /** Said instead of the state (a predicted endpoint has no state yet). */
  caption?: string;
  target?: SceneTarget;
}

export interface PicturePod {
  name: string;
  node?: string;
  phase: string;
  ready: boolean;
  ips: string[];
  tooltip: () => string;
  /** Said instead of the phase and readiness (a pod template's replicas). */
  status?: string;
  target?: SceneTarget;
}

/** A pod the Service selects that receives none of its traffic, and why. */
export interface Outsider {
  pod: string;
  node?: string;
  reason: PodReason;
  target?: SceneTarget;
}

export interface PortMappingRow {
  servicePort: string;
  targetPort: string;
  /**
   * Per slice (per pod template in a prediction): the port its endpoints listen on (the resolved
   * container port) and how many endpoints (`per node` for a DaemonSet).
   */
  endpointPorts: { slice: string; port: string; endpoints: number | string }[];
}

export type Verdict =
  | { kind: 'healthy'; text: string }
  | { kind: 'degraded'; text: string }
  | { kind: 'nowhere'; text: string }
  | { kind: 'external'; text: string };

export interface Picture {
  service: PictureService;
  slices: PictureSlice[];
  endpoints: PictureEndpoint[];
  pods: Map<string, PicturePod>;
  outsiders: Outsider[];
  portMapping: PortMappingRow[];
  verdict: Verdict;
  /** True when the Service's slices carry hints (topology-aware routing is in effect). */
  hinted: boolean;
  /** What the picture could not know (pods not listed yet, …): shown as a note. */
  notes: string[];
  /** Set when the picture is the routing engine's prediction from these workspace files. */
  predicted?: { files: string[] };
}
