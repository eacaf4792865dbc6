// @vitest-environment node
// The task loss computed in JavaScript (wasm and cpu) against the tfjs-op one (GPU backends):
// value, gradient, accuracy and predictions.

import { beforeAll, expect, it } from 'vitest';
import { taskLossFromValues } from '../../../src/engine/model/jsLoss';
import { taskLoss } from '../../../src/engine/model/network';
import { tf } from '../../../src/engine/model/tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it.each([
  [3, 'few classes, a tie'],
  [50, 'a vocabulary'],
])('%i classes (%s): the same loss, gradient, accuracy and argmax as the tfjs ops', (C) => {
  const T = 40;
  const values = Float32Array.from({ length: T * C }, (_, i) => Math.sin(i * 0.77) * 3);
  values[5 * C + 1] = values[5 * C] = 9; // a tie: the first index wins, as tf.argMax
  const labels = Int32Array.from({ length: T }, (_, t) => (t * 7) % C);
  labels[5] = 0;
  const x = tf.tensor2d(values, [T, C]);
  const ours = taskLossFromValues(x, values, labels);
  const theirs = taskLoss(x, labels);
  expect(ours.value).toBeCloseTo(theirs.loss.dataSync()[0], 5);
  expect(ours.loss.dataSync()[0]).toBeCloseTo(ours.value, 6);
  expect(ours.accuracy).toBeCloseTo(theirs.accuracy.dataSync()[0], 6);
  expect([...ours.predicted]).toEqual([...tf.argMax(x, 1).dataSync()]);
  expect(ours.predicted[5]).toBe(0);
  const g1 = tf.grad((l: tf.Tensor) => taskLossFromValues(l as tf.Tensor2D, values, labels).loss)(x).dataSync();
  const g2 = tf.grad((l: tf.Tensor) => taskLoss(l as tf.Tensor2D, labels).loss)(x).dataSync();
  for (let i = 0; i < g1.length; i++) expect(g1[i], `[${i}]`).toBeCloseTo(g2[i], 6);
  x.dispose();
});
