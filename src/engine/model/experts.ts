// Expert MLPs d→h→d. Routed experts run as one batched matmul over [E, slots, d] capacity
// slots (one op for all experts, not one per expert); shared experts are one wide MLP, since
// the sum of S MLPs equals one MLP with their hidden units side by side.

import { Initializer } from './init';
import { tf } from './tf';

export class RoutedExperts {
  readonly w1: tf.Variable; // [E, d, h]
  readonly b1: tf.Variable; // [E, 1, h]
  readonly w2: tf.Variable; // [E, h, d]
  readonly b2: tf.Variable; // [E, 1, d]

  constructor(init: Initializer, E: number, d: number, h: number) {
    this.w1 = init.he([E, d, h], d, 'experts.w1');
    this.b1 = init.constant([E, 1, h], 0, 'experts.b1');
    // small output weights: each expert starts close to zero, the block close to identity
    this.w2 = init.normal([E, h, d], 0.1 / Math.sqrt(h), 'experts.w2');
    this.b2 = init.constant([E, 1, d], 0, 'experts.b2');
  }

  /** x: [E, slots, d] → [E, slots, d] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    const a = tf.relu(tf.add(tf.matMul(x, this.w1 as tf.Tensor3D), this.b1));
    return tf.add(tf.matMul(a, this.w2 as tf.Tensor3D), this.b2);
  }

  get variables(): tf.Variable[] {
    return [this.w1, this.b1, this.w2, this.b2];
  }
}

export class SharedExperts {
  readonly w1: tf.Variable; // [d, S*h]
  readonly b1: tf.Variable;
  readonly w2: tf.Variable; // [S*h, d]
  readonly b2: tf.Variable;
  /** Qwen2-MoE's shared_expert_gate: σ(x·g) scales the shared output per token */
  readonly gate: tf.Variable | null;

  constructor(init: Initializer, S: number, d: number, h: number, gated: boolean) {
    this.w1 = init.he([d, S * h], d, 'shared.w1');
    this.b1 = init.constant([S * h], 0, 'shared.b1');
    this.w2 = init.normal([S * h, d], 0.1 / Math.sqrt(h), 'shared.w2');
    this.b2 = init.constant([d], 0, 'shared.b2');
    this.gate = gated ? init.normal([d, 1], 0.02, 'shared.gate') : null;
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const a = tf.relu(tf.add(tf.matMul(x, this.w1 as tf.Tensor2D), this.b1));
    const out = tf.add(tf.matMul(a, this.w2 as tf.Tensor2D), this.b2) as tf.Tensor2D;
    return this.gate ? tf.mul(out, tf.sigmoid(tf.matMul(x, this.gate as tf.Tensor2D))) : out;
  }

  get variables(): tf.Variable[] {
    return [this.w1, this.b1, this.w2, this.b2, ...(this.gate ? [this.gate] : [])];
  }
}
