// The expert-merging layer (SMEAR, Lory): per group g of tokens (a sequence or a segment) one
// expert whose every weight is W_g = Σ_e p[g, e]·W_e, applied to the group's tokens as one
// batched matmul [G, groupLen, d] × [G, d, h]. The merge weights p are recomputed here in tfjs
// from the logits (the softmax of the source group's mean logits, as route() computed them), so
// the task loss trains the router through p and every expert through its share of each merge.

import type { Routing } from '../routing/types';
import type { RoutedExperts } from './experts';
import { tf } from './tf';

/** [G, E] the merge weights as a function of the logits; route()'s merge says which group gives each. */
export function mergeWeightsTensor(logits: tf.Tensor2D, r: Routing): tf.Tensor2D {
  const { T, E } = r;
  const { groupLen, from, weights } = r.merge!;
  const G = from.length;
  const padded = G * groupLen - T;
  const rows = padded > 0 ? tf.concat([logits, tf.zeros([padded, E])]) : logits;
  const counts = Float32Array.from({ length: G }, (_, g) => 1 / (Math.min(T, (g + 1) * groupLen) - g * groupLen));
  // the mean of each group's logits: the linear router of the group's mean representation
  const mean = tf.mul(tf.sum(tf.reshape(rows, [G, groupLen, E]), 1), tf.tensor2d(counts, [G, 1]));
  const own = tf.softmax(mean) as tf.Tensor2D;
  if (from.every((src, g) => src === g)) return own;
  // Lory: group g takes group g − 1's weights (a shift by one row: slice and concat, whose
  // gradients every backend has), or route()'s as constants where from = −1, so that no gradient
  // reaches the router there
  const constant = new Float32Array(G * E);
  const keep = new Float32Array(G);
  from.forEach((f, g) => {
    if (f < 0) constant.set(weights.subarray(g * E, (g + 1) * E), g * E);
    else if (f === g - 1) keep[g] = 1;
    else throw new RangeError(`group ${g} takes its merge weights from group ${f}: expected itself, the one before, or none`);
  });
  const previous = G > 1 ? tf.concat([tf.zeros([1, E]), tf.slice(own, [0, 0], [G - 1, E])]) : tf.zeros([1, E]);
  return tf.add(tf.mul(previous, tf.tensor2d(keep, [G, 1])), tf.tensor2d(constant, [G, E])) as tf.Tensor2D;
}

/** The merged layer's output [T, d]. Call inside tidy or a tape. */
export function mergedExperts(x: tf.Tensor2D, logits: tf.Tensor2D, r: Routing, experts: RoutedExperts): tf.Tensor2D {
  const [T, d] = x.shape;
  const { E } = r;
  const { groupLen, from } = r.merge!;
  const G = from.length;
  const h = experts.b1.shape[0] / E;
  const p = mergeWeightsTensor(logits, r);
  // W_g = Σ_e p[g, e]·W_e as p [G, E] × the weights flattened per expert [E, ·];
  // the experts' weights are stored grouped, w1 [d, E, h] and w2 [h, E, d] (experts.ts)
  const w1 = tf.reshape(tf.transpose(experts.w1, [1, 0, 2]), [E, d * h]) as tf.Tensor2D;
  const w2 = tf.reshape(tf.transpose(experts.w2, [1, 0, 2]), [E, h * d]) as tf.Tensor2D;
  const W1 = tf.reshape(tf.matMul(p, w1), [G, d, h]) as tf.Tensor3D;
  const B1 = tf.reshape(tf.matMul(p, tf.reshape(experts.b1, [E, h]) as tf.Tensor2D), [G, 1, h]);
  const W2 = tf.reshape(tf.matMul(p, w2), [G, h, d]) as tf.Tensor3D;
  const B2 = tf.reshape(tf.matMul(p, tf.reshape(experts.b2, [E, d]) as tf.Tensor2D), [G, 1, d]);
  const padded = G * groupLen - T;
  const rows = padded > 0 ? tf.concat([x, tf.zeros([padded, d])]) : x;
  const xg = tf.reshape(rows, [G, groupLen, d]) as tf.Tensor3D;
  const a = tf.relu(tf.add(tf.matMul(xg, W1), B1)) as tf.Tensor3D;
  const y = tf.reshape(tf.add(tf.matMul(a, W2), B2), [G * groupLen, d]) as tf.Tensor2D;
  return padded > 0 ? tf.slice(y, [0, 0], [T, d]) : y;
}
