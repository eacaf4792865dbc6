// Row gathers with hand-written gradients. tf.gather's own gradient needs UnsortedSegmentSum,
// which the wasm backend of tfjs 4.22 lacks; routing knows the inverse of every gather it makes,
// so the backward pass is a gather too, and trains on every backend.
// Rows are gathered with GatherNd (indices [M, 1]): tfjs-wasm copies each row as one slice,
// where GatherV2 computes every element's position separately (over 10× slower there).

import { tf } from './tf';

type Save = (tensors: tf.Tensor[]) => void;

/** [n] or [n, 1] int32 row indices → the [n, 1] GatherNd wants (a reshape, no copy) */
const asNd = (idx: tf.Tensor) => (idx.rank === 2 && idx.shape[1] === 1 ? idx : tf.reshape(idx, [idx.size, 1]));

/** out[m] = params[idx[m]]: a plain row gather, without a gradient of its own. */
function takeRows(params: tf.Tensor2D, idx: tf.Tensor): tf.Tensor2D {
  return tf.gatherND(params, asNd(idx)) as tf.Tensor2D;
}

/**
 * out[m] = params[idx[m]]. `inv` [N, r] lists, for each params row n, the out rows that read
 * it (padded with M, which reads as a zero row); rows that no one reads get zero gradient.
 * Out rows whose gradient is known to be zero (padding) may be left out of `inv`.
 */
export function gatherRows(params: tf.Tensor2D, idx: tf.Tensor1D | tf.Tensor2D, inv: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...inputs) => {
    // the index tensors must outlive the forward scope until the backward pass reads them
    (inputs[1] as Save)([inv]);
    const value = takeRows(inputs[0] as tf.Tensor2D, idx);
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => sumRows(dy as tf.Tensor2D, saved[0] as tf.Tensor2D) };
  });
  return op(params) as tf.Tensor2D;
}

/**
 * out[n] = Σᵢ values[inv[n, i]] (index M reads as zero): the adjoint of gatherRows.
 * `idx` [M] names the one out row each values row goes to, which is the backward gather.
 */
export function scatterRows(values: tf.Tensor2D, inv: tf.Tensor2D, idx: tf.Tensor1D | tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...inputs) => {
    (inputs[1] as Save)([idx]);
    const value = sumRows(inputs[0] as tf.Tensor2D, inv);
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => takeRows(dy as tf.Tensor2D, saved[0]) };
  });
  return op(values) as tf.Tensor2D;
}

function sumRows(rows: tf.Tensor2D, inv: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, r] = inv.shape;
    const width = rows.shape[1];
    const padded = tf.concat([rows, tf.zeros([1, width])], 0) as tf.Tensor2D;
    const picked = takeRows(padded, inv);
    return r === 1 ? picked : tf.sum(tf.reshape(picked, [n, r, width]), 1);
  });
}
