/**
 * The rows of the picture and what hangs off them: one row per endpoint (or per group of
 * endpoints when there are many), the pod beside it, and the nodes and zones as bands spanning
 * their rows. Topology hints are edges from a zone to the endpoints it consumes.
 */
import { stateCounts } from './buildPicture';
import type { EndpointStateName, Picture, PictureEndpoint, PicturePod } from './picture';
import type { SceneEdge, SceneItem, SceneTone } from './protocol';
import { columns, fit, itemHeight, rowY } from './geometry';
import { nodeKey, zoneKey } from './rowKinds';
import type { Row } from './rowKinds';
import { placeHints, placeNodes, placeZones } from './topologyBands';

/** Endpoint rows, or groups per node (per zone when `zonesOnly`) unless expanded. */
export function groupRows(
  sorted: readonly PictureEndpoint[],
  how: { expanded: ReadonlySet<string>; aggregate: boolean; zonesOnly: boolean },
): Row[] {
  if (!how.aggregate) {
    return sorted.map((endpoint) => ({ kind: 'endpoint', endpoint }));
  }
  const rows: Row[] = [];
  for (const [zone, inZone] of runs(sorted, (e) => e.zone)) {
    if (how.zonesOnly && !how.expanded.has(zoneKey(zone)) && inZone.length > 1) {
      rows.push({
        kind: 'group',
        key: zoneKey(zone),
        level: 'zone',
        ...opt('zone', zone),
        endpoints: inZone,
      });
      continue;
    }
    for (const [node, onNode] of runs(inZone, (e) => e.node)) {
      const key = nodeKey(zone, node);
      if (how.expanded.has(key) || onNode.length === 1) {
        rows.push(...onNode.map((endpoint): Row => ({ kind: 'endpoint', endpoint })));
      } else {
        rows.push({
          kind: 'group',
          key,
          level: 'node',
          ...opt('zone', zone),
          ...opt('node', node),
          endpoints: onNode,
        });
      }
    }
  }
  return rows;
}

/** Consecutive runs of equal keys, in order. */
function runs<T>(list: readonly T[], keyOf: (value: T) => string | undefined): [string | undefined, T[]][] {
  const result: [string | undefined, T[]][] = [];
  for (const value of list) {
    const key = keyOf(value);
    const last = result[result.length - 1];
    if (last && last[0] === key) {
      last[1].push(value);
    } else {
      result.push([key, [value]]);
    }
  }
  return result;
}

function opt<K extends string>(name: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, string>);
}

export function stateText(endpoint: PictureEndpoint): string {
  if (endpoint.terminating) {
    return endpoint.state === 'notReady' ? 'terminating' : `${endpoint.state} · terminating`;
  }
  return { ready: 'ready', serving: 'serving, not ready', notReady: 'not ready' }[endpoint.state];
}

function countsText(counts: Record<EndpointStateName, number>): string {
  return [
    `${counts.ready} ready`,
    ...(counts.serving > 0 ? [`${counts.serving} serving`] : []),
    ...(counts.notReady > 0 ? [`${counts.notReady} not ready`] : []),
  ].join(' · ');
}

function groupTone(counts: Record<EndpointStateName, number>): SceneTone {
  const total = counts.ready + counts.serving + counts.notReady;
  return counts.ready === total
    ? 'ready'
    : counts.serving === total
      ? 'serving'
      : counts.notReady === total
        ? 'notReady'
        : 'mixed';
}

interface Placed {
  /** Endpoint id → its row and the item drawn for it (the endpoint, or its group). */
  rowOfEndpoint: Map<string, { row: number; item: string }>;
  bottom: number;
}

/** Endpoint and group items, pods, nodes, zones and the edges between them. */
export function rowItems(
  picture: Picture,
  rows: readonly Row[],
  expanded: ReadonlySet<string>,
  items: SceneItem[],
  edges: SceneEdge[],
): Placed {
  const rowOfEndpoint = new Map<string, { row: number; item: string }>();
  const rowItem: string[] = [];
  rows.forEach((row, index) => {
    const id =
      row.kind === 'endpoint' ? endpointItem(row.endpoint, index, items) : groupItem(row, index, items);
    rowItem.push(id);
    for (const endpoint of row.kind === 'endpoint' ? [row.endpoint] : row.endpoints) {
      rowOfEndpoint.set(endpoint.id, { row: index, item: id });
    }
  });
  const toNode = placePods(picture, rows, rowItem, items, edges);
  if (picture.predicted) {
    // Pods that do not run yet have no node or zone: the prediction stops at the templates.
    return { rowOfEndpoint, bottom: rowY(rows.length) };
  }
  const nodeOfRow = placeNodes(rows, expanded, items, edges, toNode);
  const zoneBottom = placeZones(rows, expanded, nodeOfRow, items, edges);
  const hintBottom = placeHints(rows, rowItem, items, edges, zoneBottom);
  return { rowOfEndpoint, bottom: Math.max(rowY(rows.length), hintBottom) };
}

