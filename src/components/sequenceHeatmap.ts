// The per-sequence heatmap's cells: each sequence's kept choices per expert as shares of the
// sequence's choices, one row per sequence, or per run of neighbouring sequences where there are
// more than the rows the height holds (their counts summed). Pure: no DOM, no Svelte.

import type { SequenceLoad } from '../state/sequences';

export interface SequenceGrid {
  /** rows drawn, and sequences per row */
  rows: number;
  group: number;
  E: number;
  /** [rows*E] each row's share of its choices on each expert (0 for a row without choices) */
  share: Float32Array;
}

export function sequenceGrid(load: Pick<SequenceLoad, 'B' | 'E' | 'counts'>, maxRows = 120): SequenceGrid {
  const { B, E, counts } = load;
  const group = Math.max(1, Math.ceil(B / Math.max(1, maxRows)));
  const rows = Math.ceil(B / group);
  const share = new Float32Array(rows * E);
  for (let r = 0; r < rows; r++) {
    const row = share.subarray(r * E, (r + 1) * E);
    let total = 0;
    for (let b = r * group; b < Math.min(B, (r + 1) * group); b++) {
      for (let e = 0; e < E; e++) row[e] += counts[b * E + e];
    }
    for (let e = 0; e < E; e++) total += row[e];
    if (total) for (let e = 0; e < E; e++) row[e] /= total;
  }
  return { rows, group, E, share };
}

/** The sequences a row stands for: first and last. */
export const rowSequences = (g: Pick<SequenceGrid, 'group'>, B: number, row: number): { from: number; to: number } => ({
  from: row * g.group,
  to: Math.min(B, (row + 1) * g.group) - 1,
});
