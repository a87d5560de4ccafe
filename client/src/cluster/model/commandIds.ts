/** The cluster view's command ids, as contributed in package.json (a unit test keeps them in sync). */
export const clusterCommands = {
  refresh: 'endpointslices.cluster.refresh',
  chooseNamespaces: 'endpointslices.cluster.chooseNamespaces',
  openYaml: 'endpointslices.cluster.openYaml',
  openServiceManifest: 'endpointslices.cluster.openServiceManifest',
  copyAddress: 'endpointslices.cluster.copyAddress',
  revealPod: 'endpointslices.cluster.revealPod',
  copyName: 'endpointslices.cluster.copyName',
  chooseKubeconfig: 'endpointslices.cluster.chooseKubeconfig',
  openDocs: 'endpointslices.cluster.openDocs',
  showRoutingPicture: 'endpointslices.cluster.showRoutingPicture',
} as const;

/**
 * The tree items (by contextValue) each item command acts on. package.json's context menus offer
 * a command on exactly these (a unit test compares them), so no menu entry leads to "nothing to do".
 */
export const commandTargets: Readonly<Record<string, readonly string[]>> = {
  [clusterCommands.refresh]: ['context', 'namespace'],
  [clusterCommands.chooseNamespaces]: ['context', 'namespace'],
  [clusterCommands.openYaml]: [
    'endpointSlice',
    'legacyEndpoints',
    'pod',
    'endpoint',
    'endpoint.pod',
    'legacyAddress',
    'legacyAddress.pod',
  ],
  [clusterCommands.openServiceManifest]: ['service', 'endpointSlice', 'merged', 'legacyEndpoints'],
  [clusterCommands.copyAddress]: ['endpoint', 'endpoint.pod', 'legacyAddress', 'legacyAddress.pod', 'pod'],
  [clusterCommands.revealPod]: ['endpoint.pod', 'legacyAddress.pod'],
  [clusterCommands.showRoutingPicture]: ['service', 'endpointSlice'],
  [clusterCommands.copyName]: [
    'context',
    'namespace',
    'service',
    'orphans',
    'endpointSlice',
    'legacyEndpoints',
    'pod',
  ],
};

/** VS Code's own commands that message nodes offer as the next step. */
export const workbenchCommands = {
  manageTrust: 'workbench.trust.manage',
  openSettings: 'workbench.action.openSettings',
} as const;

/** The view's id in package.json (`contributes.views`). */
export const clusterViewId = 'endpointslices.clusters';

/** The URI scheme of the read-only YAML documents the view opens (the language server validates them). */
export const clusterDocumentScheme = 'endpointslices-cluster';
