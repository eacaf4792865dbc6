// Token choice (Shazeer 2017, Switch, GShard, Mixtral): each token picks its k best experts.
// All three normalisations pick the same experts (softmax is monotonic); they differ in weights.

import { exp } from './exp';
import { softmaxRowInto } from './scores';
import { sortSlotsByWeight, topkInto } from './topk';
import type { SelectSlots } from './perToken';
import type { Normalize } from './contract';
import { checkNormalize } from './validate';

/**
 * Gate weights of the chosen slots from their scores (logits or noisy logits), chosen
 * largest first; `lse` is the log-partition of the full row (for softmax-topk).
 */
export function gateWeights(
  chosen: Float64Array,
  k: number,
  normalize: Normalize,
  lse: number,
  out: Float32Array,
  outOffset: number,
): void {
  if (normalize === 'softmax-topk') {
    // p = softmax over all E, not renormalised (Switch, Qwen2-MoE norm_topk_prob=False)
    for (let j = 0; j < k; j++) out[outOffset + j] = exp(chosen[j] - lse);
    return;
  }
  // topk-softmax: softmax over the k chosen; renorm: p_c / Σ p_chosen. Equal in exact
  // arithmetic; each is computed by its own formula so a twin can be held against it.
  const shift = normalize === 'topk-softmax' ? chosen[0] : lse;
  let sum = 0;
  for (let j = 0; j < k; j++) sum += exp(chosen[j] - shift);
  for (let j = 0; j < k; j++) out[outOffset + j] = exp(chosen[j] - shift) / sum;
}

export function tokenChoiceSlots(
  logits: Float32Array,
  T: number,
  E: number,
  k: number,
  normalize: Normalize,
  probs: Float32Array,
): { experts: Int32Array; weights: Float32Array } {
  const experts = new Int32Array(T * k);
  const weights = new Float32Array(T * k);
  const chosen = new Float64Array(k);
  const row = new Float64Array(E);
  for (let t = 0; t < T; t++) {
    const base = t * E;
    topkInto(logits, base, E, k, experts, t * k, chosen);
    // the first chosen logit is the row's maximum
    const lse = softmaxRowInto(logits, base, E, probs, row, chosen[0]);
    if (normalize === 'topk-softmax') {
      // gateWeights' exp(chosen[j] − chosen[0]) is row[expert]: the top logit is the row's max,
      // so the softmax already took the same exponentials (the same numbers, bit for bit)
      let sum = 0;
      for (let j = 0; j < k; j++) sum += row[experts[t * k + j]];
      for (let j = 0; j < k; j++) weights[t * k + j] = row[experts[t * k + j]] / sum;
    } else gateWeights(chosen, k, normalize, lse, weights, t * k);
    // distinct logits can round to equal float32 weights; the stored weights set the order
    sortSlotsByWeight(experts, weights, t * k, k);
  }
  return { experts, weights };
}

export const tokenChoiceSelect: SelectSlots = (logits, T, E, spec, probs) =>
  tokenChoiceSlots(logits, T, E, spec.k, checkNormalize(spec.normalize), probs);
