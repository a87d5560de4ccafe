/**
 * Documents that show a live object from a cluster rather than a manifest someone writes: the
 * VS Code extension's read-only YAML of the cluster view (`endpointslices-cluster:` URIs). The
 * apiserver's verdict and warnings apply to them as to any manifest; advice for authors does
 * not (a controller's slice rightly carries the controller's managed-by value, and the
 * workspace need not hold the cluster's Services), and they never join the workspace index,
 * which describes the files the user edits.
 */
import type { ServiceSettings } from '../service';

/** The scheme the extension's cluster view serves (client/src/cluster/model/commandIds.ts). */
export const liveDocumentScheme = 'endpointslices-cluster';

export function isLiveDocument(uri: string): boolean {
  return uri.startsWith(`${liveDocumentScheme}:`);
}

/** The settings a live document is validated with: the same, without advice for authors. */
export function liveDocumentSettings(settings: ServiceSettings): ServiceSettings {
  return { ...settings, advisories: false };
}
