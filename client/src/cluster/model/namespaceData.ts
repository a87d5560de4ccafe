/**
 * What the view knows about one namespace of one context: the four watched resources with their
 * sync status, and the joins the tree needs (slices of a Service by label, who refers to a pod).
 * Only the model mutates it; everything else reads.
 */
import { resourceKinds, serviceNameLabel } from './kubeTypes';
import type {
  ClusterErrorInfo,
  EndpointSlice,
  KubeObject,
  LegacyEndpoints,
  Pod,
  ResourceKind,
  Service,
} from './kubeTypes';

export type ResourceStatus =
  | { state: 'idle' }
  | { state: 'listing' }
  | { state: 'synced' }
  /** The last list or watch failed; `retryInMs` is when the client tries again. */
  | { state: 'error'; error: ClusterErrorInfo; attempt: number; retryInMs?: number; hasData: boolean };

export interface ResourceState {
  status: ResourceStatus;
  items: Map<string, KubeObject>;
}

export class NamespaceData {
  readonly resources: Record<ResourceKind, ResourceState>;
  /** pod name -> names of the groups (Service names) whose slices or Endpoints point at it. */
  private podRefs: Map<string, Set<string | undefined>> | undefined;

  constructor(
    readonly context: string,
    readonly namespace: string,
  ) {
    this.resources = Object.fromEntries(
      resourceKinds.map((kind) => [kind, { status: { state: 'idle' }, items: new Map() }]),
    ) as Record<ResourceKind, ResourceState>;
  }

  get services(): ReadonlyMap<string, Service> {
    return this.resources.services.items as Map<string, Service>;
  }

  get slices(): ReadonlyMap<string, EndpointSlice> {
    return this.resources.endpointslices.items as Map<string, EndpointSlice>;
  }

  get legacyEndpoints(): ReadonlyMap<string, LegacyEndpoints> {
    return this.resources.endpoints.items as Map<string, LegacyEndpoints>;
  }

  get pods(): ReadonlyMap<string, Pod> {
    return this.resources.pods.items as Map<string, Pod>;
  }

  /** Whether a resource's items can be trusted to be complete (listed, maybe stale while recovering). */
  known(kind: ResourceKind): boolean {
    const status = this.resources[kind].status;
    return status.state === 'synced' || (status.state === 'error' && status.hasData);
  }

  /** Slices labelled for `service` (undefined: slices without the label), by name. */
  slicesOf(service: string | undefined): EndpointSlice[] {
    return [...this.slices.values()]
      .filter((slice) => sliceService(slice) === service)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  /** The Service names (undefined: unlabelled) whose slices or Endpoints point at the pod. */
  groupsReferencingPod(pod: string): ReadonlySet<string | undefined> {
    this.podRefs ??= this.indexPodReferences();
    return this.podRefs.get(pod) ?? new Set();
  }

  /** Services whose selector picks the pod (selectorless Services pick nothing). */
  servicesSelecting(pod: Pod): Service[] {
    return [...this.services.values()].filter((service) => selects(service, pod));
  }

  /** Called on every slice or Endpoints change, so the pod index is rebuilt on next use. */
  invalidateReferences(): void {
    this.podRefs = undefined;
  }

  private indexPodReferences(): Map<string, Set<string | undefined>> {
    const index = new Map<string, Set<string | undefined>>();
    const add = (pod: string | undefined, group: string | undefined): void => {
      if (pod === undefined) {
        return;
      }
      const groups = index.get(pod) ?? new Set();
      groups.add(group);
      index.set(pod, groups);
    };
    for (const slice of this.slices.values()) {
      for (const endpoint of slice.endpoints ?? []) {
        add(podName(endpoint.targetRef), sliceService(slice));
      }
    }
    for (const endpoints of this.legacyEndpoints.values()) {
      for (const subset of endpoints.subsets ?? []) {
        for (const address of [...(subset.addresses ?? []), ...(subset.notReadyAddresses ?? [])]) {
          add(podName(address.targetRef), endpoints.metadata.name);
        }
      }
    }
    return index;
  }
}

/** The Service a slice belongs to: its `kubernetes.io/service-name` label. */
export function sliceService(slice: EndpointSlice): string | undefined {
  return slice.metadata.labels?.[serviceNameLabel];
}

/** The pod a targetRef names, if it names a pod. */
export function podName(ref: { kind?: string; name?: string } | null | undefined): string | undefined {
  return ref && ref.kind === 'Pod' && ref.name ? ref.name : undefined;
}

/** A Service selects a pod when its non-empty selector is a subset of the pod's labels. */
export function selects(service: Service, pod: Pod): boolean {
  const selector = Object.entries(service.spec?.selector ?? {});
  const labels = pod.metadata.labels ?? {};
  return selector.length > 0 && selector.every(([key, value]) => labels[key] === value);
}
