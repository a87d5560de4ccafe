/**
 * The routing picture of a workspace Service: what the routing engine predicts from the
 * workspace (the language server's `endpointslices/workspaceRouting` answer), drawn with the
 * same columns as a live picture. A selected pod template stands where endpoints and pods
 * would: one row per template and address family, "× replicas"; the slices are the ones the
 * controller would write (one per family and port list); templates that serve none of the
 * Service's ports stand apart with the engine's reason. Pods that do not run yet have no IP, node
 * or zone, so the picture stops at the templates.
 */
import type { WorkspaceRouting, WorkspaceRoutingTemplate } from '../../../../../server/src/service/protocol';
import { serviceDnsNameOf } from '../../model';
import type {
  Outsider,
  Picture,
  PictureEndpoint,
  PicturePod,
  PictureService,
  PictureSlice,
  PortMappingRow,
  Verdict,
} from './picture';
import type { SceneTarget } from './protocol';

export interface WorkspacePictureOptions {
  /** The namespace the manifest lands in: its own, else the current context's, else `default`. */
  namespace: string;
  clusterDomain: string;
  /** How a file is named in the picture (the panel passes the workspace-relative path). */
  fileName: (uri: string) => string;
}

const fileTarget = (place: { uri: string; line: number }): SceneTarget => ({
  kind: 'file',
  name: place.uri,
  line: place.line,
});

export function buildWorkspacePicture(facts: WorkspaceRouting, options: WorkspacePictureOptions): Picture {
  const families = facts.service.families.length > 0 ? facts.service.families : ['IPv4'];
  const routed = facts.templates.filter((t) => servesSomePort(facts, t));
  const sources =
    facts.mode === 'selector'
      ? templateSources(facts, routed, families)
      : facts.mode === 'external-name'
        ? { slices: [], endpoints: [] }
        : handWrittenSources(facts);
  return {
    service: pictureService(facts, options),
    slices: sources.slices,
    endpoints: sources.endpoints,
    pods: new Map(routed.map((t) => [t.name, templatePod(t)])),
    outsiders: facts.templates.filter((t) => !servesSomePort(facts, t)).map(outsider),
    portMapping: portMapping(facts),
    verdict: verdict(facts, routed),
    hinted: false,
    notes: notes(facts, families),
    predicted: { files: facts.files.map(options.fileName) },
  };
}

/** A template gets endpoints when one of the Service's ports resolves on it (or it has none). */
function servesSomePort(facts: WorkspaceRouting, template: WorkspaceRoutingTemplate): boolean {
  return facts.service.ports.length === 0 || template.ports.some((port) => port.missing === undefined);
}

function replicasText(template: WorkspaceRoutingTemplate): string {
  const { replicas } = template;
  return replicas === 'per-node'
    ? 'one pod per node'
    : replicas === undefined
      ? 'replicas not known'
      : `${replicas} ${replicas === 1 ? 'pod' : 'pods'}`;
}

function pictureService(facts: WorkspaceRouting, options: WorkspacePictureOptions): PictureService {
  const { service } = facts;
  const headless = service.clusterIP === 'None';
  return {
    namespace: options.namespace,
    name: service.name,
    type: service.type,
    clusterIPs: service.clusterIP && !headless ? [service.clusterIP] : [],
    dnsNames: [serviceDnsNameOf(options.namespace, service.name, options.clusterDomain)],
    ports: service.ports.map((port) => ({
      name: port.name,
      port: port.port ?? 0,
      protocol: port.protocol,
      targetPort: port.targetPort ?? port.port ?? '?',
    })),
    selector: Object.entries(service.selector)
      .map(([key, value]) => `${key}=${value}`)
      .join(', '),
    publishNotReadyAddresses: service.publishNotReadyAddresses,
    ...(headless ? {} : { addressNote: 'cluster IP: set on creation' }),
    target: fileTarget(service),
  };
}

/**
 * The slices the controller would write: per family, one per distinct list of resolved ports
 * (templates resolving a named targetPort differently land in different slices).
 */
