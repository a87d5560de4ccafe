import type { PodTemplateInfo } from './podTemplates';
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

/** A workspace made of placed file summaries (uris set, ranges in file coordinates). */
export class SummaryWorkspace implements WorkspaceView {
  private readonly all: readonly FileSummary[];

  constructor(summaries: readonly FileSummary[]) {
    this.all = summaries;
  }

  services(): ServiceInfo[] {
    return this.all.flatMap((f) => f.services);
  }

  slices(): SliceInfo[] {
    return this.all.flatMap((f) => f.slices);
  }

  endpoints(): EndpointsInfo[] {
    return this.all.flatMap((f) => f.endpoints);
  }

  templates(): PodTemplateInfo[] {
    return this.all.flatMap((f) => f.templates);
  }

  findService(name: string | undefined, namespace: string | undefined): ServiceInfo | undefined {
    return findServiceIn(this.services(), name, namespace);
  }

  slicesOf(service: ServiceInfo): SliceInfo[] {
    return slicesOfIn(this.slices(), service);
  }
}
