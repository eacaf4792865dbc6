// The layers × experts heatmap's cells: each layer a row, experts in columns (neighbours grouped
// when there are more than MAX_COLS), each cell coloured against its own layer's even share, so
// layers of different E read alike. Cells past a layer's last expert, and layers without choices,
// stay transparent.

import type { LayerShares } from '../../engine/traces/stats';
import { wordOf } from '../heatmapTone';

/** The most expert columns drawn: past it, neighbouring experts share a column. */
export const MAX_COLS = 256;

export interface LayerExpertCells {
  /** experts per column */
  group: number;
  cols: number;
  rows: number;
  /** [rows*cols] RGBA words */
  words: Uint32Array;
}

export function layerExpertCells(s: LayerShares): LayerExpertCells {
  const group = Math.max(1, Math.ceil(s.maxE / MAX_COLS));
  const cols = Math.max(1, Math.ceil(s.maxE / group));
  const rows = s.share.length;
  const words = new Uint32Array(rows * cols);
  for (let l = 0; l < rows; l++) {
    const E = s.E[l];
    if (s.total[l] === 0) continue;
    const row = s.share[l];
    for (let c = 0; c < cols && c * group < E; c++) {
      let sum = 0;
      const end = Math.min(E, (c + 1) * group);
      for (let e = c * group; e < end; e++) sum += row[e];
      // a column of g experts is even at g/E: colour it as one expert among E/g
      words[l * cols + c] = wordOf(sum, E / (end - c * group));
    }
  }
  return { group, cols, rows, words };
}

/** The share of layer l's experts in column c (NaN past the layer's last expert). */
export function cellShare(s: LayerShares, group: number, l: number, c: number): number {
  const E = s.E[l];
  if (c * group >= E) return NaN;
  let sum = 0;
  for (let e = c * group; e < Math.min(E, (c + 1) * group); e++) sum += s.share[l][e];
  return sum;
}