function templateSources(
  facts: WorkspaceRouting,
  routed: readonly WorkspaceRoutingTemplate[],
  families: readonly string[],
): { slices: PictureSlice[]; endpoints: PictureEndpoint[] } {
  const slices = new Map<string, PictureSlice>();
  const endpoints: PictureEndpoint[] = [];
  const byId = new Map<string, WorkspaceRoutingTemplate>();
  for (const family of families) {
    for (const template of routed) {
      const ports = resolvedPorts(facts, template);
      const key = `${family} ${JSON.stringify(ports)}`;
      const slice = slices.get(key) ?? {
        name: `${facts.service.name}-xxxxx${slices.size === 0 ? '' : ` (${slices.size + 1})`}`,
        addressType: family,
        ports,
        endpointIds: [],
      };
      slices.set(key, slice);
      const id = `${family}/${template.name}`;
      slice.endpointIds.push(id);
      byId.set(id, template);
      endpoints.push(templateEndpoint(id, family, slice.name, template));
    }
  }
  for (const slice of slices.values()) {
    slice.caption = sliceCaption(slice.endpointIds.map((id) => byId.get(id)));
  }
  return { slices: [...slices.values()], endpoints };
}

/** "3 endpoints once ready", or per template when a count is per node or not known. */
function sliceCaption(templates: readonly (WorkspaceRoutingTemplate | undefined)[]): string {
  const counts = templates.map((t) => t?.replicas);
  if (counts.every((count): count is number => typeof count === 'number')) {
    const total = counts.reduce((sum, count) => sum + count, 0);
    return `${total} ${total === 1 ? 'endpoint' : 'endpoints'} once ready`;
  }
  return `endpoints of ${templates.length} ${templates.length === 1 ? 'template' : 'templates'}`;
}

function resolvedPorts(facts: WorkspaceRouting, template: WorkspaceRoutingTemplate): PictureSlice['ports'] {
  return facts.service.ports.flatMap((port, i) => {
    const resolved = template.ports[i]?.port;
    return resolved === undefined ? [] : [{ name: port.name, port: resolved, protocol: port.protocol }];
  });
}

function templateEndpoint(
  id: string,
  family: string,
  slice: string,
  template: WorkspaceRoutingTemplate,
): PictureEndpoint {
  return {
    id,
    addresses: [
      `${template.name} × ${template.replicas === 'per-node' ? 'nodes' : (template.replicas ?? '?')}`,
    ],
    addressType: family,
    state: 'ready',
    terminating: false,
    slices: [slice],
    pod: template.name,
    hintZones: [],
    hintNodes: [],
    caption: `${replicasText(template)}, once ready`,
    target: fileTarget(template),
    tooltip: () =>
      `${template.name}: ${replicasText(template)}, each an ${family} endpoint once it runs and is ready\n${template.ports
        .map((p) => `${p.servicePort || 'port'} → ${p.port ?? p.missing ?? '?'}`)
        .join('\n')}`,
  };
}

/** A selectorless Service: the slices written for it, and the Endpoints the mirroring controller copies. */
function handWrittenSources(facts: WorkspaceRouting): {
  slices: PictureSlice[];
  endpoints: PictureEndpoint[];
} {
  const slices: PictureSlice[] = [];
  const endpoints: PictureEndpoint[] = [];
  const add = (
    name: string,
    family: string,
    ports: string[],
    count: number,
    ready: number,
    target: SceneTarget,
  ): void => {
    const id = `${family}/${name}`;
    slices.push({
      name,
      addressType: family,
      ports: ports.map((port) => ({ name: port, protocol: 'TCP' })),
      endpointIds: count > 0 ? [id] : [],
      target,
    });
    if (count > 0) {
      endpoints.push({
        id,
        addresses: [`${count} ${count === 1 ? 'endpoint' : 'endpoints'} written by hand`],
        addressType: family,
        state: ready > 0 ? 'ready' : 'notReady',
        terminating: false,
        slices: [name],
        hintZones: [],
        hintNodes: [],
        caption: `${ready} ready`,
        target,
        tooltip: () => `${name}: ${count} endpoints, ${ready} ready`,
      });
    }
  };
  for (const slice of facts.slices) {
    add(
      slice.name ?? '(no name)',
      slice.addressType ?? '?',
      slice.ports,
      slice.endpoints,
      slice.ready,
      fileTarget(slice),
    );
  }
  for (const written of facts.endpoints) {
    const total = written.addresses + written.notReady;
    add(
      `${written.name ?? facts.service.name} (Endpoints, mirrored)`,
      'IPv4',
      [],
      total,
      written.addresses,
      fileTarget(written),
    );
  }
  return { slices, endpoints };
}

function templatePod(template: WorkspaceRoutingTemplate): PicturePod {
  return {
    name: template.name,
    phase: 'template',
    ready: false,
    ips: [],
    status: replicasText(template),
    target: fileTarget(template),
    tooltip: () => `${template.name}: ${replicasText(template)} from this pod template`,
  };
}

