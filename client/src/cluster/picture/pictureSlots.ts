/**
 * What other modules add to a picture: the routing engine's reasons for selected pods that are
 * not endpoints (engineSlots), and the Service's DNS names (not wired in yet).
 */
import type { NamespaceData } from '../model';
import { engineSlots } from './model';
import type { PictureSlots } from './model';

export function pictureSlots(data: NamespaceData, service: string): PictureSlots {
  return engineSlots(data, service);
}
