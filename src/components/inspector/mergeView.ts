// What the token inspector says of expert merging (SMEAR, Lory): the token's group, its merge
// weights over the E experts, and, for Lory, the segment they came from. Pure, from a snapshot.

import { traitsOf } from '../../engine/routing/traits';
import type { Snapshot } from '../../worker/protocol';

export interface MergeView {
  /** sequence (SMEAR) or segment (Lory) */
  group: 'sequence' | 'segment';
  /** the group's index in the batch, its first and last token */
  g: number;
  first: number;
  last: number;
  /** Lory: the sequence the segment is in, and the segment's index inside it */
  sequence: number;
  segment: number;
  /** the experts by descending merge weight (from the token's slots where the groups' weights were not carried) */
  rows: { expert: number; weight: number }[];
  /** whole: every group's weights were carried */
  whole: boolean;
  /** Lory: the group the weights came from (−1: its own, gradient stopped); SMEAR: g */
  from: number;
  /** that group's first and last token */
  fromFirst: number;
  fromLast: number;
}

/** `token`: the carried token's index; `name`: its index in the batch. */
export function mergeView(s: Snapshot, token: number, name: number): MergeView | null {
  const m = s.merge;
  const group = traitsOf(s.routedWith.scheme).mergeGroup;
  if (!m || !group) return null;
  const { groupLen } = m;
  const g = Math.floor(name / groupLen);
  const first = g * groupLen;
  const last = Math.min(s.T, first + groupLen) - 1;
  const L = Math.max(1, s.routedWith.seqLen);
  let rows: MergeView['rows'];
  if (m.weights) {
    rows = Array.from(m.weights.subarray(g * s.E, (g + 1) * s.E), (weight, expert) => ({ expert, weight }));
    rows.sort((a, b) => b.weight - a.weight || a.expert - b.expert);
  } else {
    const k = s.experts.length / Math.max(1, s.sample?.T ?? s.T);
    rows = [];
    for (let j = 0; j < k; j++) if (s.experts[token * k + j] >= 0) rows.push({ expert: s.experts[token * k + j], weight: s.weights[token * k + j] });
  }
  // without the groups' sources (a large batch), Lory's rule: the previous segment, unless it opens its sequence
  const from = m.from ? m.from[g] : group === 'segment' ? (first % L === 0 ? -1 : g - 1) : g;
  return {
    group,
    g,
    first,
    last,
    sequence: Math.floor(name / L),
    segment: Math.floor((name % L) / groupLen),
    rows,
    whole: m.weights !== undefined,
    from,
    fromFirst: from * groupLen,
    fromLast: from * groupLen + groupLen - 1,
  };
}
