/**
 * The topology columns of the picture: nodes as bands over their rows, zones as bands over their
 * nodes, and topology hints as edges from a zone to the rows it consumes.
 */
import { columns, fit, itemHeight, rowHeight, rowY, top } from './geometry';
import { nodeKey, zoneKey } from './rowKinds';
import type { Row } from './rowKinds';
import type { SceneEdge, SceneItem } from './protocol';
import { plural } from './text';

/** Nodes as bands over their rows; a zone's group row gets a "N nodes" cell. Returns the node item per row. */
export function placeNodes(
  rows: readonly Row[],
  expanded: ReadonlySet<string>,
  items: SceneItem[],
  edges: SceneEdge[],
  toNode: readonly string[],
): string[] {
  const { x, w } = columns.node;
  const nodeOfRow: string[] = [];
  let current: { key: string; item: SceneItem; count: number } | undefined;
  const linked = new Set<string>();
  rows.forEach((row, index) => {
    const endpoints = row.kind === 'endpoint' ? [row.endpoint] : row.endpoints;
    const zone = endpoints[0]?.zone;
    const zoneGroup = row.kind === 'group' && row.level === 'zone';
    const nodes = new Set(endpoints.map((e) => e.node));
    const node = endpoints[0]?.node;
    const key = zoneGroup ? `nodes:${zoneKey(zone)}` : nodeKey(zone, node);
    if (current && current.key === key) {
      current.item.h = rowY(index) + itemHeight - current.item.y;
      current.count += endpoints.length;
      current.item.lines[1] = plural(current.count, 'endpoint');
    } else {
      const item: SceneItem = {
        id: zoneGroup ? key : `node:${zone ?? ''}/${node ?? ''}`,
        column: 'node',
        x,
        y: rowY(index),
        w,
        h: itemHeight,
        lines: [
          zoneGroup ? `${nodes.size} nodes` : fit(node ?? '(no node)', w),
          `${endpoints.length} endpoints`,
        ],
        tone: 'none',
        tooltip: zoneGroup
          ? `${nodes.size} nodes in zone ${zone ?? '(none)'}`
          : `Node ${node ?? '(not set)'} · zone ${zone ?? '(not set)'}`,
        ...(!zoneGroup && expanded.has(key) ? { expandable: { key, expanded: true } } : {}),
      };
      items.push(item);
      current = { key, item, count: endpoints.length };
    }
    const from = toNode[index] ?? '';
    const id = current.item.id;
    if (!linked.has(`${from}>${id}`)) {
      linked.add(`${from}>${id}`);
      edges.push({ id: `${from}>${id}`, from, to: id, kind: 'route', tone: 'none' });
    }
    nodeOfRow.push(id);
  });
  return nodeOfRow;
}

/** Zones as bands over their nodes. Returns the bottom of the column. */
export function placeZones(
  rows: readonly Row[],
  expanded: ReadonlySet<string>,
  nodeOfRow: readonly string[],
  items: SceneItem[],
  edges: SceneEdge[],
): number {
  const { x, w } = columns.zone;
  let current: { key: string; item: SceneItem; nodes: Set<string> } | undefined;
  const linked = new Set<string>();
  let bottom = top;
  rows.forEach((row, index) => {
    const endpoints = row.kind === 'endpoint' ? [row.endpoint] : row.endpoints;
    const zone = endpoints[0]?.zone;
    const key = zoneKey(zone);
    const node = nodeOfRow[index] ?? '';
    if (current && current.key === key) {
      current.item.h = rowY(index) + itemHeight - current.item.y;
    } else {
      const item: SceneItem = {
        id: key,
        column: 'zone',
        x,
        y: rowY(index),
        w,
        h: itemHeight,
        lines: [fit(zone ?? '(no zone)', w), ''],
        tone: 'none',
        tooltip: `Zone ${zone ?? '(not set)'}`,
        ...(row.kind === 'endpoint' && expanded.has(key) ? { expandable: { key, expanded: true } } : {}),
      };
      items.push(item);
      current = { key, item, nodes: new Set() };
    }
    current.nodes.add(node);
    const count = [...current.nodes].filter((id) => !id.startsWith('nodes:')).length;
    current.item.lines[1] = count > 0 ? `${count} ${count === 1 ? 'node' : 'nodes'}` : 'nodes grouped';
    bottom = current.item.y + current.item.h;
    if (!linked.has(`${node}>${key}`)) {
      linked.add(`${node}>${key}`);
      edges.push({ id: `${node}>${key}`, from: node, to: key, kind: 'route', tone: 'none' });
    }
  });
  return bottom;
}

/**
 * Topology hints: an edge from each zone to the rows it consumes. A zone that consumes endpoints
 * but hosts none gets an item of its own below the others.
 */
export function placeHints(
  rows: readonly Row[],
  rowItem: readonly string[],
  items: SceneItem[],
  edges: SceneEdge[],
  bottom: number,
): number {
  const zones = new Map(items.filter((item) => item.column === 'zone').map((item) => [item.id, item]));
  const consumed = new Map<string, number>();
  let cursor = bottom + 8;
  rows.forEach((row, index) => {
    const endpoints = row.kind === 'endpoint' ? [row.endpoint] : row.endpoints;
    const to = rowItem[index] ?? '';
    for (const zone of new Set(endpoints.flatMap((e) => e.hintZones))) {
      const key = zoneKey(zone);
      if (!zones.has(key)) {
        const item: SceneItem = {
          id: key,
          column: 'zone',
          x: columns.zone.x,
          y: cursor,
          w: columns.zone.w,
          h: itemHeight + 14,
          lines: [fit(zone, columns.zone.w), 'no endpoints here'],
          tone: 'none',
          tooltip: `Zone ${zone}: no endpoint runs here; hints send its traffic elsewhere`,
        };
        items.push(item);
        zones.set(key, item);
        cursor += rowHeight + 14;
      }
      consumed.set(
        key,
        (consumed.get(key) ?? 0) + endpoints.filter((e) => e.hintZones.includes(zone)).length,
      );
      edges.push({ id: `hint:${key}>${to}`, from: key, to, kind: 'hint', tone: 'none' });
    }
  });
  for (const [key, count] of consumed) {
    const zone = zones.get(key);
    if (zone) {
      // A third line only where the zone's band has room for it; else it replaces the node count.
      if (zone.h >= itemHeight + 14) {
        zone.lines.push(`consumes ${count} (hints)`);
      } else {
        zone.lines[1] = `consumes ${count} (hints)`;
      }
      zone.tooltip += `\nTopology hints: proxies in this zone send traffic to ${count} endpoints`;
    }
  }
  return cursor;
}
