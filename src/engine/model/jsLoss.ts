// Scalar losses whose value and gradient are computed in JavaScript from values already read
// back: dL/dx is a constant of the step, so the backward pass is one multiply. Cheaper than
// building the loss from tensor ops where reads are cheap (wasm, cpu): on tfjs-wasm the
// router's logSumExp alone took milliseconds as ops, and the task loss with its accuracy
// and predictions is some forty small kernels between forward and backward.

import { exp } from '../routing/exp';
import { tf } from './tf';

type Save = (tensors: tf.Tensor[]) => void;

/** the JS value of each loss made here, so the metrics need not read it back */
const jsValues = new WeakMap<tf.Tensor, number>();

/** The value a loss tensor from lossFromJs was computed with (no readback). */
export function lossValue(loss: tf.Scalar): number | undefined {
  return jsValues.get(loss);
}

/** A scalar of `x` with the given value and gradient dL/dx (same shape as x). */
export function lossFromJs(x: tf.Tensor, value: number, grad: Float32Array): tf.Scalar {
  const op = tf.customGrad((...inputs) => {
    const g = tf.tensor(grad, x.shape, 'float32');
    (inputs[1] as Save)([g]);
    return { value: tf.scalar(value), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0]) };
  });
  const loss = op(x) as tf.Scalar;
  jsValues.set(loss, value);
  return loss;
}

export interface TaskLossJs {
  loss: tf.Scalar;
  value: number;
  accuracy: number;
  /** [T] the predicted class: the first largest logit, as tf.argMax */
  predicted: Int32Array;
}

/**
 * Mean softmax cross-entropy of [T, C] class logits against integer labels, from their
 * values: lossₜ = logΣexp(zₜ) − zₜ,label, dL/dzₜc = (softmaxₜc − [c = label]) / T. The same
 * loss as network.ts taskLoss (tests hold them together), with the accuracy and the
 * predictions from the same pass.
 */
export function taskLossFromValues(logits: tf.Tensor2D, z: Float32Array, labels: Int32Array): TaskLossJs {
  const [T, C] = logits.shape;
  const grad = new Float32Array(T * C);
  const predicted = new Int32Array(T);
  let total = 0;
  let correct = 0;
  for (let t = 0, o = 0; t < T; t++, o += C) {
    let best = o;
    for (let c = o + 1; c < o + C; c++) if (z[c] > z[best]) best = c;
    const max = z[best];
    let sum = 0;
    for (let c = o; c < o + C; c++) sum += grad[c] = exp(z[c] - max);
    const label = labels[t];
    total += max + Math.log(sum) - z[o + label];
    const scale = 1 / (sum * T);
    for (let c = o; c < o + C; c++) grad[c] *= scale;
    grad[o + label] -= 1 / T;
    predicted[t] = best - o;
    if (best - o === label) correct++;
  }
  const value = total / T;
  return { loss: lossFromJs(logits, value, grad), value, accuracy: correct / T, predicted };
}
