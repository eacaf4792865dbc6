// The expert-merging layer (SMEAR, Lory): per group g of tokens (a sequence or a segment) one
// expert whose every weight is W_g = Σ_e p[g, e]·W_e, applied to the group's tokens the way the
// routed experts run on their slots (the G merged experts in their place). The merge weights p are recomputed here in tfjs
// from the logits (the softmax of the source group's mean logits, as route() computed them), so
// the task loss trains the router through p and every expert through its share of each merge.

import type { Routing } from '../routing/types';
import { groupedExpertMlp, type RoutedExperts } from './experts';
import { matMul2d } from './matmul';
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

/**
 * A bias for the fused convolution: flat, in data of its own. tfjs-wasm's reshape shares the
 * matmul's data, whose recorded shape is the batched [1, G, h], and FusedDepthwiseConv2D reads
 * the rank from there ("only supports rank-1 bias"); a multiply by 1 writes a rank-1 copy.
 */
const ownRank1 = (t: tf.Tensor2D) => tf.mul(tf.reshape(t, [t.size]), 1) as tf.Tensor1D;

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
  // the merged experts in the routed experts' grouped layout, w1 [d, G, h] and w2 [h, G, d], so
  // they run as the routed experts do (experts.ts): on wasm, BatchMatMul over G small batches
  // runs a scalar loop, where the grouped convolutions run on XNNPACK
  const W1 = tf.transpose(tf.reshape(matMul2d(p, w1), [G, d, h]), [1, 0, 2]) as tf.Tensor3D;
  const B1 = ownRank1(matMul2d(p, tf.reshape(experts.b1, [E, h]) as tf.Tensor2D));
  const W2 = tf.transpose(tf.reshape(matMul2d(p, w2), [G, h, d]), [1, 0, 2]) as tf.Tensor3D;
  const B2 = ownRank1(matMul2d(p, tf.reshape(experts.b2, [E, d]) as tf.Tensor2D));
  const padded = G * groupLen - T;
  const rows = padded > 0 ? tf.concat([x, tf.zeros([padded, d])]) : x;
  // slot-major: position s of group g at [s, g]
  const slots = tf.transpose(tf.reshape(rows, [G, groupLen, d]), [1, 0, 2]) as tf.Tensor3D;
  const out = groupedExpertMlp(slots, W1, B1, W2, B2); // [groupLen, G, d]
  const y = tf.reshape(tf.transpose(out, [1, 0, 2]), [G * groupLen, d]) as tf.Tensor2D;
  return padded > 0 ? tf.slice(y, [0, 0], [T, d]) : y;
}
