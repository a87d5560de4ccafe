/** Where the picture's columns are and how tall its rows are: shared by the layout and its rows. */

export const columns = {
  service: { x: 16, w: 210 },
  slice: { x: 266, w: 190 },
  endpoint: { x: 496, w: 190 },
  pod: { x: 716, w: 210 },
  node: { x: 966, w: 150 },
  zone: { x: 1156, w: 140 },
} as const;

export const rowHeight = 40;
export const itemHeight = 34;
/** Room above the first row for the column headings. */
export const top = 44;
/** The top of row `row`. */
export const rowY = (row: number): number => top + row * rowHeight;

/** A label cut to what fits its box (SVG text does not wrap or ellipsize). */
export function fit(text: string, width: number): string {
  const max = Math.floor((width - 16) / 6.6);
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
