/**
 * The routing engine: what the EndpointSlice and mirroring controllers will write for a
 * Service, and why each selected pod is or is not a (ready) endpoint. Pure: objects in, a
 * prediction out. The rules are written down in docs/rules/routing.md.
 */
export { predictRouting } from './predict';
export { routes } from './summary';
export { selectorMatches, labelDifferences, serviceSelector } from './selector';
export { findPort } from './findPort';
export { isPodReady } from './podReadiness';
export { unpairedPortNames } from './portPairing';
export { serviceAddressTypes, addressFamily } from './addressFamilies';
export { defaultControllerOptions, labels as routingLabels, controllerNames } from './facts';
export type * from './types';
