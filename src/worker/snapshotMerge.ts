// Expert merging's share of a snapshot: each group's merge weights (within the probs' limit, as
// fresh copies to transfer) and every expert's mean merge weight over the batch's tokens, which
// the load bars show in place of token counts (every token uses every expert's weights).

import type { Routing } from '../engine/routing/types';
import type { SnapshotMerge } from './protocol';

export function snapshotMerge(r: Pick<Routing, 'T' | 'E' | 'merge'>, limit: number): SnapshotMerge | undefined {
  if (!r.merge) return undefined;
  const { weights, groupLen, from } = r.merge;
  const { T, E } = r;
  const mean = new Float32Array(E);
  const G = from.length;
  for (let g = 0; g < G; g++) {
    // a group's weight counts once per token it holds (the last group may be short)
    const tokens = Math.min(T, (g + 1) * groupLen) - g * groupLen;
    for (let e = 0; e < E; e++) mean[e] += (weights[g * E + e] * tokens) / T;
  }
  const small = G * E <= limit;
  return { groupLen, mean, weights: small ? weights.slice() : undefined, from: small ? from.slice() : undefined };
}
