// DeepSeek-V3 gate (inference/model.py Gate.forward): sigmoid scores; selection by score + bias;
// group-limited selection; weights = chosen scores normalised, times routedScale.

import { sigmoid } from './scores';
import { sortSlotsByWeight, topkInto } from './topk';

export interface DeepseekOptions {
  bias: Float32Array | undefined;
  groups: number;
  topkGroups: number;
  routedScale: number;
}

/** Group score: sum of the two largest biased scores in the group (the one score if it has one). */
function groupScore(biased: Float64Array, start: number, size: number): number {
  let first = -Infinity;
  let second = -Infinity;
  for (let i = start; i < start + size; i++) {
    const v = biased[i];
    if (v > first) {
      second = first;
      first = v;
    } else if (v > second) second = v;
  }
  return size === 1 ? first : first + second;
}

export function deepseekSlots(
  logits: Float32Array,
  T: number,
  E: number,
  k: number,
  opts: DeepseekOptions,
  probs: Float32Array,
): { experts: Int32Array; weights: Float32Array } {
  const { bias, groups, topkGroups, routedScale } = opts;
  const size = E / groups;
  const experts = new Int32Array(T * k);
  const weights = new Float32Array(T * k);
  const scores = new Float64Array(E);
  const biased = new Float64Array(E);
  const gScores = new Float64Array(groups);
  const keptGroups = new Int32Array(topkGroups);
  const allowed = new Uint8Array(E);
  const scratch = new Float64Array(Math.max(k, topkGroups));
  for (let t = 0; t < T; t++) {
    const base = t * E;
    for (let e = 0; e < E; e++) {
      scores[e] = sigmoid(logits[base + e]);
      biased[e] = scores[e] + (bias ? bias[e] : 0);
      probs[base + e] = scores[e];
    }
    let mask: Uint8Array | undefined;
    if (topkGroups < groups) {
      for (let g = 0; g < groups; g++) gScores[g] = groupScore(biased, g * size, size);
      topkInto(gScores, 0, groups, topkGroups, keptGroups, 0, scratch);
      allowed.fill(0);
      for (let n = 0; n < topkGroups; n++) allowed.fill(1, keptGroups[n] * size, (keptGroups[n] + 1) * size);
      mask = allowed;
    }
    const off = t * k;
    topkInto(biased, 0, E, k, experts, off, scratch, mask);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += scores[experts[off + j]];
    for (let j = 0; j < k; j++) weights[off + j] = (scores[experts[off + j]] / sum) * routedScale;
    // DeepSeek orders by biased score; here slots go by weight like every scheme (docs/routing.md)
    sortSlotsByWeight(experts, weights, off, k);
  }
  return { experts, weights };
}
