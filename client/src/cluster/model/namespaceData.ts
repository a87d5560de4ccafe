/**
 * What the view knows about one namespace of one context: the four watched resources with their
 * sync status, and the joins the tree needs (slices of a Service by label, who refers to a pod).
 * Only the model mutates it; everything else reads.
 */
import { selectorMatches, serviceSelector } from '../../../../server/src/service/routing';
import { resourceKinds, serviceNameLabel } from './kubeTypes';
import type { ResourceEvent } from './resourceEvents';
import { ViewMemos } from './viewMemos';
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
  /** What was wrong with objects the apiserver sent, by object name (`#n`: skipped, no name). */
  problems: Map<string, string>;
}

/** Skipped objects have no name to forget them by: only this many are remembered until a re-list. */
const maxSkippedNoted = 1000;

export class NamespaceData {
  readonly resources: Record<ResourceKind, ResourceState>;
  /** What the views derived from these objects, kept here so each model owns its own. */
  readonly memos = new ViewMemos();
  /** pod name -> names of the groups (Service names) whose slices or Endpoints point at it. */
  private podRefs: Map<string, Set<string | undefined>> | undefined;
  private sliceIndex: { version: number; byService: Map<string | undefined, EndpointSlice[]> } | undefined;

  constructor(
    readonly context: string,
    readonly namespace: string,
  ) {
    this.resources = Object.fromEntries(
      resourceKinds.map((kind) => [
        kind,
        { status: { state: 'idle' }, items: new Map(), problems: new Map() },
      ]),
    ) as Record<ResourceKind, ResourceState>;
  }

  get services(): ReadonlyMap<string, Service> {
    return this.resources.services.items;
  }

  get slices(): ReadonlyMap<string, EndpointSlice> {
    return this.resources.endpointslices.items;
  }

  get legacyEndpoints(): ReadonlyMap<string, LegacyEndpoints> {
    return this.resources.endpoints.items;
  }

  get pods(): ReadonlyMap<string, Pod> {
    return this.resources.pods.items;
  }

  /**
   * True until the Services and slices have each been listed (or failed) once: the namespace
   * shows "loading" instead of its content until then.
   */
  get loading(): boolean {
    return viewKinds.some((kind) => this.listing(kind));
  }

  /** Whether a resource has not been listed yet (nor failed to be). */
  listing(kind: ResourceKind): boolean {
    const state = this.resources[kind].status.state;
    return state === 'listing' || state === 'idle';
  }

  /** Whether a resource's items can be trusted to be complete (listed, maybe stale while recovering). */
  known(kind: ResourceKind): boolean {
    const status = this.resources[kind].status;
    return status.state === 'synced' || (status.state === 'error' && status.hasData);
  }

  /**
   * Slices labelled for `service` (undefined: slices without the label), by name. Indexed once
   * per change to the slices: a namespace of 1,000 Services asks this 1,000 times per render.
   */
  slicesOf(service: string | undefined): readonly EndpointSlice[] {
    if (this.sliceIndex?.version !== this.slicesVersion) {
      const byService = new Map<string | undefined, EndpointSlice[]>();
      for (const slice of this.slices.values()) {
        const group = byService.get(sliceService(slice)) ?? [];
        group.push(slice);
        byService.set(sliceService(slice), group);
      }
      for (const group of byService.values()) {
        group.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      }
      this.sliceIndex = { version: this.slicesVersion, byService };
    }
    return this.sliceIndex.byService.get(service) ?? [];
  }

  /** The Service names (undefined: unlabelled) whose slices or Endpoints point at the pod. */
  groupsReferencingPod(pod: string): ReadonlySet<string | undefined> {
    this.podRefs ??= this.indexPodReferences();
    return this.podRefs.get(pod) ?? new Set();
  }

  /**
   * Records what the apiserver sent that the view could not take whole; true when the namespace's
   * message about it may have changed.
   */
  noteProblems(kind: ResourceKind, event: ResourceEvent): boolean {
    const problems = this.resources[kind].problems;
    const before = problems.size;
    if (event.type === 'replace') {
      problems.clear();
      (event.problems ?? []).forEach((p, index) => problems.set(p.name ?? `#${index}`, p.problem));
    } else if (event.type === 'skip') {
      if (problems.size < maxSkippedNoted) {
        problems.set(`#watch-${problems.size}`, event.problem);
      }
    } else if (event.type === 'upsert' && event.problem) {
      problems.set(event.object.metadata.name, event.problem);
    } else {
      problems.delete(event.object.metadata.name);
    }
    return before > 0 || problems.size > 0;
  }

  /** Bumped on every pod change; routing verdicts and the label index compare it. */
  podsVersion = 0;

  /**
   * Services whose selector matched no pod when their verdict was last made: they name the
   * nearest pods, which any pod change may alter, so every pod change refreshes them (a pod
   * change otherwise refreshes only the Services that select that pod).
   */
  readonly selectingNothing = new Set<string>();
  private labelIndex: { version: number; byPair: Map<string, Pod[]> } | undefined;

  podsChanged(): void {
    this.podsVersion++;
  }

  /**
   * The pods that carry one label pair. A Service's selected pods are among the pods with its
   * selector's first pair, so a namespace of many Services and pods never scans every pod per
   * Service. Indexed once per change to the pods.
   */
  podsWithLabel(key: string, value: string): readonly Pod[] {
    if (this.labelIndex?.version !== this.podsVersion) {
      const byPair = new Map<string, Pod[]>();
      for (const pod of this.pods.values()) {
        for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
          const pair = `${k}=${v}`;
          const list = byPair.get(pair) ?? [];
          list.push(pod);
          byPair.set(pair, list);
        }
      }
      this.labelIndex = { version: this.podsVersion, byPair };
    }
    return this.labelIndex.byPair.get(`${key}=${value}`) ?? [];
  }

  /** Bumped on every slice or Endpoints change; caches derived from slices compare it. */
  slicesVersion = 0;

  /** Called on every slice or Endpoints change, so the pod index is rebuilt on next use. */
  invalidateReferences(): void {
    this.podRefs = undefined;
    this.slicesVersion++;
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

/**
 * What a namespace's node needs to show its content: its Services and their slices. Slices
 * first: they are the larger list, and the first request gets the connection that is already open.
 */
export const viewKinds: readonly ResourceKind[] = ['endpointslices', 'services'];

/** The Service a slice belongs to: its `kubernetes.io/service-name` label. */
export function sliceService(slice: EndpointSlice): string | undefined {
  return slice.metadata.labels?.[serviceNameLabel];
}

/** The pod a targetRef names, if it names a pod. */
export function podName(ref: { kind?: string; name?: string } | null | undefined): string | undefined {
  return ref && ref.kind === 'Pod' && ref.name ? ref.name : undefined;
}

/** A Service selects a pod as the EndpointSlice controller decides it (the routing engine). */
export function selects(service: Service, pod: Pod): boolean {
  const selector = serviceSelector(service);
  return selector !== undefined && selectorMatches(selector, pod.metadata.labels ?? {});
}
