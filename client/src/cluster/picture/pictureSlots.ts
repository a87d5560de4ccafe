/**
 * What other modules add to a picture: the routing engine's reasons for selected pods that are
 * not endpoints, and the Service's DNS name in the cluster domain the view is set to.
 */
import type { NamespaceData } from '../model';
import { engineSlots } from './model';
import type { PictureSlots } from './model';

export function pictureSlots(data: NamespaceData, service: string, clusterDomain: string): PictureSlots {
  return engineSlots(data, service, clusterDomain);
}
