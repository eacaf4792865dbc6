// The routing flow's tokens grouped by sequence (routedWith.seqLen = L > 1): the runs of drawn
// tokens that share a sequence and, in slots mode, where each sits in the strip once every run
// is preceded by a cell of its own that holds its label (the gap between sequences). Dense mode
// keeps one tick per token and marks the runs' edges instead. A sample draws every stride-th
// row, so a run is the sampled tokens of one sequence; a stride of L or more leaves one token a
// sequence, and the strip is not grouped. Pure: no DOM, no Svelte.

import type { MoeConfig } from '../../engine/config';
import { hasSequences, sequenceOfRow, sequenceShapeOf } from '../../state/sequences';
import type { BatchSample } from '../../worker/protocol';

export interface SequenceRun {
  seq: number;
  /** the run's first and last drawn token (indices into the tokens the snapshot carries) */
  first: number;
  last: number;
  /** slots mode: the strip cell that holds the run's label, just before its first token; -1 in dense mode */
  cell: number;
}

export interface FlowSequences {
  L: number;
  /** sequences in the batch */
  B: number;
  /** runs of drawn tokens of one sequence, in order; empty when no sequence has two drawn tokens */
  runs: SequenceRun[];
  /** slots mode: [cells] the token each strip cell holds, -1 for a run's label cell; null in dense mode or without runs */
  cellToken: Int32Array | null;
  /** [T] the strip cell of each drawn token (its index when there are no label cells) */
  tokenCell: Int32Array;
}

export interface SequenceInput {
  T: number;
  sample?: BatchSample;
  routedWith?: Pick<MoeConfig, 'seqLen' | 'tokens'>;
}

/** The drawn tokens' sequences, or null where the batch is not made of sequences (L = 1). */
export function flowSequences(s: SequenceInput, shownT: number, dense: boolean): FlowSequences | null {
  if (!s.routedWith || !hasSequences(s.routedWith)) return null;
  const shape = sequenceShapeOf({ T: s.T, routedWith: s.routedWith });
  const stride = s.sample?.stride ?? 1;
  let runs: SequenceRun[] = [];
  for (let i = 0; i < shownT; i++) {
    const seq = sequenceOfRow(i * stride, shape.L, shape.rowsPerToken);
    const run = runs[runs.length - 1];
    if (run && run.seq === seq) run.last = i;
    else runs.push({ seq, first: i, last: i, cell: -1 });
  }
  if (runs.length >= shownT) runs = [];
  const tokenCell = Int32Array.from({ length: shownT }, (_, t) => t);
  if (dense || !runs.length) return { L: shape.L, B: shape.B, runs, cellToken: null, tokenCell };
  const cellToken = new Int32Array(shownT + runs.length).fill(-1);
  let c = 0;
  for (const run of runs) {
    run.cell = c++;
    for (let t = run.first; t <= run.last; t++) {
      tokenCell[t] = c;
      cellToken[c++] = t;
    }
  }
  return { L: shape.L, B: shape.B, runs, cellToken, tokenCell };
}

/** Strip cells to lay out: the tokens, and a label cell per run in slots mode. */
export const stripCells = (shownT: number, sequences: FlowSequences | null): number => sequences?.cellToken?.length ?? shownT;
