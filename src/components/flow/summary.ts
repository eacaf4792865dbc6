// The numbers the routing flow's text alternative reads out, from the snapshot alone.

import type { Snapshot } from '../../worker/protocol';

type Slots = Pick<Snapshot, 'T' | 'E' | 'k' | 'experts' | 'weights' | 'dropped' | 'load' | 'kept' | 'capacity'>;

export interface FlowSummary {
  T: number;
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

export function summarize(s: Slots): FlowSummary {
  let choices = 0;
  let dropped = 0;
  for (let i = 0; i < s.T * s.k; i++) {
    if (s.experts[i] < 0) continue;
    choices++;
    dropped += s.dropped[i];
  }
  return { T: s.T, choices, kept: choices - dropped, dropped, rate: choices ? dropped / choices : 0 };
}

/** Token t's choices, by descending weight (the slot order), -1 pads left out. */
export function tokenChoices(s: Slots, t: number): TokenChoice[] {
  const out: TokenChoice[] = [];
  if (t < 0 || t >= s.T) return out;
  for (let j = 0; j < s.k; j++) {
    const i = t * s.k + j;
    if (s.experts[i] >= 0) out.push({ expert: s.experts[i], weight: s.weights[i], dropped: s.dropped[i] === 1 });
  }
  return out;
}

/** A text token as the strip shows it: visible space and line break. */
export function glyph(text: string | undefined): string {
  if (text === undefined || text === '') return '∅';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}