function endpointItem(endpoint: PictureEndpoint, row: number, items: SceneItem[]): string {
  const { x, w } = columns.endpoint;
  const id = `endpoint:${endpoint.id}`;
  const hints = endpoint.hintZones.length > 0 ? ` · for ${endpoint.hintZones.join(', ')}` : '';
  items.push({
    id,
    column: 'endpoint',
    x,
    y: rowY(row),
    w,
    h: itemHeight,
    lines: [
      fit(endpoint.addresses.join(', ') || '(no address)', w),
      fit(endpoint.caption ?? `${stateText(endpoint)}${hints}`, w),
    ],
    tone: endpoint.state,
    target: endpoint.target ?? {
      kind: 'endpointslices',
      name: endpoint.slices[0] ?? '',
      endpointKey: endpoint.addresses[0] ?? '(no address)',
    },
    tooltip: endpoint.tooltip(),
    flags: [endpoint.state, ...(endpoint.terminating ? ['terminating'] : [])],
  });
  return id;
}

function groupItem(row: Extract<Row, { kind: 'group' }>, index: number, items: SceneItem[]): string {
  const { x, w } = columns.endpoint;
  const counts = stateCounts(row.endpoints);
  const where = row.level === 'zone' ? `zone ${row.zone ?? '(none)'}` : (row.node ?? '(no node)');
  items.push({
    id: `group:${row.key}`,
    column: 'endpoint',
    x,
    y: rowY(index),
    w,
    h: itemHeight,
    lines: [fit(`${row.endpoints.length} endpoints · ${where}`, w), fit(countsText(counts), w)],
    tone: groupTone(counts),
    counts,
    expandable: { key: row.key, expanded: false },
    tooltip: `${row.endpoints.length} endpoints on ${where}: ${countsText(counts)}\nClick or press Enter to show them one by one.`,
    flags: ['group'],
  });
  return `group:${row.key}`;
}

/**
 * A pod beside its endpoints (a dual-stack pod's two endpoints are adjacent rows: one pod item
 * spans both); a group's pods as one item. Returns, per row, the item that leads to the node.
 */
function placePods(
  picture: Picture,
  rows: readonly Row[],
  rowItem: readonly string[],
  items: SceneItem[],
  edges: SceneEdge[],
): string[] {
  const { x, w } = columns.pod;
  const toNode: string[] = [];
  let last: { name: string; item: SceneItem } | undefined;
  const used = new Map<string, number>();
  const tones = new Map(items.map((item) => [item.id, item.tone]));
  rows.forEach((row, index) => {
    const from = rowItem[index] ?? '';
    const tone = tones.get(from) ?? 'none';
    if (row.kind === 'group') {
      const pods = new Set(row.endpoints.map((e) => e.pod).filter((pod) => pod !== undefined));
      const id = `pods:${row.key}`;
      items.push({
        id,
        column: 'pod',
        x,
        y: rowY(index),
        w,
        h: itemHeight,
        lines: [`${pods.size} pods`],
        tone: 'none',
        tooltip: `${pods.size} pods behind these endpoints`,
      });
      edges.push({ id: `${from}>${id}`, from, to: id, kind: 'route', tone });
      toNode.push(id);
      last = undefined;
      return;
    }
    const name = row.endpoint.pod;
    if (name === undefined) {
      toNode.push(from);
      last = undefined;
      return;
    }
    if (last && last.name === name) {
      last.item.h = rowY(index) + itemHeight - last.item.y;
    } else {
      const seen = used.get(name) ?? 0;
      used.set(name, seen + 1);
      const pod = picture.pods.get(name);
      const item: SceneItem = {
        id: seen === 0 ? `pod:${name}` : `pod:${name}#${seen + 1}`,
        column: 'pod',
        x,
        y: rowY(index),
        w,
        h: itemHeight,
        lines: [fit(name, w), fit(pod ? (pod.status ?? podStatus(pod)) : '(pod not seen)', w)],
        tone: 'none',
        target: pod?.target ?? { kind: 'pods', name },
        tooltip: pod?.tooltip() ?? `Pod ${name}: not in the namespace (deleted, or not yet seen)`,
      };
      items.push(item);
      last = { name, item };
    }
    edges.push({ id: `${from}>${last.item.id}`, from, to: last.item.id, kind: 'route', tone });
    toNode.push(last.item.id);
  });
  return toNode;
}

function podStatus(pod: PicturePod): string {
  return `${pod.phase}${pod.ready ? ' · Ready' : ' · not Ready'}`;
}