function outsider(template: WorkspaceRoutingTemplate): Outsider {
  const missing = template.ports.flatMap((port) => (port.missing === undefined ? [] : [port.missing]));
  return {
    pod: template.name,
    reason: {
      code: 'port-missing',
      text: `Selected, but serves none of the Service's ports: ${missing.join('; ')}`,
    },
    target: fileTarget(template),
  };
}

/** Service port → targetPort → the container port each selected template resolves it to. */
function portMapping(facts: WorkspaceRouting): PortMappingRow[] {
  return facts.service.ports.map((port, i) => ({
    servicePort: `${port.name ? `${port.name} ` : ''}${port.port ?? '?'}/${port.protocol}`,
    targetPort: String(port.targetPort ?? port.port ?? '?'),
    endpointPorts: facts.templates.map((template) => {
      const resolved = template.ports[i];
      return {
        slice: template.name,
        port:
          resolved?.port === undefined
            ? `(none: ${resolved?.missing ?? 'not resolved'})`
            : String(resolved.port),
        endpoints:
          resolved?.port === undefined
            ? 0
            : template.replicas === 'per-node'
              ? 'per node'
              : (template.replicas ?? '?'),
      };
    }),
  }));
}

function verdict(facts: WorkspaceRouting, routed: readonly WorkspaceRoutingTemplate[]): Verdict {
  const predicted = 'Predicted from the workspace';
  if (facts.mode === 'external-name') {
    return {
      kind: 'external',
      text: `${predicted}: ExternalName: DNS answers with another name; no endpoints`,
    };
  }
  if (facts.mode !== 'selector') {
    const ready =
      facts.slices.reduce((sum, s) => sum + s.ready, 0) +
      facts.endpoints.reduce((sum, e) => sum + e.addresses, 0);
    return ready > 0
      ? { kind: 'healthy', text: `${predicted}: traffic goes to the ${ready} ready endpoints written for it` }
      : { kind: 'nowhere', text: `${predicted}: routes nowhere: ${manualNowhere(facts)}` };
  }
  if (routed.length === 0) {
    return { kind: 'nowhere', text: `${predicted}: routes nowhere: ${selectorNowhere(facts)}` };
  }
  const to = routed.map((t) => `${t.name} (${replicasText(t)})`).join(', ');
  return routed.length === facts.templates.length
    ? { kind: 'healthy', text: `${predicted}: traffic goes to ${to}` }
    : {
        kind: 'degraded',
        text: `${predicted}: traffic goes to ${to}; ${facts.templates.length - routed.length} selected template(s) serve none of its ports`,
      };
}

function selectorNowhere(facts: WorkspaceRouting): string {
  if (facts.templates.length > 0) {
    return "no selected pod template serves the Service's ports";
  }
  const [near] = facts.nearest;
  if (near) {
    const differences = near.differences
      .map((d) =>
        d.actual === undefined
          ? `${d.key}: ${d.wanted} (it has no "${d.key}" label)`
          : `${d.key}: ${d.wanted} vs ${d.key}: ${d.actual}`,
      )
      .join('; ');
    return `the selector matches no pod template; the closest is ${near.name}: ${differences}`;
  }
  return facts.templatesInNamespace === 0
    ? 'no pod template of its namespace is in the workspace (the workloads may live elsewhere)'
    : 'the selector matches no pod template in the workspace';
}

function manualNowhere(facts: WorkspaceRouting): string {
  return facts.slices.length + facts.endpoints.length === 0
    ? 'no selector, and no EndpointSlice or Endpoints for it in the workspace'
    : 'the EndpointSlices and Endpoints written for it list no ready endpoint';
}

function notes(facts: WorkspaceRouting, families: readonly string[]): string[] {
  const result = ['Pod IPs, nodes and zones are known only once the pods run.'];
  if (facts.service.families.length === 0 && facts.mode === 'selector') {
    result.push(`No ipFamilies: drawn as ${families.join(', ')}, the cluster's default family decides.`);
  }
  if (facts.uncertain || facts.templates.some((t) => t.uncertain)) {
    result.push(
      'A Helm tag writes some labels or ports: the prediction reads the template as if the tags printed nothing.',
    );
  }
  for (const template of facts.templates) {
    for (const [i, port] of template.ports.entries()) {
      if (port.missing !== undefined && servesSomePort(facts, template)) {
        const name = facts.service.ports[i]?.name || String(facts.service.ports[i]?.port ?? i);
        result.push(`${template.name} gets no endpoint port for ${name}: ${port.missing}.`);
      }
    }
  }
  return result;
}
