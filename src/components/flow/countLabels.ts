// The kept/sent count under each expert of the routing flow, fitted to the expert's column: at
// 390 px with 8 experts a column is about 40 px, and "256/256" (7 characters) would run into its
// neighbour's. SVG text is not measured here (jsdom cannot, and measuring every label each
// snapshot costs layout): the width is estimated per character at the labels' 10 px font.

/** Estimated width of one character of a count label, px (digits and "/" at 10 px, with a margin). */
export const COUNT_CHAR_PX = 6.5;

/** Room kept clear between neighbouring labels, px. */
const LABEL_GAP_PX = 2;

/** The count label that fits a column colW px wide: kept/sent, else the kept count alone, else nothing. */
export function countLabel(kept: number, sent: number, colW: number): string {
  const room = colW - LABEL_GAP_PX;
  const fits = (text: string) => text.length * COUNT_CHAR_PX <= room;
  const full = `${kept}/${sent}`;
  if (fits(full)) return full;
  const short = String(kept);
  return fits(short) ? short : '';
}
