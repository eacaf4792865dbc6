// The router's auxiliary losses and balance statistics as plain numbers from a Routing, in the
// normalisations docs/routing.md fixes: what the metrics show, and the reference the training
// versions are tested against. The same losses as tfjs scalars with their gradients, for
// training, are routerLoss.ts; jsLoss.ts turns a value and gradient computed in JS into one.

import { logSumExp } from '../routing/scores';
import { traitsOf } from '../routing/traits';
import type { Routing } from '../routing/types';

/** Schemes that balance by construction (expert choice, Soft MoE) have no balance loss. */
export function balanceLossDefined(r: Routing): boolean {
  return traitsOf(r.scheme).balance !== 'by-construction';
}

/** Sigmoid scores (DeepSeek-V3) are normalised per token wherever a loss needs a distribution. */
export function sigmoidScores(r: Routing): boolean {
  return r.scoreFunction === 'sigmoid';
}

/**
 * Mean router score per expert, Pᵢ = mean over tokens of probs[:, i]. Sigmoid
 * scores are first normalised per token (DeepSeek-V3's sequence-wise balance loss).
 */
function meanScores(r: Routing): Float64Array {
  const { T, E, probs } = r;
  const P = new Float64Array(E);
  for (let t = 0; t < T; t++) {
    let norm = 1;
    if (sigmoidScores(r)) {
      norm = 0;
      for (let e = 0; e < E; e++) norm += probs[t * E + e];
    }
    for (let e = 0; e < E; e++) P[e] += probs[t * E + e] / norm;
  }
  for (let e = 0; e < E; e++) P[e] /= T;
  return P;
}

/**
 * Load-balance loss E·Σᵢ fᵢ·Pᵢ with fᵢ = loadᵢ/(T·k), load counted before dropping;
 * 1.0 when perfectly balanced (Megatron switch_load_balancing_loss_func).
 * NaN for expert-choice and soft, where it is not defined (the UI shows "n/a").
 */
export function loadBalanceLoss(r: Routing): number {
  if (!balanceLossDefined(r)) return NaN;
  const { T, E, k, load } = r;
  const P = meanScores(r);
  let sum = 0;
  for (let e = 0; e < E; e++) sum += (load[e] / (T * k)) * P[e];
  return E * sum;
}

/** The same loss as Hugging Face Mixtral's load_balancing_loss_func reports it: k times ours. */
export function loadBalanceLossHF(r: Routing): number {
  return r.k * loadBalanceLoss(r);
}

/** Router z-loss (ST-MoE): mean over tokens of (logsumexp of the token's logits)². */
export function zLoss(logits: Float32Array, T: number, E: number): number {
  if (logits.length !== T * E) throw new RangeError(`logits has length ${logits.length}, expected T*E = ${T * E}`);
  let sum = 0;
  for (let t = 0; t < T; t++) {
    const lse = logSumExp(logits, t * E, E);
    sum += lse * lse;
  }
  return sum / T;
}

/**
 * Aux-loss-free balancing (DeepSeek-V3; Megatron get_updated_expert_bias):
 * biasᵢ + γ·sign(mean(load) − loadᵢ), as a new array.
 */
export function updateBias(bias: Float32Array, load: ArrayLike<number>, gamma: number): Float32Array {
  if (bias.length !== load.length) {
    throw new RangeError(`bias has length ${bias.length} but load has ${load.length}`);
  }
  let mean = 0;
  for (let i = 0; i < load.length; i++) mean += load[i];
  mean /= load.length;
  const out = new Float32Array(bias.length);
  for (let i = 0; i < bias.length; i++) out[i] = bias[i] + gamma * Math.sign(mean - load[i]);
  return out;
}

/** CV² = population variance / mean², with tensor2tensor's epsilon so an all-zero vector gives 0. */
export function cvSquared(values: ArrayLike<number>): number {
  const n = values.length;
  if (n <= 1) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2;
  variance /= n;
  return variance / (mean * mean + 1e-10);
}

/** Shazeer 2017 importance: Σ over tokens of each expert's gate weight (before dropping). */
export function importance(r: Routing): Float64Array {
  const imp = new Float64Array(r.E);
  for (let i = 0; i < r.experts.length; i++) if (r.experts[i] >= 0) imp[r.experts[i]] += r.weights[i];
  return imp;
}

export function importanceCV2(r: Routing): number {
  return cvSquared(importance(r));
}

export function loadCV2(r: Routing): number {
  return cvSquared(r.load);
}

/** Mean Shannon entropy (nats) of the router's score distribution per token. */
export function routerEntropy(r: Routing): number {
  const { T, E, probs } = r;
  let total = 0;
  for (let t = 0; t < T; t++) {
    let norm = 0;
    for (let e = 0; e < E; e++) norm += probs[t * E + e];
    for (let e = 0; e < E; e++) {
      const p = probs[t * E + e] / norm;
      if (p > 0) total -= p * Math.log(p);
    }
  }
  return total / T;
}
