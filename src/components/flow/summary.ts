// The numbers the routing flow's text alternative reads out, from the snapshot alone.

import type { Snapshot } from '../../worker/protocol';
import { shownOf } from '../../worker/snapshotSample';

type Counts = Pick<Snapshot, 'T' | 'E' | 'k' | 'load' | 'kept'> & Partial<Pick<Snapshot, 'sample'>>;

export interface FlowSummary {
  /** tokens in the batch, and how many of them the snapshot carries (drawn) */
  T: number;
  shown: number;
  choices: number;
  kept: number;
  dropped: number;
  /** dropped / choices, 0 when there are none */
  rate: number;
}

/** The whole batch's counts, from the per-expert load and kept (exact even when the slots are a sample). */
export function summarize(s: Counts): FlowSummary {
  let choices = 0;
  let kept = 0;
  for (let e = 0; e < s.E; e++) {
    choices += s.load[e];
    kept += s.kept[e];
  }
  const dropped = choices - kept;
  return { T: s.T, shown: shownOf(s).T, choices, kept, dropped, rate: choices ? dropped / choices : 0 };
}
