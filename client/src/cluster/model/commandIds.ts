/** The cluster view's command ids, as contributed in package.json (a unit test keeps them in sync). */
export const clusterCommands = {
  refresh: 'endpointslices.cluster.refresh',
  chooseNamespaces: 'endpointslices.cluster.chooseNamespaces',
  openYaml: 'endpointslices.cluster.openYaml',
  openServiceManifest: 'endpointslices.cluster.openServiceManifest',
  copyAddress: 'endpointslices.cluster.copyAddress',
  revealPod: 'endpointslices.cluster.revealPod',
} as const;

/** VS Code's own commands that message nodes offer as the next step. */
export const workbenchCommands = {
  manageTrust: 'workbench.trust.manage',
  openSettings: 'workbench.action.openSettings',
} as const;

/** The view's id in package.json (`contributes.views`). */
export const clusterViewId = 'endpointslices.clusters';

/** The URI scheme of the read-only YAML documents the view opens (the language server validates them). */
export const clusterDocumentScheme = 'endpointslices-cluster';
