// DeepSeek-V3 gate (inference/model.py Gate.forward): sigmoid scores; selection by score + bias;
// group-limited selection; weights = chosen scores normalised, times routedScale.

import type { SelectSlots } from './perToken';
import { sigmoid } from './scores';
import { sortSlotsByWeight, topkInto } from './topk';
import type { RouterOptions } from './contract';
import { checkFinite, checkLength, fail } from './validate';

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

export const deepseekSelect: SelectSlots = (logits, T, E, spec, probs) =>
  deepseekSlots(logits, T, E, spec.k, deepseekOptions(spec, E), probs);

function deepseekOptions(spec: RouterOptions, E: number): DeepseekOptions {
  const groups = spec.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1 || E % groups !== 0) {
    fail(`groups must be a positive integer that divides E (E = ${E}), got ${groups}`);
  }
  const topkGroups = spec.topkGroups ?? groups;
  if (!Number.isInteger(topkGroups) || topkGroups < 1 || topkGroups > groups) {
    fail(`topkGroups must be an integer in 1..groups (groups = ${groups}), got ${topkGroups}`);
  }
  const held = topkGroups * (E / groups);
  if (spec.k > held) {
    fail(`k = ${spec.k} is more than the ${held} experts that ${topkGroups} kept group(s) of ${E / groups} hold`);
  }
  const routedScale = spec.routedScale ?? 1;
  if (!Number.isFinite(routedScale) || routedScale <= 0) fail(`routedScale must be > 0, got ${routedScale}`);
  checkLength(spec.bias, 'bias', E, 'E');
  if (spec.bias) checkFinite(spec.bias, 'bias', 1);
  return { bias: spec.bias, groups, topkGroups, routedScale };
}
