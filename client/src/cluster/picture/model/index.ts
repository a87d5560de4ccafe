/** The routing picture's pure model: the picture of a Service, its layout, and the messages. */
export * from './picture';
export * from './protocol';
export { buildPicture, stateName } from './buildPicture';
export type { PictureSlots } from './buildPicture';
export { layoutPicture, sortedEndpoints } from './layout';
export type { LayoutOptions } from './layout';
export { engineSlots } from './engineSlots';
export { buildWorkspacePicture } from './workspacePicture';
export type { WorkspacePictureOptions } from './workspacePicture';
