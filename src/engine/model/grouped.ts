// Grouped (per-expert) matmuls. y[s, e, :] = x[s, e, :] · w[e] for every slot s of every
// expert e. tfjs's BatchMatMul does this, but tfjs-wasm runs a batch > 1 on a scalar loop;
// a depthwise convolution computes the same sums on XNNPACK (expert = channel, the
// contracted dimension = the kernel's width), several times faster. The wasm backend has no
// depthwise-convolution gradient kernels, so the backward pass is two more depthwise
// convolutions, written out here.

import { tf } from './tf';

type Save = (tensors: tf.Tensor[]) => void;

/**
 * x: [S, E, a] (slot-major: slot s of expert e in row s·E + e), w: [a, E, b] → [S, E, b].
 * Every sum runs as a depthwise convolution with one channel per expert.
 */
export function groupedMatMulDw(x: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const op = tf.customGrad((...inputs) => {
    const [xi, wi] = inputs as [tf.Tensor3D, tf.Tensor3D];
    (inputs[2] as Save)([xi, wi]);
    const [S, E, a] = xi.shape;
    const b = wi.shape[2];
    // input [S, 1, a, E]: the contracted index is the width, experts are channels
    const value = tf.reshape(
      tf.depthwiseConv2d(tf.reshape(tf.transpose(xi, [0, 2, 1]), [S, 1, a, E]), tf.reshape(wi, [1, a, E, b]), 1, 'valid'),
      [S, E, b],
    ) as tf.Tensor3D;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor3D, tf.Tensor3D];
      // dx[s, e, i] = Σ_j dy[s, e, j] w[i, e, j]
      const dyT = tf.reshape(tf.transpose(dy, [0, 2, 1]), [S, 1, b, E]);
      const wT = tf.reshape(tf.transpose(ws, [2, 1, 0]), [1, b, E, a]);
      const dx = tf.reshape(tf.depthwiseConv2d(dyT, wT, 1, 'valid'), [S, E, a]);
      // dw[i, e, j] = Σ_s x[s, e, i] dy[s, e, j]: batch = i, width = s, filter = dy
      const xT = tf.reshape(tf.transpose(xs, [2, 0, 1]), [a, 1, S, E]);
      const dw = tf.reshape(tf.depthwiseConv2d(xT, tf.reshape(dy, [1, S, E, b]), 1, 'valid'), [a, E, b]);
      return [dx, dw];
    };
    return { value, gradFunc };
  });
  return op(x, w) as tf.Tensor3D;
}
