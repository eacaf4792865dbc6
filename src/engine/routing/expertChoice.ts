// Expert choice (Zhou et al. 2022; flaxformer ExpertsChooseMaskedRouter): each expert takes its
// C highest-scoring tokens, so load is balanced by construction and a token gets 0..E experts.

import { assemble } from './assemble';
import { expertChoiceCapacity } from './capacity';
import { softmaxRows } from './scores';
import { sortSlotsByWeight, topkInto } from './topk';
import type { RouterOptions, RoutingResult } from './contract';
import { capacityHundredths } from './validate';

/** Expert choice always has a capacity; 2 is the paper's default. */
const EXPERT_CHOICE_DEFAULT_CF = 2;

export function routeExpertChoice(logits: Float32Array, T: number, E: number, spec: RouterOptions): RoutingResult {
  const cf100 = capacityHundredths(spec.capacityFactor ?? EXPERT_CHOICE_DEFAULT_CF);
  const probs64 = softmaxRows(logits, T, E, new Float64Array(T * E));
  return expertChoice(probs64, Float32Array.from(probs64), T, E, expertChoiceCapacity(T, E, cf100));
}

export function expertChoice(
  probs64: Float64Array,
  probs: Float32Array,
  T: number,
  E: number,
  C: number,
): RoutingResult {
  const expertTokens = new Int32Array(E * C);
  const column = new Float64Array(T);
  const scratch = new Float64Array(C);
  const perToken = new Int32Array(T); // experts that took token t so far
  for (let e = 0; e < E; e++) {
    for (let t = 0; t < T; t++) column[t] = probs64[t * E + e];
    // best first; equal scores go to the lower token index
    topkInto(column, 0, T, C, expertTokens, e * C, scratch);
    for (let n = 0; n < C; n++) perToken[expertTokens[e * C + n]]++;
  }
  // token-side view: k = E slots, filled by descending weight, padded with -1
  const experts = new Int32Array(T * E).fill(-1);
  const weights = new Float32Array(T * E);
  const filled = new Int32Array(T);
  for (let e = 0; e < E; e++) {
    for (let n = 0; n < C; n++) {
      const t = expertTokens[e * C + n];
      const i = t * E + filled[t]++;
      experts[i] = e;
      weights[i] = probs[t * E + e];
    }
  }
  for (let t = 0; t < T; t++) sortSlotsByWeight(experts, weights, t * E, perToken[t]);
  const routing = assemble(T, E, probs, { k: E, experts, weights, dropped: new Uint8Array(T * E) }, C);
  routing.expertTokens = expertTokens;
  return routing;
}
