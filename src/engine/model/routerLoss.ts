// The router's auxiliary losses as tensors whose values and gradients are computed in
// JavaScript from the logits already read back (jsLoss.ts): the load-balance loss (E·Σ fᵢ·Pᵢ)
// and the z-loss, one pass over the scores for both plus the router entropy, and the fused
// α·balance + β·z (+ α₂·device) the trainer adds to its loss; the balance loss of the variant
// asked for (balanceVariants.ts: the micro-batch, each sequence, or the global window).
// tests/engine/model/twins.test.ts holds each against its formula in tfjs ops.

import { balancePass, balanceRows, deviceRows, hasDeviceLoss, type BalanceRows, type BalanceVariant } from './balanceVariants';
import { sigmoidScores } from './lossValues';
import { exp } from '../routing/exp';
import type { Routing } from '../routing/types';
import { lossFromJs, lossValue } from './jsLoss';
import { tf } from './tf';

/**
 * E·Σᵢ fᵢ·Pᵢ with f from route() (a constant: counts have no gradient), P the mean router score
 * (route()'s probs: softmax, or sigmoid scores (DeepSeek-V3) normalised per token), over the
 * rows of a balance-loss variant (balanceVariants.ts; the micro-batch by default).
 * dL/dlogit[t, j] = (E/T)·(fⱼ − Σᵢ fᵢ·qᵢ)·∂ through the score: softmax pⱼ, or sⱼ(1 − sⱼ)/Σs.
 */
export function balanceLossTensor(r: Routing, logits: tf.Tensor2D, rows: BalanceRows = balanceRows(r)): tf.Scalar {
  const grad = new Float32Array(r.T * r.E);
  return lossFromJs(logits, balancePass(r, rows, grad), grad);
}

/**
 * Router z-loss: mean over tokens of logsumexp², with dL/dlogit[t, j] = (2/T)·lseₜ·softmaxₜⱼ.
 * `values` are the logits as read back (read here when not given); `softmax`, when given, is
 * their softmax (route()'s probs where they are softmax scores), which saves T·E exponentials.
 */
export function zLossTensor(logits: tf.Tensor2D, values?: Float32Array, softmax?: Float32Array): tf.Scalar {
  const [T, E] = logits.shape;
  const x = values ?? (logits.dataSync() as Float32Array);
  const grad = new Float32Array(T * E);
  let total = 0;
  if (softmax) {
    for (let t = 0; t < T; t++) {
      const o = t * E;
      let best = o;
      for (let e = o + 1; e < o + E; e++) if (softmax[e] > softmax[best]) best = e;
      // log Σ exp = xₑ − log pₑ for any e; the largest p is the most precise
      const lse = x[best] - Math.log(softmax[best]);
      total += lse * lse;
      const scale = (2 / T) * lse;
      for (let e = o; e < o + E; e++) grad[e] = scale * softmax[e];
    }
    return lossFromJs(logits, total / T, grad);
  }
  for (let t = 0; t < T; t++) {
    const o = t * E;
    let max = -Infinity;
    for (let e = 0; e < E; e++) if (x[o + e] > max) max = x[o + e];
    let sum = 0;
    for (let e = 0; e < E; e++) {
      const v = exp(x[o + e] - max);
      grad[o + e] = v;
      sum += v;
    }
    const lse = max + Math.log(sum);
    total += lse * lse;
    const scale = (2 / T) * (lse / sum);
    for (let e = 0; e < E; e++) grad[o + e] *= scale;
  }
  return lossFromJs(logits, total / T, grad);
}

export interface RouterLosses {
  /** null where the balance loss is not defined (or not wanted) */
  balance: tf.Scalar | null;
  z: tf.Scalar;
  /**
   * the same values as numbers, and the mean router entropy of the softmax scores
   * (metrics.ts softmaxEntropy, bit for bit); NaN where not computed (sigmoid scores' entropy,
   * a balance loss not asked for)
   */
  values: { balance: number; z: number; entropy: number };
}

/**
 * Reusable [T·E] gradient buffers. Only for a backend that copies a typed array when it makes a
 * tensor (wasm): there, writing into last step's buffers costs nothing, where fresh ones cost a
 * page fault per 4 KiB on first write (about 0.2 ms per [1024, 64] buffer in Chromium).
 */
export interface LossScratch {
  z?: Float32Array;
  balance?: Float32Array;
}

const scratchOf = (scratch: LossScratch | undefined, key: keyof LossScratch, n: number): Float32Array => {
  if (!scratch) return new Float32Array(n);
  const buf = scratch[key]?.length === n ? scratch[key] : new Float32Array(n);
  scratch[key] = buf;
  return buf;
};

/**
 * The layer's two auxiliary losses, as balanceLossTensor and zLossTensor make them, with the
 * same values and gradients bit for bit, plus the router entropy; where the scores are the
 * softmax of the logits (all but sigmoid scores) all three come from one pass over the
 * [T, E] scores, which otherwise go by four times (twice for each loss) and once more in the
 * per-step metrics.
 */
