// Small builders for the Kubernetes objects the cluster-view tests feed the model: only the
// fields the view reads, with a resourceVersion the tests bump to make a change visible.
import { ClusterModel } from '../../client/src/cluster/model';
import type {
  EndpointSlice,
  KubeObject,
  LegacyEndpoints,
  Pod,
  Service,
  SliceEndpoint,
} from '../../client/src/cluster/model';

let version = 1;
const nextVersion = (): string => String(version++);

export function service(
  name: string,
  selector: Record<string, string> | undefined,
  ports: { name?: string; port: number }[] = [{ name: 'http', port: 80 }],
): Service {
  return {
    metadata: { name, namespace: 'ns', resourceVersion: nextVersion() },
    spec: { type: 'ClusterIP', selector, ports: ports.map((p) => ({ ...p, protocol: 'TCP' })) },
  };
}

export function endpoint(
  ip: string,
  pod: string | undefined,
  conditions: SliceEndpoint['conditions'] = { ready: true, serving: true, terminating: false },
): SliceEndpoint {
  return {
    addresses: [ip],
    conditions,
    nodeName: 'node-a',
    zone: 'zone-a',
    ...(pod ? { targetRef: { kind: 'Pod', name: pod, namespace: 'ns' } } : {}),
  };
}

export function slice(
  name: string,
  serviceName: string | undefined,
  endpoints: SliceEndpoint[],
  ports: { name?: string; port: number }[] = [{ name: 'http', port: 8080 }],
  addressType = 'IPv4',
): EndpointSlice {
  return {
    metadata: {
      name,
      namespace: 'ns',
      resourceVersion: nextVersion(),
      labels: serviceName === undefined ? {} : { 'kubernetes.io/service-name': serviceName },
    },
    addressType,
    endpoints,
    ports: ports.map((p) => ({ ...p, protocol: 'TCP' })),
  };
}

export function pod(name: string, ip: string | undefined, labels: Record<string, string>, ready = true): Pod {
  return {
    metadata: { name, namespace: 'ns', resourceVersion: nextVersion(), labels },
    spec: { nodeName: 'node-a' },
    status: {
      phase: 'Running',
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

export function legacyEndpoints(
  name: string,
  ready: { ip: string; pod?: string }[],
  notReady: { ip: string; pod?: string }[] = [],
): LegacyEndpoints {
  const address = (a: { ip: string; pod?: string }) => ({
    ip: a.ip,
    ...(a.pod ? { targetRef: { kind: 'Pod', name: a.pod } } : {}),
  });
  return {
    metadata: { name, namespace: 'ns', resourceVersion: nextVersion() },
    subsets: [
      {
        addresses: ready.map(address),
        notReadyAddresses: notReady.map(address),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  };
}

/** A copy with a new resourceVersion and the given changes, as a watch MODIFIED event carries it. */
export function modified<T extends KubeObject>(object: T, change: (copy: T) => void): T {
  const copy = structuredClone(object);
  copy.metadata.resourceVersion = nextVersion();
  change(copy);
  return copy;
}

/** A model whose kubeconfig has one current context, `context`, with one listed namespace. */
export function modelWithNamespace(context: string, namespace: string): ClusterModel {
  const model = new ClusterModel();
  model.setKubeconfig({
    state: 'loaded',
    files: [],
    contexts: [{ name: context, cluster: 'c', user: 'u', current: true }],
  });
  model.setNamespaceList(context, { state: 'listed', names: [namespace] });
  return model;
}
