import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { nodeRange } from '../yaml/yamlDocument';
import type { ParsedChunk } from '../yaml/yamlDocument';
import type { Range } from '../types';
import type { RoutingContainer, RoutingPod } from '../routing';

/**
 * The pod templates of the workspace's workloads, as far as routing reads them: the labels a
 * Service selects on and the container ports a named targetPort resolves to. The namespace is
 * the workload's (a template's own `metadata.namespace` is ignored by the controllers).
 */
export interface PodTemplateInfo {
  uri: string;
  /** `Deployment/api`: how advice names the template. */
  name: string;
  namespace?: string;
  /** Labels as written (a non-string value is read as the text it has). */
  labels: LabelEntry[];
  /** The workload's `spec.selector.matchLabels`, which must keep matching the template's labels. */
  workloadSelector: LabelEntry[];
  /** The template's `metadata.labels` map, where a missing label would be added. */
  labelsRange?: Range;
  containers: RoutingContainer[];
  sidecars: RoutingContainer[];
  /**
   * How many pods of this template run at once: `spec.replicas` (default 1), a Job's
   * `parallelism` (default 1), one per node for a DaemonSet; absent when a tag or an odd value
   * writes it.
   */
  replicas?: number | 'per-node';
  /** Set for a Helm template whose labels or ports a tag may write: advice does not judge by it. */
  uncertain?: boolean;
  /** Where advice about the template points: the workload's name. */
  anchor: Range;
  range: Range;
}

export interface LabelEntry {
  key: string;
  value: string;
  keyRange: Range;
  valueRange: Range;
}

/**
 * Where each workload kind keeps its pod template (Kubernetes facts as data). A Pod is its own
 * template; a CronJob's is one level deeper, under the Job template.
 */
export const podTemplatePaths: Readonly<
  Record<string, { apiVersion: string; path: readonly string[]; replicas: readonly string[] | 'per-node' }>
> = {
  Pod: { apiVersion: 'v1', path: [], replicas: [] },
  Deployment: { apiVersion: 'apps/v1', path: ['spec', 'template'], replicas: ['spec', 'replicas'] },
  StatefulSet: { apiVersion: 'apps/v1', path: ['spec', 'template'], replicas: ['spec', 'replicas'] },
  DaemonSet: { apiVersion: 'apps/v1', path: ['spec', 'template'], replicas: 'per-node' },
  ReplicaSet: { apiVersion: 'apps/v1', path: ['spec', 'template'], replicas: ['spec', 'replicas'] },
  Job: { apiVersion: 'batch/v1', path: ['spec', 'template'], replicas: ['spec', 'parallelism'] },
  CronJob: {
    apiVersion: 'batch/v1',
    path: ['spec', 'jobTemplate', 'spec', 'template'],
    replicas: ['spec', 'jobTemplate', 'spec', 'parallelism'],
  },
};

/** The pod template of a workload object, or undefined for another kind or a shape without one. */
export function podTemplateInfo(
  chunk: ParsedChunk,
  root: YAMLMap,
  kind: string,
  apiVersion: string,
  range: Range,
): PodTemplateInfo | undefined {
  const where = podTemplatePaths[kind];
  if (where?.apiVersion !== apiVersion) return undefined;
  const metadata = mapAt(root, ['metadata']);
  const name = metadata && stringAt(metadata, 'name');
  const template = where.path.length === 0 ? root : mapAt(root, where.path);
  if (name === undefined || !template || !metadata) return undefined;
  const labelsNode = mapAt(template, ['metadata', 'labels']);
  const spec = mapAt(template, ['spec']);
  const matchLabels = where.path.length === 0 ? undefined : mapAt(root, ['spec', 'selector', 'matchLabels']);
  const info: PodTemplateInfo = {
    uri: '',
    name: `${kind}/${name}`,
    labels: labelsNode ? labelEntries(chunk, labelsNode) : [],
    workloadSelector: matchLabels ? labelEntries(chunk, matchLabels) : [],
    containers: spec ? containers(spec.get('containers', true)) : [],
    sidecars: spec
      ? containers(spec.get('initContainers', true)).filter((c) => c.restartPolicy === 'Always')
      : [],
    anchor: nodeRange(chunk, metadata.get('name', true) as Node),
    range,
  };
  const replicas = replicasOf(root, where.replicas);
  if (replicas !== undefined) info.replicas = replicas;
  const namespace = stringAt(metadata, 'namespace');
  if (namespace !== undefined) info.namespace = namespace;
  if (labelsNode) info.labelsRange = nodeRange(chunk, labelsNode);
  return info;
}

/** The count at `path` (1 when the field is not written, as the API defaults it), or one per node. */
function replicasOf(root: YAMLMap, path: readonly string[] | 'per-node'): number | 'per-node' | undefined {
  if (path === 'per-node') return path;
  const key = path[path.length - 1];
  if (key === undefined) return 1; // a Pod is one pod
  const node = mapAt(root, path.slice(0, -1))?.get(key, true);
  if (node === undefined) return 1;
  return isScalar(node) && typeof node.value === 'number' && node.value >= 0 ? node.value : undefined;
}

/** The template as the routing engine reads a pod: no status, so only selection and ports count. */
export function templateAsPod(template: PodTemplateInfo): RoutingPod {
  const labels = Object.fromEntries(template.labels.map((l) => [l.key, l.value]));
  return {
    metadata: {
      name: template.name,
      labels,
      ...(template.namespace === undefined ? {} : { namespace: template.namespace }),
    },
    spec: { containers: template.containers, initContainers: template.sidecars },
  };
}

/** The entries of a `key: value` map whose keys are scalars (labels, a selector). */
export function labelEntries(chunk: ParsedChunk, map: YAMLMap): LabelEntry[] {
  return map.items.flatMap((pair) => {
    if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) return [];
    return [
      {
        key: scalarText(pair.key.value),
        value: scalarText(pair.value.value),
        keyRange: nodeRange(chunk, pair.key),
        valueRange: nodeRange(chunk, pair.value),
      },
    ];
  });
}

/** A label value as text: the apiserver would reject a non-string, but the selection reads the text. */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? `${value}` : '';
}

function containers(node: unknown): RoutingContainer[] {
  if (!isSeq(node)) return [];
  return node.items.filter(isMap).map((item) => {
    const container: RoutingContainer = { ports: containerPorts(item.get('ports', true)) };
    const name = stringAt(item, 'name');
    const restartPolicy = stringAt(item, 'restartPolicy');
    if (name !== undefined) container.name = name;
    if (restartPolicy !== undefined) container.restartPolicy = restartPolicy;
    return container;
  });
}

function containerPorts(node: unknown): RoutingContainer['ports'] {
  if (!isSeq(node)) return [];
  return node.items.filter(isMap).map((item) => {
    const number = item.get('containerPort');
    return {
      name: stringAt(item, 'name') ?? null,
      containerPort: typeof number === 'number' ? number : null,
      protocol: stringAt(item, 'protocol') ?? null,
    };
  });
}

export function mapAt(root: YAMLMap, path: readonly string[]): YAMLMap | undefined {
  let node: unknown = root;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = node.get(key, true);
  }
  return isMap(node) ? node : undefined;
}

function stringAt(map: YAMLMap, key: string): string | undefined {
  const node = map.get(key, true);
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
