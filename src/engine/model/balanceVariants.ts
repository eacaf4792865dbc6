// The balance loss's variants, as Megatron-LM's moe_router_load_balancing_type names them
// (megatron/core/transformer/moe/router.py and moe_utils.py at commit
// d98e8a64ddf34856e74b24714e3bedb2f5a39553), and DeepSeek-V2's device-level balance loss
// (arXiv 2405.04434, §2.2.3). Every one is E·Σᵢ fᵢ·Pᵢ per "row" of tokens, with f a constant (counts
// have no gradient) and P the row's mean router score; they differ only in which counts make f
// and which tokens make a row:
//   aux    (aux_loss):        one row, the micro-batch; f from its counts (today's loss).
//   seq    (seq_aux_loss):    one row per sequence of L tokens, f and P from that sequence,
//                             the B losses averaged (DeepSeek-V2/V3's sequence-wise loss).
//   global (global_aux_loss): one row, the micro-batch's P, f from the counts of the last G steps.
//   device (DeepSeek-V2's L_DevBal): each expert's f replaced by the mean f of its group, the
//                             groups standing for devices (the rows of the chosen type).
// Since the rows are equal in size, (1/B)·Σ_b (E/L)·Σ_{t∈b} Σᵢ f⁽ᵇ⁾ᵢ·p_tᵢ = (E/T)·Σₜ Σᵢ f⁽ʳᵒʷ⁽ᵗ⁾⁾ᵢ·p_tᵢ:
// one walk over the tokens computes any of them, as routerLoss.ts's passes do with `BalanceRows`.

import type { BalanceType } from '../config';
import type { Routing } from '../routing/types';
import { sigmoidScores } from './lossValues';

/** The summed per-expert counts and the tokens of the global window's earlier steps. */
export interface WindowCounts {
  counts: Float64Array;
  tokens: number;
}

/** Which balance loss the layer computes, and what it needs beyond the routing. */
export interface BalanceVariant {
  type: BalanceType;
  /** tokens per sequence ('seq'); a length that does not divide T is read as one sequence */
  seqLen: number;
  /** 'global': the counts of the steps before this one in the window (none: this step alone) */
  window?: WindowCounts;
  /** expert groups standing for devices (the device-level loss); 1: no device loss */
  groups: number;
}

/** f per row of `rowLen` consecutive tokens: [rows*E], row r for tokens r·rowLen … (r+1)·rowLen − 1. */
export interface BalanceRows {
  f: Float64Array;
  rowLen: number;
}

/**
 * The f of a variant. 'aux' is fᵢ = loadᵢ/(T·k), the expression the loss always had (so its
 * values stay the same bit for bit); 'global' with no earlier steps computes the same numbers.
 */
export function balanceRows(r: Routing, v?: BalanceVariant): BalanceRows {
  const { T, E, k, load } = r;
  if (!v || v.type === 'aux') return { f: Float64Array.from(load, (l) => l / (T * k)), rowLen: T };
  if (v.type === 'global') {
    // Megatron accumulates the counts over one global batch's micro-batches and divides by
    // their number (global_tokens_per_expert / ga_steps, reset each global batch); the lab
    // takes one micro-batch a step, so it slides a window over the last G steps instead. The
    // counts over the window's tokens equal Megatron's mean counts over this batch's tokens
    // when every step has T tokens, and still sum to 1 when T changed within the window span.
    const w = v.window;
    const tokens = (w ? w.tokens : 0) + T;
    return { f: Float64Array.from(load, (l, e) => ((w ? w.counts[e] : 0) + l) / (tokens * k)), rowLen: T };
  }
  const L = v.seqLen >= 1 && T % v.seqLen === 0 ? v.seqLen : T;
  const f = new Float64Array((T / L) * E);
  // load counts every choice before dropping: so do these, sequence by sequence
  for (let i = 0; i < r.experts.length; i++) {
    const e = r.experts[i];
    if (e >= 0) f[Math.floor(Math.floor(i / k) / L) * E + e]++;
  }
  for (let j = 0; j < f.length; j++) f[j] /= L * k;
  return { f, rowLen: L };
}

