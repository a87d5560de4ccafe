/** The cluster view's pure model: state, events, nodes, children and presentation. */
export * from './kubeTypes';
export * from './nodes';
export * from './clusterModel';
export * from './resourceEvents';
export * from './namespaceData';
export * from './serviceView';
export * from './legacyView';
export * from './messages';
export * from './commandIds';
export * from './apiObjects';
export { children, namespaceNode, noKubeconfig } from './treeChildren';
export { present, countsText, colors, fullTooltip } from './presentation';
export type { NodePresentation, Collapsible } from './presentation';
export { dnsTooltip, serviceDns, serviceDnsNameOf } from './dnsView';
