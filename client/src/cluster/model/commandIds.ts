/**
 * Every command id the extension contributes, in one place: package.json holds exactly these
 * (test/unit/commandIds.test.ts). The language commands are registered by client/src/commands.ts,
 * the cluster view's by client/src/cluster/clusterCommands.ts.
 */
export const languageCommands = {
  restartServer: 'endpointslices.restartServer',
  showOutput: 'endpointslices.showOutput',
  convertWorkspaceEndpoints: 'endpointslices.convertWorkspaceEndpoints',
} as const;

/** The cluster view's command ids. */
export const clusterCommands = {
  refresh: 'endpointslices.cluster.refresh',
  chooseNamespaces: 'endpointslices.cluster.chooseNamespaces',
  openYaml: 'endpointslices.cluster.openYaml',
  openServiceManifest: 'endpointslices.cluster.openServiceManifest',
  copyAddress: 'endpointslices.cluster.copyAddress',
  revealPod: 'endpointslices.cluster.revealPod',
  copyName: 'endpointslices.cluster.copyName',
  copyDnsName: 'endpointslices.cluster.copyDnsName',
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
  [clusterCommands.copyDnsName]: ['service'],
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
