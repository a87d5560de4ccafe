/**
 * What other modules add to a picture: the routing engine's reasons for selected pods that are
 * not endpoints, and the Service's DNS names. Empty until those modules are wired in.
 */
import type { NamespaceData } from '../model';
import type { PictureSlots } from './model';

export function pictureSlots(_data: NamespaceData, _service: string): PictureSlots {
  return {};
}
