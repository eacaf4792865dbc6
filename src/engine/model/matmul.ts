// Dense layers a·w (+ bias, then an activation) as one fused kernel with a hand-written
// gradient. tfjs-wasm runs a plain [n, m]·[m, p] on XNNPACK but a transposed operand on a
// scalar loop (several times slower), and tf.matMul's own gradient asks for exactly those
// transposed products: here the backward pass multiplies by materialised transposes instead.
// The bias rides in the matmul kernel (a broadcast Add of its own costs as much as the matmul
// at these sizes), and tanh is computed as 2σ(2z) − 1 there, since tfjs-wasm's Tanh is a
// scalar loop where its sigmoid is vectorised.

import { tf } from './tf';

type Save = (tensors: tf.Tensor[]) => void;
export type Activation = 'linear' | 'relu' | 'tanh';

export interface LinearOptions {
  bias?: tf.Tensor1D;
  activation?: Activation;
  /** the input is data (points, one-hot tokens): no gradient is computed for it */
  constantInput?: boolean;
}

/** a [n, m] · w [m, p] (+ bias [p]), then the activation; dA = dZ·wᵀ, dW = aᵀ·dZ, dBias = Σ dZ. */
export function linear(a: tf.Tensor2D, w: tf.Tensor2D, opts: LinearOptions = {}): tf.Tensor2D {
  const { bias, activation = 'linear', constantInput = false } = opts;
  const op = tf.customGrad((...inputs) => {
    // the tensors that get a gradient, then tfjs's save function
    const save = inputs[inputs.length - 1] as Save;
    const [ai, wi, bi] = constantInput
      ? [a, inputs[0] as tf.Tensor2D, bias ? (inputs[1] as tf.Tensor1D) : undefined]
      : [inputs[0] as tf.Tensor2D, inputs[1] as tf.Tensor2D, bias ? (inputs[2] as tf.Tensor1D) : undefined];
    let value: tf.Tensor2D;
    if (activation === 'tanh') {
      const s = tf.fused.matMul({ a: ai, b: tf.mul(wi, 2), bias: bi && tf.mul(bi, 2), activation: 'sigmoid' });
      value = tf.sub(tf.mul(s, 2), 1) as tf.Tensor2D;
    } else {
      value = tf.fused.matMul({ a: ai, b: wi, bias: bi, activation }) as tf.Tensor2D;
    }
    // saved, even when constant: the forward pass's scope disposes what is not saved
    save([ai, wi, value]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [as, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const dz: tf.Tensor2D =
        activation === 'tanh'
          ? tf.mul(dy, tf.sub(1, tf.square(ys)))
          : activation === 'relu'
            ? tf.mul(dy, tf.step(ys))
            : (dy as tf.Tensor2D);
      const dw = tf.matMul(tf.transpose(as), dz);
      const grads = constantInput ? [dw] : [tf.matMul(dz, tf.transpose(ws)), dw];
      return bi ? [...grads, tf.sum(dz, 0)] : grads;
    };
    return { value, gradFunc };
  });
  const trained = [...(constantInput ? [] : [a]), w, ...(bias ? [bias] : [])];
  return op(...trained) as tf.Tensor2D;
}

/** a [n, m] · b [m, p] with the gradient of `linear`. */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return linear(a, b);
}
