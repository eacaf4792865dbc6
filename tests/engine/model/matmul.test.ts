// @vitest-environment node
// The fused dense layer: value and gradients against tfjs's own ops and autodiff, on cpu and
// on wasm (where the backward pass takes its explicitly transposed products).

import { afterAll, describe, expect, it } from 'vitest';
import { ensureBackend } from '../../../src/engine/model/backend';
import { linear, type Activation } from '../../../src/engine/model/matmul';
import { tf } from '../../../src/engine/model/tf';

afterAll(async () => {
  await tf.setBackend('cpu');
});

const reference: Record<Activation, (z: tf.Tensor) => tf.Tensor> = {
  linear: (z) => z,
  relu: (z) => tf.relu(z),
  tanh: (z) => tf.tanh(z),
};

describe.each(['cpu', 'wasm'])('linear on %s', (backend) => {
  it.each(['linear', 'relu', 'tanh'] as const)('%s: the value and all three gradients of tfjs ops', async (activation) => {
    await ensureBackend(backend);
    const [n, m, p] = [7, 5, 3];
    const values = (count: number, seed: number) => Float32Array.from({ length: count }, (_, i) => Math.sin(seed + i * 1.7) * 1.3);
    const a = tf.tensor2d(values(n * m, 1), [n, m]);
    const w = tf.tensor2d(values(m * p, 2), [m, p]);
    const b = tf.tensor1d(values(p, 3));
    const probe = tf.tensor2d(values(n * p, 4), [n, p]); // weights the outputs so every gradient entry differs
    const loss = (f: (a: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) =>
      tf.sum(tf.mul(f(x as tf.Tensor2D, y as tf.Tensor2D, z as tf.Tensor1D), probe));
    const ours = tf.grads(loss((x, y, z) => linear(x, y, { bias: z, activation })))([a, w, b]);
    const theirs = tf.grads(loss((x, y, z) => reference[activation](tf.add(tf.matMul(x, y), z))))([a, w, b]);
    const got = linear(a, w, { bias: b, activation }).dataSync();
    const want = reference[activation](tf.add(tf.matMul(a, w), b)).dataSync();
    for (let j = 0; j < want.length; j++) expect(got[j], `value [${j}]`).toBeCloseTo(want[j], 5);
    for (let i = 0; i < 3; i++) {
      const [x, y] = [ours[i].dataSync(), theirs[i].dataSync()];
      expect(x.length).toBe(y.length);
      for (let j = 0; j < x.length; j++) expect(x[j], `input ${i} [${j}]`).toBeCloseTo(y[j], 5);
    }
    // without a bias: two gradients
    expect(tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(linear(x as tf.Tensor2D, y as tf.Tensor2D)))([a, w])).toHaveLength(2);
    // a constant input (data): the same weight and bias gradients, none for the input
    const fixed = tf.grads((y: tf.Tensor, z: tf.Tensor) =>
      tf.sum(tf.mul(linear(a, y as tf.Tensor2D, { bias: z as tf.Tensor1D, activation, constantInput: true }), probe)),
    )([w, b]);
    for (let i = 1; i < 3; i++) {
      const [x, y] = [fixed[i - 1].dataSync(), theirs[i].dataSync()];
      for (let j = 0; j < x.length; j++) expect(x[j], `input ${i} [${j}]`).toBeCloseTo(y[j], 5);
    }
  });
});
