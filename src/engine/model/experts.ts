// Expert MLPs d→h→d. Routed experts run on a slot-major buffer [S, E, d] (slot s of expert e
// in row s·E + e) as grouped matmuls: one depthwise convolution per layer, with the expert as
// the channel and the contracted dimension as the kernel's width. On tfjs-wasm that runs on
// XNNPACK, where BatchMatMul with a batch > 1 runs a scalar loop (~18× slower per multiply-add)
// and E separate 2-D matmuls cost more in op overhead than they save. The wasm backend has no
// depthwise gradient kernels, so the backward pass is written out: three more depthwise
// convolutions per layer. On WebGL (and WebGPU) those convolutions, with a slots-wide kernel
// in the weight gradient, ran an order of magnitude slower than BatchMatMul, so there the
// experts stay one batched matmul. Shared experts are one wide MLP, since the sum of S MLPs equals one
// MLP with their hidden units side by side.

import { keepsTensorsInMemory } from './backend';
import { Initializer } from './init';
import { linear, matMul2d } from './matmul';
import { tf } from './tf';

type Save = (tensors: tf.Tensor[]) => void;

/** Draws an [E, a, b] weight as before (same numbers), stored as [a, E, b] for the convolutions. */
function expertMajorToGrouped(v: tf.Variable): tf.Variable {
  const name = v.name;
  const t = tf.transpose(v, [1, 0, 2]);
  v.dispose();
  const out = tf.variable(t, true, name);
  t.dispose();
  return out;
}

/** x: [S, a, E] as [S, 1, a, E]; w: [a, E, b] → [S, E, b] = Σᵢ x[s, i, e]·w[i, e, :] (+ bias, relu) */
function groupedConv(xT: tf.Tensor3D, w: tf.Tensor3D, bias?: tf.Tensor1D, relu = false): tf.Tensor3D {
  const [S, a, E] = xT.shape;
  const b = w.shape[2];
  const input = tf.reshape(xT, [S, 1, a, E]) as tf.Tensor4D;
  const filter = tf.reshape(w, [1, a, E, b]) as tf.Tensor4D;
  // the fused kernel itself: tf.fused.depthwiseConv2d does not fuse a relu under a gradient
  // tape, and expertMlp writes the gradient out anyway
  const out = bias
    ? (tf.engine().runKernel(
        'FusedDepthwiseConv2D',
        { x: input, filter, bias },
        { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1], activation: relu ? 'relu' : 'linear' },
      ) as tf.Tensor4D)
    : tf.depthwiseConv2d(input, filter, 1, 'valid');
  return tf.reshape(out, [S, E, b]);
}

/**
 * dW[i, e, j] = Σₛ x[s, e, i]·dy[s, e, j] as a depthwise convolution (the slots become the
 * kernel's width, dy the filter), and the bias gradient Σₛ dy[s, e, j]. (Folding the bias into
 * the convolution with a row of ones, or summing with a ones-row matmul, measured no faster.)
 */
function groupedWeightGrad(x: tf.Tensor3D, dy: tf.Tensor3D): [tf.Tensor3D, tf.Tensor1D] {
  const [S, E, a] = x.shape;
  const b = dy.shape[2];
  const input = tf.reshape(tf.transpose(x, [2, 0, 1]), [a, 1, S, E]) as tf.Tensor4D;
  const dw = tf.reshape(tf.depthwiseConv2d(input, tf.reshape(dy, [1, S, E, b]) as tf.Tensor4D, 1, 'valid'), [a, E, b]) as tf.Tensor3D;
  return [dw, tf.sum(tf.reshape(dy, [S, E * b]), 0)];
}

const slotsLast = (t: tf.Tensor3D) => tf.transpose(t, [0, 2, 1]) as tf.Tensor3D; // [S, E, a] → [S, a, E]
const flipGrouped = (w: tf.Tensor3D) => tf.transpose(w, [2, 1, 0]) as tf.Tensor3D; // [a, E, b] → [b, E, a]

/**
 * The expert MLP relu(x·w1 + b1)·w2 + b2 per expert, on a slot-major [S, E, d] buffer, with
 * its gradient. w1 [d, E, h], b1 [E·h], w2 [h, E, d], b2 [E·d].
 */