/**
 * The device-level loss's f: each expert's replaced by the mean over its group (the groups are
 * E/groups consecutive experts, as DeepSeek's group-limited routing takes them). Then
 * E·Σⱼ f̄_g(j)·Pⱼ = E·Σ_g f̄_g·P'_g with P'_g = Σ_{j∈g} Pⱼ, which is DeepSeek-V2's
 * Σ_g f'_g·P'_g (their f'_g = (1/|g|)·Σ_{j∈g} (E/(k·T))·count_j = E·f̄_g in our normalisation),
 * and D·Σ_g F_g·P'_g with F_g = Σ_{j∈g} fⱼ the group's share of the choices: 1 when the devices
 * are balanced, as the expert-level loss is.
 */
export function deviceRows(rows: BalanceRows, E: number, groups: number): BalanceRows {
  const size = E / groups;
  const f = new Float64Array(rows.f.length);
  for (let o = 0; o < f.length; o += E) {
    for (let g = 0; g < groups; g++) {
      let sum = 0;
      for (let j = g * size; j < (g + 1) * size; j++) sum += rows.f[o + j];
      for (let j = g * size; j < (g + 1) * size; j++) f[o + j] = sum / size;
    }
  }
  return { f, rowLen: rows.rowLen };
}

/** Whether the device-level loss applies: groups that divide E, more than one. */
export function hasDeviceLoss(E: number, groups: number): boolean {
  return groups > 1 && E % groups === 0;
}

/**
 * (E/T)·Σₜ Σᵢ f⁽ʳᵒʷ⁾ᵢ·qₜᵢ with q the scores (sigmoid scores normalised per token), and, where
 * `grad` is given, `scale` times its gradient added into it: dL/dlogit[t, j] =
 * (E/T)·(fⱼ − Σᵢ fᵢ·qᵢ)·∂ through the score (softmax pⱼ, or sⱼ(1 − sⱼ)/Σs). The same arithmetic
 * as routerLoss.ts's balanceLossTensor.
 */
export function balancePass(r: Routing, rows: BalanceRows, grad: Float32Array | null, scale = 1): number {
  const { T, E, probs } = r;
  const { f, rowLen } = rows;
  const c = E / T;
  const sigmoid = sigmoidScores(r);
  let total = 0;
  for (let t = 0, o = 0; t < T; t++, o += E) {
    const fo = Math.floor(t / rowLen) * E;
    let fq = 0;
    if (sigmoid) {
      let norm = 0;
      for (let e = 0; e < E; e++) norm += probs[o + e];
      for (let e = 0; e < E; e++) fq += f[fo + e] * probs[o + e];
      fq /= norm;
      const cn = c / norm;
      if (grad) {
        for (let e = 0; e < E; e++) {
          const p = probs[o + e];
          grad[o + e] += scale * cn * (f[fo + e] - fq) * p * (1 - p);
        }
      }
    } else {
      for (let e = 0; e < E; e++) fq += f[fo + e] * probs[o + e];
      if (grad) for (let e = 0; e < E; e++) grad[o + e] += scale * c * (f[fo + e] - fq) * probs[o + e];
    }
    total += fq;
  }
  return c * total;
}

/**
 * The reference values, straight from the definitions (what the tests hold the passes to):
 * per row, E·Σᵢ fᵢ·Pᵢ with Pᵢ the row's mean (normalised) score, averaged over the rows.
 */
export function balanceLossOfRows(r: Routing, rows: BalanceRows): number {
  const { T, E, probs } = r;
  const n = T / rows.rowLen;
  let loss = 0;
  for (let row = 0; row < n; row++) {
    const P = new Float64Array(E);
    for (let t = row * rows.rowLen; t < (row + 1) * rows.rowLen; t++) {
      let norm = 1;
      if (sigmoidScores(r)) {
        norm = 0;
        for (let e = 0; e < E; e++) norm += probs[t * E + e];
      }
      for (let e = 0; e < E; e++) P[e] += probs[t * E + e] / norm / rows.rowLen;
    }
    let sum = 0;
    for (let e = 0; e < E; e++) sum += rows.f[row * E + e] * P[e];
    loss += E * sum;
  }
  return loss / n;
}
