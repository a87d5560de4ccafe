/**
 * What a row of the picture stands for (one endpoint, or a group of them per node or zone) and
 * the keys that name node and zone groups, shared by the rows and the topology bands beside them.
 */
import type { PictureEndpoint } from './picture';

export type Row =
  | { kind: 'endpoint'; endpoint: PictureEndpoint }
  | {
      kind: 'group';
      key: string;
      level: 'node' | 'zone';
      zone?: string;
      node?: string;
      endpoints: PictureEndpoint[];
    };

export const zoneKey = (zone: string | undefined): string => `zone:${zone ?? ''}`;
export const nodeKey = (zone: string | undefined, node: string | undefined): string =>
  `node:${zone ?? ''}/${node ?? ''}`;
