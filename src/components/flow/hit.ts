// Hit-testing on the routing flow: the token under the pointer, from the layout alone (no drawing).
// Pure: no DOM, no Svelte.

import type { FlowLayout } from './layout';

/** The token under a point: in the strip, or (slots mode) the owner of a slot mark. */
export function tokenAt(l: FlowLayout, x: number, y: number): number | null {
  const { strip } = l;
  if (y >= strip.y && y < strip.y + strip.h && x >= strip.x && x < strip.x + strip.cols * strip.cell) {
    const c = Math.floor((y - strip.y) / strip.rowH) * strip.cols + Math.floor((x - strip.x) / strip.cell);
    // a sequence's label cell holds no token
    const t = l.sequences?.cellToken ? (l.sequences.cellToken[c] ?? -1) : c;
    return t >= 0 && t < l.T ? t : null;
  }
  if (l.mode !== 'slots') return null;
  // slot marks: the nearest choice centre within half a cell
  const half = Math.max(l.cell, l.laneCell) / 2;
  for (let e = 0; e < l.E; e++) {
    const x0 = l.columns.colX[l.shared + e];
    if (x < x0 || x >= x0 + l.columns.colW) continue;
    for (let n = l.start[e]; n < l.start[e + 1]; n++) {
      const i = l.byExpert[n];
      if (Math.abs(l.choiceX[i] - x) <= half && Math.abs(l.choiceY[i] - y) <= half) return Math.floor(i / l.k);
    }
  }
  return null;
}
