// The numbers the routing flow's text alternative reads out, from the snapshot alone.

import type { Snapshot } from '../../worker/protocol';
import { shownOf } from '../../worker/snapshotSample';

type Slots = Pick<Snapshot, 'T' | 'E' | 'k' | 'experts' | 'weights' | 'dropped' | 'load' | 'kept' | 'capacity'> & Partial<Pick<Snapshot, 'sample'>>;

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

export interface TokenChoice {
  expert: number;
  weight: number;
  dropped: boolean;
}

/** The whole batch's counts, from the per-expert load and kept (exact even when the slots are a sample). */
export function summarize(s: Slots): FlowSummary {
  let choices = 0;
  let kept = 0;
  for (let e = 0; e < s.E; e++) {
    choices += s.load[e];
    kept += s.kept[e];
  }
  const dropped = choices - kept;
  return { T: s.T, shown: shownOf(s).T, choices, kept, dropped, rate: choices ? dropped / choices : 0 };
}

/** The choices of the t-th token carried, by descending weight (the slot order), -1 pads left out. */
export function tokenChoices(s: Slots, t: number): TokenChoice[] {
  const out: TokenChoice[] = [];
  const { T, k } = shownOf(s);
  if (t < 0 || t >= T) return out;
  for (let j = 0; j < k; j++) {
    const i = t * k + j;
    if (s.experts[i] >= 0) out.push({ expert: s.experts[i], weight: s.weights[i], dropped: s.dropped[i] === 1 });
  }
  return out;
}

/** A text token as the strip shows it: visible space and line break. */
export function glyph(text: string | undefined): string {
  if (text === undefined || text === '') return '∅';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}
