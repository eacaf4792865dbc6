// Noisy top-k gating (Shazeer et al. 2017; tensor2tensor NoisyTopKGating):
// H = z + noise, pick the k largest H, weight = softmax over those k values of H.
// The noise is passed in, already scaled, so a run is reproducible.

import type { SelectSlots } from './perToken';
import { softmaxRowInto } from './scores';
import { gateWeights } from './tokenChoice';
import { sortSlotsByWeight, topkInto } from './topk';
import { checkFinite, checkLength } from './validate';

export function noisyTopkSlots(
  logits: Float32Array,
  noise: Float32Array | undefined,
  T: number,
  E: number,
  k: number,
  probs: Float32Array,
): { experts: Int32Array; weights: Float32Array } {
  const experts = new Int32Array(T * k);
  const weights = new Float32Array(T * k);
  const chosen = new Float64Array(k);
  const noisy = new Float64Array(E);
  const row = new Float64Array(E);
  for (let t = 0; t < T; t++) {
    const base = t * E;
    softmaxRowInto(logits, base, E, probs, row); // probs are of the clean logits
    for (let e = 0; e < E; e++) noisy[e] = logits[base + e] + (noise ? noise[base + e] : 0);
    topkInto(noisy, 0, E, k, experts, t * k, chosen);
    gateWeights(chosen, k, 'topk-softmax', 0, weights, t * k);
    sortSlotsByWeight(experts, weights, t * k, k);
  }
  return { experts, weights };
}

export const noisyTopkSelect: SelectSlots = (logits, T, E, spec, probs) => {
  checkLength(spec.noise, 'noise', T * E, 'T*E');
  if (spec.noise) checkFinite(spec.noise, 'noise', E);
  return noisyTopkSlots(logits, spec.noise, T, E, spec.k, probs);
};