export function expertMlp(x: tf.Tensor3D, w1: tf.Tensor3D, b1: tf.Tensor1D, w2: tf.Tensor3D, b2: tf.Tensor1D): tf.Tensor3D {
  const op = tf.customGrad((...inputs) => {
    const [xi, w1i, b1i, w2i, b2i] = inputs as [tf.Tensor3D, tf.Tensor3D, tf.Tensor1D, tf.Tensor3D, tf.Tensor1D];
    const a = groupedConv(slotsLast(xi), w1i, b1i, true); // [S, E, h], after the relu
    const value = groupedConv(slotsLast(a), w2i, b2i); // [S, E, d]
    (inputs[5] as Save)([xi, w1i, w2i, a]);
    const gradFunc = (dyIn: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, w1s, w2s, as] = saved as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
      const dy = dyIn as tf.Tensor3D;
      const [dw2, db2] = groupedWeightGrad(as, dy);
      // relu'(pre) = 1 exactly where the output a is positive
      const dPre = tf.mul(groupedConv(slotsLast(dy), flipGrouped(w2s)), tf.step(as)) as tf.Tensor3D;
      const [dw1, db1] = groupedWeightGrad(xs, dPre);
      const dx = groupedConv(slotsLast(dPre), flipGrouped(w1s));
      return [dx, dw1, db1, dw2, db2];
    };
    return { value, gradFunc };
  });
  return op(x, w1, b1, w2, b2) as tf.Tensor3D;
}

/** The same MLP as one BatchMatMul per layer over [E, S, ·] (autodiff gradients). */
export function expertMlpBatched(x: tf.Tensor3D, w1: tf.Tensor3D, b1: tf.Tensor1D, w2: tf.Tensor3D, b2: tf.Tensor1D): tf.Tensor3D {
  const [, E, d] = x.shape;
  const h = w1.shape[2];
  const xe = tf.transpose(x, [1, 0, 2]) as tf.Tensor3D; // [E, S, d]
  const a = tf.relu(tf.add(tf.matMul(xe, tf.transpose(w1, [1, 0, 2]) as tf.Tensor3D), tf.reshape(b1, [E, 1, h]))) as tf.Tensor3D;
  const y = tf.add(tf.matMul(a, tf.transpose(w2, [1, 0, 2]) as tf.Tensor3D), tf.reshape(b2, [E, 1, d]));
  return tf.transpose(y, [1, 0, 2]) as tf.Tensor3D; // [S, E, d]
}

/**
 * Grouped expert MLPs on a slot-major [S, E, d] buffer, E being any set of expert weights in the
 * grouped layout (the routed experts, or expert merging's one merged expert per group):
 * depthwise convolutions where they measured faster (wasm, cpu), BatchMatMul on the GPU backends.
 */
export function groupedExpertMlp(x: tf.Tensor3D, w1: tf.Tensor3D, b1: tf.Tensor1D, w2: tf.Tensor3D, b2: tf.Tensor1D): tf.Tensor3D {
  const mlp = keepsTensorsInMemory(tf.getBackend()) ? expertMlp : expertMlpBatched;
  return mlp(x, w1, b1, w2, b2);
}

export class RoutedExperts {
  readonly w1: tf.Variable; // [d, E, h]
  readonly b1: tf.Variable; // [E·h]
  readonly w2: tf.Variable; // [h, E, d]
  readonly b2: tf.Variable; // [E·d]

  constructor(init: Initializer, E: number, d: number, h: number) {
    this.w1 = expertMajorToGrouped(init.he([E, d, h], d, 'experts.w1', 'first-axis'));
    this.b1 = init.constant([E * h], 0, 'experts.b1');
    // small output weights: each expert starts close to zero, the block close to identity
    this.w2 = expertMajorToGrouped(init.normal([E, h, d], 0.1 / Math.sqrt(h), 'experts.w2', 'first-axis'));
    this.b2 = init.constant([E * d], 0, 'experts.b2');
  }

  /** x: [S, E, d] slot-major (slot s of expert e at [s, e]) → [S, E, d] */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    return groupedExpertMlp(x, this.w1 as tf.Tensor3D, this.b1 as tf.Tensor1D, this.w2 as tf.Tensor3D, this.b2 as tf.Tensor1D);
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
    const a = linear(x, this.w1 as tf.Tensor2D, { bias: this.b1 as tf.Tensor1D, activation: 'relu' });
    const out = linear(a, this.w2 as tf.Tensor2D, { bias: this.b2 as tf.Tensor1D });
    return this.gate ? tf.mul(out, tf.sigmoid(matMul2d(x, this.gate as tf.Tensor2D))) : out;
  }

  get variables(): tf.Variable[] {
    return [this.w1, this.b1, this.w2, this.b2, ...(this.gate ? [this.gate] : [])];
  }
}
