// Differentiable twins of route()'s gate weights and of the load-balance loss: the same
// formulas in tfjs, applied to the indices route() chose, so gradients reach the router.
// tests/engine/model/twins.test.ts holds each twin against route().

import type { Normalize, Routing, Scheme } from '../routing/types';
import { gatherRows } from './gather';
import { tf } from './tf';

export interface GateInputs {
  scheme: Scheme;
  normalize: Normalize;
  routedScale: number;
  /** [T, E] router logits (for noisy-topk, the clean ones) */
  logits: tf.Tensor2D;
  /** noisy-topk: [T, E] noise already scaled, as passed to route() */
  noise?: tf.Tensor2D;
}

/** Pick [T*k] entries of a [T, E] tensor at flat indices, with an exact inverse for the gradient. */
function pick(scores: tf.Tensor2D, flatChoice: tf.Tensor1D, choiceOfFlat: tf.Tensor2D, T: number, k: number): tf.Tensor2D {
  const [rows, cols] = scores.shape;
  const flat = tf.reshape(scores, [rows * cols, 1]) as tf.Tensor2D;
  return tf.reshape(gatherRows(flat, flatChoice, choiceOfFlat), [T, k]);
}

/**
 * Gate weights [T, k] of the chosen slots, before any drop, for the schemes where tokens choose.
 * flatChoice: [T*k] flat index t*E+e of each choice; choiceOfFlat: [T*E, 1] its inverse.
 */
export function gateWeights(g: GateInputs, flatChoice: tf.Tensor1D, choiceOfFlat: tf.Tensor2D, T: number, k: number): tf.Tensor2D {
  const chosen = (scores: tf.Tensor2D) => pick(scores, flatChoice, choiceOfFlat, T, k);
  switch (g.scheme) {
    case 'hash':
      return tf.fill([T, k], 1 / k) as tf.Tensor2D;
    case 'deepseek': {
      const s = chosen(tf.sigmoid(g.logits));
      return tf.mul(tf.div(s, tf.sum(s, 1, true)), g.routedScale);
    }
    case 'noisy-topk':
      return tf.softmax(chosen(g.noise ? tf.add(g.logits, g.noise) : g.logits));
    case 'token-choice':
      if (g.normalize === 'softmax-topk') return tf.exp(chosen(tf.logSoftmax(g.logits)));
      if (g.normalize === 'topk-softmax') return tf.softmax(chosen(g.logits));
      {
        const p = chosen(tf.softmax(g.logits));
        return tf.div(p, tf.sum(p, 1, true));
      }
    default:
      throw new RangeError(`${g.scheme} has no per-token gate weights`);
  }
}

/** Pᵢ of the load-balance loss as a tensor: mean router score per expert (deepseek: normalised sigmoid). */
export function meanScoresTensor(scheme: Scheme, logits: tf.Tensor2D): tf.Tensor1D {
  if (scheme === 'deepseek') {
    const s = tf.sigmoid(logits);
    return tf.mean(tf.div(s, tf.sum(s, 1, true)), 0);
  }
  return tf.mean(tf.softmax(logits), 0);
}

/** E·Σᵢ fᵢ·Pᵢ with f from route() (a constant: counts have no gradient), P from the logits. */
export function balanceLossTensor(r: Routing, logits: tf.Tensor2D): tf.Scalar {
  const f = Float32Array.from(r.load, (l) => l / (r.T * r.k));
  return tf.mul(tf.sum(tf.mul(meanScoresTensor(r.scheme, logits), f)), r.E);
}

/** Router z-loss: mean over tokens of logsumexp². */
export function zLossTensor(logits: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.square(tf.logSumExp(logits, 1)));
}
