/**
 * Lays out a routing picture as columns, left to right: Service, slices (by address family),
 * endpoints, pods, nodes, zones. Rows are the endpoints, sorted by zone, node and pod, so each
 * node and zone is one contiguous band and the lines between columns stay short. The order never
 * depends on readiness, so a readiness flip changes colours, not positions.
 *
 * Beyond `aggregateAbove` endpoints, each node's endpoints are one group row (and beyond
 * `nodeGroupsAbove` nodes, each zone's); a group expands on click (`expanded` holds the keys).
 */
import type { Picture, PictureEndpoint } from './picture';
import type { Scene, SceneEdge, SceneItem, SceneTone } from './protocol';
import { columns, fit, itemHeight, rowHeight, top } from './geometry';
import { groupRows, rowItems } from './rows';

/** Outsiders listed one by one at most; the rest are counted. */
const outsidersShown = 100;
const lineHeight = 16;

export interface LayoutOptions {
  /** Keys of expanded groups (`node:<name>`, `zone:<name>`). */
  expanded?: ReadonlySet<string>;
  aggregateAbove?: number;
  nodeGroupsAbove?: number;
}

export function layoutPicture(picture: Picture, options: LayoutOptions = {}): Scene {
  const expanded = options.expanded ?? new Set<string>();
  const rows = groupRows(sortedEndpoints(picture.endpoints), {
    expanded,
    aggregate: picture.endpoints.length > (options.aggregateAbove ?? 50),
    zonesOnly: distinctNodes(picture.endpoints) > (options.nodeGroupsAbove ?? 24),
  });
  const items: SceneItem[] = [];
  const edges: SceneEdge[] = [];
  const placed = rowItems(picture, rows, expanded, items, edges);
  const slicesBottom = placeSlices(picture, placed.rowOfEndpoint, items, edges);
  const serviceBottom = placeService(picture, items);
  let bottom = Math.max(top + rows.length * rowHeight, slicesBottom, serviceBottom, placed.bottom);
  bottom = placeOutsiders(picture, bottom + 24, items);
  const totals = { ready: 0, serving: 0, notReady: 0 };
  picture.endpoints.forEach((endpoint) => totals[endpoint.state]++);
  return {
    title: `${picture.service.namespace}/${picture.service.name}`,
    verdict: picture.verdict,
    width: columns.zone.x + columns.zone.w + 16,
    height: bottom + 16,
    items,
    edges,
    portMapping: picture.portMapping,
    origin: picture.predicted
      ? `Predicted from the workspace: ${picture.predicted.files.join(', ')}`
      : `Live in context ${picture.service.context ?? '(unknown)'}`,
    totals,
    aggregated: rows.some((row) => row.kind === 'group'),
    hinted: picture.hinted,
    notes: picture.notes,
  };
}

// One collator for every comparison (one per call is the cost that dominates large sorts).
const numeric = new Intl.Collator('en', { numeric: true });

/**
 * By zone, node, pod, then family and address; missing zones and nodes last. One key per
 * endpoint, so a thousand endpoints cost a thousand key strings and one comparison per pair.
 */
export function sortedEndpoints(endpoints: readonly PictureEndpoint[]): PictureEndpoint[] {
  // `a…` before `b`: a missing zone, node or pod sorts after every name (names never hold spaces).
  const last = (value: string | undefined): string => (value === undefined ? 'b' : `a${value}`);
  const keyed = endpoints.map((e) => ({
    e,
    key: `${last(e.zone)} ${last(e.node)} ${last(e.pod)} ${e.id}`,
  }));
  return keyed.sort((a, b) => numeric.compare(a.key, b.key)).map(({ e }) => e);
}

function distinctNodes(endpoints: readonly PictureEndpoint[]): number {
  return new Set(endpoints.map((endpoint) => endpoint.node)).size;
}

const familyOrder = ['IPv4', 'IPv6', 'FQDN'];

/**
 * Slices by family, each near the endpoints it lists (the mean of their rows), pushed down so
 * none overlaps the one above. Returns the bottom of the column.
 */
