// Megatron-LM's Sinkhorn router (moe_router_load_balancing_type='sinkhorn', S-BASE; the functions
// sinkhorn and TopKRouter.sinkhorn_load_balancing in megatron/core/transformer/moe). In training
// each token takes the k largest entries of its row of the Sinkhorn-balanced scores, which push
// every expert towards an equal share of the batch; at inference, the k largest plain scores.
// The weights are the plain scores either way: the sigmoid of the chosen logit for k = 1, its
// softmax over all E, not renormalised, for k > 1.

import type { RouterOptions } from './contract';
import type { SelectSlots } from './perToken';
import { exp } from './exp';
import { sigmoid, softmaxRowInto } from './scores';
import { sortSlotsByWeight, topkInto } from './topk';

/** Megatron's tolerance on the mean change of the expert scaling between passes. */
export const SINKHORN_TOLERANCE = 1e-4;
/**
 * At most this many passes. Megatron loops until the tolerance is met, which skewed logits can
 * take 10⁵ passes to do; a step must end, so the loop stops here and says it did not converge.
 * Its tolerance is absolute on the expert scaling, which grows large for unpopular experts: at
 * T = 16,384, E = 256 with a strongly skewed popularity the choices balance as well after 10
 * passes as at this cap (bench/balancedRouting.ts measures both), and a one-off run of 1,000
 * passes (13 s) had still not met the tolerance.
 */
export const SINKHORN_MAX_PASSES = 100;
const EPS = 1e-8;

export interface SinkhornScores {
  /** [T*E] d1[e]·exp(z[t,e])·d0[t]: each row near 1/T in sum, each column near 1/E */
  balanced: Float64Array;
  passes: number;
  converged: boolean;
}

/**
 * Megatron's sinkhorn(): cost = exp(z); d0 = d1 = 1; repeat { d0 = 1/T / (Σₑ d1·cost + ε);
 * d1 = 1/E / (Σₜ d0·cost + ε) } while mean|d1 − d1_old| > tol. Each row's maximum is taken off
 * the logits before exp, which d0 absorbs exactly, so the result is the same without overflow.
 */
export function sinkhornScores(logits: Float32Array, T: number, E: number, maxPasses = SINKHORN_MAX_PASSES): SinkhornScores {
  const cost = new Float64Array(T * E);
  for (let t = 0, base = 0; t < T; t++, base += E) {
    let max = -Infinity;
    for (let e = 0; e < E; e++) if (logits[base + e] > max) max = logits[base + e];
    for (let e = 0; e < E; e++) cost[base + e] = exp(logits[base + e] - max);
  }
  const d0 = new Float64Array(T);
  const d1 = new Float64Array(E).fill(1);
  const colSum = new Float64Array(E);
  let passes = 0;
  let error = Infinity;
  while (error > SINKHORN_TOLERANCE && passes < maxPasses) {
    colSum.fill(0);
    for (let t = 0, base = 0; t < T; t++, base += E) {
      let rowSum = 0;
      for (let e = 0; e < E; e++) rowSum += d1[e] * cost[base + e];
      const r = 1 / T / (rowSum + EPS);
      d0[t] = r;
      // the column sums of the next half-pass, gathered while the row is at hand
      for (let e = 0; e < E; e++) colSum[e] += r * cost[base + e];
    }
    error = 0;
    for (let e = 0; e < E; e++) {
      const next = 1 / E / (colSum[e] + EPS);
      error += Math.abs(next - d1[e]);
      d1[e] = next;
    }
    error /= E;
    passes++;
  }
  const balanced = cost;
  for (let t = 0, base = 0; t < T; t++, base += E) {
    for (let e = 0; e < E; e++) balanced[base + e] = d1[e] * cost[base + e] * d0[t];
  }
  return { balanced, passes, converged: error <= SINKHORN_TOLERANCE };
}

export const sinkhornSelect: SelectSlots = (logits, T, E, spec: RouterOptions, probs) => {
  const { k } = spec;
  const mode = spec.mode ?? 'train';
  const experts = new Int32Array(T * k);
  const weights = new Float32Array(T * k);
  const scratch = new Float64Array(k);
  const row = new Float64Array(E);
  const sinkhorn = mode === 'train' ? sinkhornScores(logits, T, E) : undefined;
  for (let t = 0, base = 0; t < T; t++, base += E) {
    softmaxRowInto(logits, base, E, probs, row);
    const off = t * k;
    // the plain scores rank as the logits do, so inference ranks the logits
    if (sinkhorn) topkInto(sinkhorn.balanced, base, E, k, experts, off, scratch);
    else topkInto(logits, base, E, k, experts, off, scratch);
    for (let j = 0; j < k; j++) {
      const e = experts[off + j];
      weights[off + j] = k === 1 ? sigmoid(logits[base + e]) : probs[base + e];
    }
    sortSlotsByWeight(experts, weights, off, k);
  }
  if (!sinkhorn) return { experts, weights };
  return {
    experts,
    weights,
    balanced: Float32Array.from(sinkhorn.balanced),
    sinkhorn: { passes: sinkhorn.passes, converged: sinkhorn.converged },
  };
};
