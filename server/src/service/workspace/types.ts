import type { Range } from '../types';
import type { PodTemplateInfo } from './podTemplates';
import type { ServiceRoutingInfo } from './serviceRouting';

/**
 * What the workspace index knows about each object: only what completion, hover and the
 * workspace-aware advisories read. Ranges are in file coordinates once a file is indexed.
 */
export interface ServicePortInfo {
  name: string;
  port?: number;
  targetPort?: number | string;
  protocol: string;
  appProtocol?: string;
}

export interface ServiceInfo {
  uri: string;
  name: string;
  namespace?: string;
  /** A non-empty `spec.selector`: the built-in controllers manage this Service's endpoints. */
  hasSelector: boolean;
  type?: string;
  ports: ServicePortInfo[];
  /** `spec.ipFamilies`, or both families when `ipFamilyPolicy` asks for dual-stack. */
  families: string[];
  /** What routing advice reads: the Service as the routing engine takes it, and where. */
  routing?: ServiceRoutingInfo;
  range: Range;
}

export interface NamedRange {
  name: string;
  range: Range;
  /** The apiserver path of the name (`ports[0].name`). */
  field: string;
}

export interface SliceInfo {
  uri: string;
  name?: string;
  namespace?: string;
  serviceName?: string;
  addressType?: string;
  managedBy?: string;
  /** Port names as the apiserver defaults them (an unnamed port is ""). */
  ports: NamedRange[];
  /** Its endpoints, and how many of them are ready (what the routing picture counts). */
  endpoints: number;
  ready: number;
  /** Where advice about the slice as a whole points: its name, else its kind line. */
  anchor: Range;
  addressTypeRange?: Range;
  serviceNameRange?: Range;
  range: Range;
}

export interface EndpointsInfo {
  uri: string;
  name?: string;
  namespace?: string;
  ports: NamedRange[];
  /** Its ready and not-ready addresses over all subsets (what the routing picture counts). */
  addresses: number;
  notReady: number;
  anchor: Range;
  range: Range;
}

export interface FileSummary {
  services: ServiceInfo[];
  slices: SliceInfo[];
  endpoints: EndpointsInfo[];
  /** Pod templates of workloads (and Pods), for routing advice. */
  templates: PodTemplateInfo[];
}

/** Manifests without a namespace are applied to whatever namespace is current: they match any. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
