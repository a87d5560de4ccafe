import type { PodTemplateInfo } from './podTemplates';
import { RoutingPredictions } from './servicePrediction';
import { sameNamespace } from './types';
import type { EndpointsInfo, FileSummary, ServiceInfo, SliceInfo } from './types';

/**
 * What workspace advice reads of the workspace. The server's WorkspaceIndex is one; the
 * command-line linter builds a SummaryWorkspace from the summaries of the files it was given,
 * after validating them (on any number of threads), so both give the same advice.
 */
export interface WorkspaceView {
  services(): ServiceInfo[];
  slices(): SliceInfo[];
  endpoints(): EndpointsInfo[];
  templates(): PodTemplateInfo[];
  findService(name: string | undefined, namespace: string | undefined): ServiceInfo | undefined;
  slicesOf(service: ServiceInfo): SliceInfo[];
  /** Routing predictions already made for this workspace (servicePrediction.ts). */
  readonly predictions: RoutingPredictions;
}

/** The Service of that name, preferring one in the same namespace. */
export function findServiceIn(
  services: readonly ServiceInfo[],
  name: string | undefined,
  namespace: string | undefined,
): ServiceInfo | undefined {
  if (name === undefined) return undefined;
  const candidates = services.filter((s) => s.name === name && sameNamespace(s.namespace, namespace));
  return candidates.find((s) => s.namespace === namespace) ?? candidates[0];
}

/** The slices labelled with the Service's name in its namespace. */
export function slicesOfIn(slices: readonly SliceInfo[], service: ServiceInfo): SliceInfo[] {
  return slices.filter(
    (s) => s.serviceName === service.name && sameNamespace(s.namespace, service.namespace),
  );
}

/**
 * A workspace made of placed file summaries (uris set, ranges in file coordinates). The lists
 * are joined once: advice asks for the Services once per slice, and joining 2,000 files'
 * summaries for each of 2,000 slices was a tenth of a CLI run.
 */
export class SummaryWorkspace implements WorkspaceView {
  readonly predictions = new RoutingPredictions();
  private readonly lists: {
    services: ServiceInfo[];
    slices: SliceInfo[];
    endpoints: EndpointsInfo[];
    templates: PodTemplateInfo[];
  };

  constructor(summaries: readonly FileSummary[]) {
    this.lists = {
      services: summaries.flatMap((f) => f.services),
      slices: summaries.flatMap((f) => f.slices),
      endpoints: summaries.flatMap((f) => f.endpoints),
      templates: summaries.flatMap((f) => f.templates),
    };
  }

  services(): ServiceInfo[] {
    return this.lists.services;
  }

  slices(): SliceInfo[] {
    return this.lists.slices;
  }

  endpoints(): EndpointsInfo[] {
    return this.lists.endpoints;
  }

  templates(): PodTemplateInfo[] {
    return this.lists.templates;
  }

  findService(name: string | undefined, namespace: string | undefined): ServiceInfo | undefined {
    return findServiceIn(this.lists.services, name, namespace);
  }

  slicesOf(service: ServiceInfo): SliceInfo[] {
    return slicesOfIn(this.lists.slices, service);
  }
}
