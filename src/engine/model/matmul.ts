// A 2-D matmul whose backward pass multiplies by explicitly transposed operands. tfjs-wasm
// runs a plain [n, m]·[m, p] on XNNPACK but a transposed operand on a scalar loop (several
// times slower), and tf.matMul's own gradient asks for exactly those transposed products.

import { tf } from './tf';

type Save = (tensors: tf.Tensor[]) => void;

/** a [n, m] · b [m, p], with dA = dY·bᵀ and dB = aᵀ·dY computed from materialised transposes. */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...inputs) => {
    const [ai, bi] = inputs as [tf.Tensor2D, tf.Tensor2D];
    (inputs[2] as Save)([ai, bi]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [as, bs] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(bs)), tf.matMul(tf.transpose(as), dy as tf.Tensor2D)];
    };
    return { value: tf.matMul(ai, bi), gradFunc };
  });
  return op(a, b) as tf.Tensor2D;
}