function placeSlices(
  picture: Picture,
  rowOfEndpoint: ReadonlyMap<string, { row: number; item: string }>,
  items: SceneItem[],
  edges: SceneEdge[],
): number {
  const families = [...new Set(picture.slices.map((slice) => slice.addressType))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const { x, w } = columns.slice;
  const sliceHeight = 50;
  const tones = new Map(items.map((item) => [item.id, item.tone]));
  let cursor = top;
  for (const family of families) {
    const slices = picture.slices
      .filter((slice) => slice.addressType === family)
      .map((slice) => {
        const rows = slice.endpointIds.flatMap((id) => rowOfEndpoint.get(id)?.row ?? []);
        const mean = rows.length > 0 ? rows.reduce((sum, row) => sum + row, 0) / rows.length : 0;
        return { slice, desired: top + mean * rowHeight + itemHeight / 2 - sliceHeight / 2 };
      })
      .sort((a, b) => a.desired - b.desired || a.slice.name.localeCompare(b.slice.name));
    const headingY = Math.max(cursor, (slices[0]?.desired ?? cursor) - 22);
    items.push({
      id: `family:${family}`,
      column: 'family',
      x,
      y: headingY,
      w,
      h: 18,
      lines: [`${family} (${slices.length} ${slices.length === 1 ? 'slice' : 'slices'})`],
      tone: 'none',
      tooltip: `${slices.length} EndpointSlice(s) of address type ${family}`,
    });
    cursor = headingY + 22;
    for (const { slice, desired } of slices) {
      const y = Math.max(cursor, desired);
      const id = `slice:${slice.name}`;
      const ports = slice.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port ?? 'all'}/${p.protocol}`);
      items.push({
        id,
        column: 'slice',
        x,
        y,
        w,
        h: sliceHeight,
        lines: [
          fit(slice.name, w),
          slice.caption ??
            `${slice.endpointIds.length} ${slice.endpointIds.length === 1 ? 'endpoint' : 'endpoints'}`,
          fit(ports.length > 0 ? `ports ${ports.join(', ')}` : 'no ports', w),
        ],
        tone: slice.ports.length === 0 && slice.endpointIds.length > 0 ? 'warning' : 'none',
        target: slice.target ?? { kind: 'endpointslices', name: slice.name },
        tooltip: `EndpointSlice ${slice.name}\naddress type: ${slice.addressType}\nports: ${ports.join(', ') || '(none)'}\nendpoints: ${slice.endpointIds.length}`,
      });
      edges.push({ id: `service>${id}`, from: 'service', to: id, kind: 'route', tone: 'none' });
      const seen = new Set<string>();
      for (const endpointId of slice.endpointIds) {
        const target = rowOfEndpoint.get(endpointId);
        if (target && !seen.has(target.item)) {
          seen.add(target.item);
          const tone = tones.get(target.item) ?? 'none';
          edges.push({ id: `${id}>${target.item}`, from: id, to: target.item, kind: 'route', tone });
        }
      }
      cursor = y + sliceHeight + 8;
    }
    cursor += 8;
  }
  return cursor;
}

function rank(family: string): number {
  const index = familyOrder.indexOf(family);
  return index === -1 ? familyOrder.length : index;
}

function placeService(picture: Picture, items: SceneItem[]): number {
  const { service } = picture;
  const { x, w } = columns.service;
  const lines = [
    service.name,
    `${service.type}${service.trafficDistribution ? ` · ${service.trafficDistribution}` : ''}`,
    ...(service.externalName ? [`→ ${service.externalName}`] : []),
    ...(service.clusterIPs.length > 0
      ? service.clusterIPs
      : service.type === 'ExternalName'
        ? []
        : [service.addressNote ?? 'headless (no cluster IP)']),
    ...service.dnsNames,
    ...service.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol} → ${p.targetPort}`),
  ].map((line) => fit(line, w));
  const h = lines.length * lineHeight + 14;
  items.push({
    id: 'service',
    column: 'service',
    x,
    y: top,
    w,
    h,
    lines,
    tone: verdictTone(picture.verdict.kind),
    target: service.target ?? { kind: 'services', name: service.name },
    tooltip: [
      `Service ${service.name} · ${service.type}`,
      `selector: ${service.selector || 'none (endpoints are managed by hand)'}`,
      `cluster IPs: ${service.clusterIPs.join(', ') || '(none)'}`,
      `DNS: ${service.dnsNames.join(', ') || '(not known)'}`,
      picture.verdict.text,
    ].join('\n'),
  });
  return top + h;
}

function verdictTone(kind: Picture['verdict']['kind']): SceneTone {
  return kind === 'healthy'
    ? 'ready'
    : kind === 'degraded'
      ? 'mixed'
      : kind === 'nowhere'
        ? 'notReady'
        : 'none';
}

/** The selected pods that are not endpoints, apart below the picture, with their reason. */
function placeOutsiders(picture: Picture, y: number, items: SceneItem[]): number {
  if (picture.outsiders.length === 0) {
    return y;
  }
  const x = columns.endpoint.x;
  const w = columns.node.x + columns.node.w - x;
  items.push({
    id: 'outsiders',
    column: 'outsider',
    x,
    y,
    w,
    h: 18,
    lines: [`Selected but not endpoints (${picture.outsiders.length})`],
    tone: 'none',
    tooltip: 'Pods the selector matches that receive none of this Service’s traffic',
  });
  let cursor = y + 24;
  for (const outsider of picture.outsiders.slice(0, outsidersShown)) {
    items.push({
      id: `outsider:${outsider.pod}`,
      column: 'outsider',
      x,
      y: cursor,
      w,
      h: itemHeight,
      lines: [
        fit(`${outsider.pod}${outsider.node ? ` on ${outsider.node}` : ''}`, w),
        fit(outsider.reason.text, w),
      ],
      tone: 'warning',
      target: outsider.target ?? { kind: 'pods', name: outsider.pod },
      tooltip: `Pod ${outsider.pod}\n${outsider.reason.text}`,
      flags: [outsider.reason.code],
    });
    cursor += rowHeight;
  }
  const rest = picture.outsiders.length - outsidersShown;
  if (rest > 0) {
    items.push({
      id: 'outsiders:more',
      column: 'outsider',
      x,
      y: cursor,
      w,
      h: 18,
      lines: [`and ${rest} more`],
      tone: 'none',
      tooltip: `${rest} more selected pods are not endpoints`,
    });
    cursor += 24;
  }
  return cursor;
}
