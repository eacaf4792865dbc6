// The router network: how a token's [E] logits are made from its [d] hidden vector, before route()
// makes any choice. Two kinds behind one interface (config.ts RouterKind):
//   linear     x·W, W [d, E]: every router until Yuan 2.0-M32. Its weight keeps the name 'router'
//              and its init, so runs without the attention router start and train bit for bit
//              as before it existed.
//   attention  Yuan 2.0-M32's attention router (Wu et al. 2024, arXiv 2405.17976): one bias-free
//              map x·W, W [d, 3E], cut into q, k, v of length E each; the token's [E, E] matrix
//              softmax(q kᵀ) over its last axis mixes v into the logits, logits = softmax(q kᵀ)·v.
//              Each expert's logit so depends on the others' (the paper's "correlation between
//              experts"). Unscaled, as the released per-token code has it (IEIT-Yuan/Yuan2.0-M32,
//              class ParallelAttention_router in the HF and vLLM ports, commit a2fd9f1: q kᵀ
//              then softmax, no 1/√E). Its Megatron training code (megatron/core/transformer/moe/
//              router.py, commit 10f9863) instead runs the same q, k, v through Megatron's core
//              attention with the sequence positions as the head's features, scaled by
//              1/√(L/heads), so there a token's logits depend on its whole sequence; the lab keeps
//              the per-token form, which keeps routing causal and every other view unchanged.

import type { RouterKind } from '../config';
import type { Initializer } from './init';
import { matMul2d } from './matmul';
import { tf } from './tf';

export interface RouterNet {
  readonly kind: RouterKind;
  /** the router's trained weights, in the order the optimiser keeps them */
  readonly variables: tf.Variable[];
  /** [T, d] → [T, E] logits; call inside tidy or a tape */
  logits(x: tf.Tensor2D): tf.Tensor2D;
}

export class LinearRouter implements RouterNet {
  readonly kind = 'linear';
  readonly weight: tf.Variable; // [d, E]
  constructor(init: Initializer, d: number, E: number) {
    this.weight = init.normal([d, E], 1 / Math.sqrt(d), 'router', 'last-axis');
  }
  get variables(): tf.Variable[] {
    return [this.weight];
  }
  logits(x: tf.Tensor2D): tf.Tensor2D {
    return matMul2d(x, this.weight as tf.Tensor2D);
  }
}

export class AttentionRouter implements RouterNet {
  readonly kind = 'attention';
  readonly weight: tf.Variable; // [d, 3E]: q | k | v
  constructor(
    init: Initializer,
    d: number,
    readonly E: number,
  ) {
    // the same scale as the linear router's, so q, k and v start as large as its logits
    this.weight = init.normal([d, 3 * E], 1 / Math.sqrt(d), 'router.attention');
  }
  get variables(): tf.Variable[] {
    return [this.weight];
  }
  logits(x: tf.Tensor2D): tf.Tensor2D {
    const [T] = x.shape;
    const E = this.E;
    const qkv = matMul2d(x, this.weight as tf.Tensor2D); // [T, 3E]
    const [q, k, v] = tf.split(qkv, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    // scores[t, i, j] = q[t, i]·k[t, j]: an outer product per token, by broadcasting
    const scores = tf.mul(tf.reshape(q, [T, E, 1]), tf.reshape(k, [T, 1, E]));
    const attention = tf.softmax(scores); // over j, the last axis
    // logits[t, i] = Σ_j attention[t, i, j]·v[t, j]
    return tf.sum(tf.mul(attention, tf.reshape(v, [T, 1, E])), 2) as tf.Tensor2D;
  }
}

export function makeRouter(kind: RouterKind, init: Initializer, d: number, E: number): RouterNet {
  return kind === 'attention' ? new AttentionRouter(init, d, E) : new LinearRouter(init, d, E);
}
