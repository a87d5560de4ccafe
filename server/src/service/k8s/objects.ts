/**
 * The decoded objects the rules read: what the apiserver's Go structs hold after decoding and
 * defaulting. Optional means a nil pointer or an absent field.
 */

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface SliceEndpoint {
  addresses?: string[];
  hostname?: string;
  nodeName?: string;
  zone?: string;
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hints?: { forZones?: { name?: string }[]; forNodes?: { name?: string }[] };
}

export interface SlicePort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

export interface EndpointSlice {
  metadata?: ObjectMeta;
  addressType?: string;
  endpoints?: SliceEndpoint[];
  ports?: SlicePort[];
}

export interface EndpointAddress {
  ip?: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: Record<string, string>;
}

export interface CorePort {
  name?: string;
  port?: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: CorePort[];
}

export interface Endpoints {
  metadata?: ObjectMeta;
  subsets?: EndpointSubset[];
}