export function routerLosses(
  r: Routing,
  logits: tf.Tensor2D,
  values: Float32Array,
  withBalance: boolean,
  scratch?: LossScratch,
  variant?: BalanceVariant,
): RouterLosses {
  const rows = withBalance ? balanceRows(r, variant) : null;
  if (sigmoidScores(r)) {
    const balance = rows ? balanceLossTensor(r, logits, rows) : null;
    const z = zLossTensor(logits, values);
    return { balance, z, values: { balance: balance ? lossValue(balance)! : NaN, z: lossValue(z)!, entropy: NaN } };
  }
  const { T, E } = r;
  // every entry of both is written by the pass
  const zGrad = scratchOf(scratch, 'z', T * E);
  const bGrad = withBalance ? scratchOf(scratch, 'balance', T * E) : null;
  const v = softmaxLossPass(r, values, rows, { zGrad, bGrad });
  return {
    balance: bGrad ? lossFromJs(logits, v.balance, bGrad) : null,
    z: lossFromJs(logits, v.z, zGrad),
    values: { balance: bGrad ? v.balance : NaN, z: v.z, entropy: v.entropy },
  };
}

export interface AuxCoefs {
  balance: number;
  z: number;
  /** α₂ of DeepSeek-V2's device-level balance loss (absent or 0: none) */
  device?: number;
}

/**
 * α·balance + β·z as one loss of the logits, for training: the values of routerLosses (bit for
 * bit), and one gradient buffer α·dB + β·dZ written in the same pass, so the backward pass
 * multiplies one [T, E] buffer instead of two and adds nothing. Null where both coefficients are
 * 0 (or no coefficients are given: a forward pass that trains nothing), with the values still.
 */
export function auxLoss(
  r: Routing,
  logits: tf.Tensor2D,
  values: Float32Array,
  withBalance: boolean,
  coefs: AuxCoefs | null,
  scratch?: LossScratch,
  variant?: BalanceVariant,
): { aux: tf.Scalar | null; values: RouterLosses['values'] } {
  const a = coefs && withBalance ? coefs.balance : 0;
  const b = coefs ? coefs.z : 0;
  const rows = withBalance ? balanceRows(r, variant) : null;
  // the device-level loss joins the training loss only; with α₂ = 0 nothing below changes
  const a2 = coefs?.device && rows && variant && hasDeviceLoss(r.E, variant.groups) ? coefs.device : 0;
  const devRows = a2 > 0 && rows && variant ? deviceRows(rows, r.E, variant.groups) : null;
  if (sigmoidScores(r)) {
    const l = routerLosses(r, logits, values, withBalance, undefined, variant);
    const terms = [...(a > 0 && l.balance ? [tf.mul(l.balance, a)] : []), ...(b > 0 ? [tf.mul(l.z, b)] : [])];
    if (devRows) terms.push(tf.mul(balanceLossTensor(r, logits, devRows), a2));
    return { aux: terms.length ? (tf.addN(terms) as tf.Scalar) : null, values: l.values };
  }
  const trains = a > 0 || b > 0 || a2 > 0;
  const grad = trains ? scratchOf(scratch, 'z', r.T * r.E) : null;
  const v = softmaxLossPass(r, values, rows, { aux: grad ? { grad, balance: a, z: b } : undefined });
  const device = devRows && grad ? a2 * balancePass(r, devRows, grad, a2) : 0;
  return {
    aux: grad ? lossFromJs(logits, devRows ? a * v.balance + b * v.z + device : a * v.balance + b * v.z, grad) : null,
    values: { balance: withBalance ? v.balance : NaN, z: v.z, entropy: v.entropy },
  };
}

interface PassOutputs {
  zGrad?: Float32Array;
  bGrad?: Float32Array | null;
  /** the weighted sum of both gradients, into one buffer; with none of the three, values only */
  aux?: { grad: Float32Array; balance: number; z: number };
}

/**
 * One walk over the softmax scores (route()'s probs) and the logits: the balance loss, the
 * z-loss and the mean entropy, and the gradients asked for. The sums go in the same order as
 * balanceLossTensor, zLossTensor and metrics.ts softmaxEntropy, so the values are theirs bit
 * for bit.
 */
function softmaxLossPass(r: Routing, x: Float32Array, rows: BalanceRows | null, out: PassOutputs): { balance: number; z: number; entropy: number } {
  const { T, E, probs } = r;
  const c = E / T;
  const f = rows ? rows.f : new Float64Array(E);
  const rowLen = rows ? rows.rowLen : T;
  const { zGrad, bGrad, aux } = out;
  let zTotal = 0;
  let bTotal = 0;
  let hTotal = 0;
  for (let t = 0, o = 0; t < T; t++, o += E) {
    const fo = Math.floor(t / rowLen) * E;
    let best = o;
    let px = 0;
    let fq = 0;
    for (let e = 0; e < E; e++) {
      const p = probs[o + e];
      if (p > probs[best]) best = o + e;
      px += p * x[o + e];
      fq += f[fo + e] * p;
    }
    const lse = x[best] - Math.log(probs[best]);
    zTotal += lse * lse;
    hTotal += lse - px;
    bTotal += fq;
    const scale = (2 / T) * lse;
    if (aux) {
      // α·c·(fₑ − fq)·p + β·scale·p = p·(base + α·c·fₑ)
      const base = aux.z * scale - aux.balance * c * fq;
      const ac = aux.balance * c;
      for (let e = 0; e < E; e++) aux.grad[o + e] = probs[o + e] * (base + ac * f[fo + e]);
    } else if (zGrad && bGrad) {
      for (let e = 0; e < E; e++) {
        const p = probs[o + e];
        zGrad[o + e] = scale * p;
        bGrad[o + e] = c * (f[fo + e] - fq) * p;
      }
    } else if (zGrad) {
      for (let e = o; e < o + E; e++) zGrad[e] = scale * probs[e];
    }
  }
  return { balance: c * bTotal, z: zTotal / T, entropy: hTotal / T };
}
