// @vitest-environment node
// The router networks (model/router.ts): the attention router's logits against a direct
// computation in JavaScript, its weight's gradient against central finite differences, and the
// linear router keeping its weight's name and numbers (so default runs stay bit-identical).

import { beforeAll, describe, expect, it } from 'vitest';
import { Initializer } from '../../../src/engine/model/init';
import { AttentionRouter, LinearRouter, makeRouter } from '../../../src/engine/model/router';
import { tf } from '../../../src/engine/model/tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 3;
const E = 4;
const d = 5;
const xs = Float32Array.from({ length: T * d }, (_, i) => Math.sin(1.3 * i + 0.2));

/** logits[t, i] = Σ_j softmax_j(q[t,i]·k[t,j]) · v[t,j], with [q | k | v] = x·W, in float64 */
function direct(x: ArrayLike<number>, W: ArrayLike<number>): Float64Array {
  const out = new Float64Array(T * E);
  for (let t = 0; t < T; t++) {
    const qkv = new Float64Array(3 * E);
    for (let c = 0; c < 3 * E; c++) for (let m = 0; m < d; m++) qkv[c] += x[t * d + m] * W[m * 3 * E + c];
    for (let i = 0; i < E; i++) {
      const s = Array.from({ length: E }, (_, j) => qkv[i] * qkv[E + j]);
      const max = Math.max(...s);
      const e = s.map((v) => Math.exp(v - max));
      const z = e.reduce((a, b) => a + b, 0);
      for (let j = 0; j < E; j++) out[t * E + i] += (e[j] / z) * qkv[2 * E + j];
    }
  }
  return out;
}

describe('attention router', () => {
  it('computes softmax(q kᵀ)·v per token, unscaled, as a direct computation does', () => {
    const r = new AttentionRouter(new Initializer(3), d, E);
    expect(r.weight.shape).toEqual([d, 3 * E]);
    const W = r.weight.dataSync();
    const got = tf.tidy(() => r.logits(tf.tensor2d(xs, [T, d])).dataSync());
    const want = direct(xs, W);
    for (let i = 0; i < T * E; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    r.weight.dispose();
  });

  it('hand-checked: one token whose q, k, v are picked by W', () => {
    // d = 1, E = 2, x = 1: q = (1, 0), k = (0, ln 3), v = (2, 4).
    // row 0: softmax(1·0, 1·ln 3) = (1/4, 3/4) → 2/4 + 12/4 = 3.5
    // row 1: softmax(0, 0) = (1/2, 1/2) → 3
    const r = new AttentionRouter(new Initializer(1), 1, 2);
    r.weight.assign(tf.tensor2d([[1, 0, 0, Math.log(3), 2, 4]]));
    const got = tf.tidy(() => r.logits(tf.tensor2d([[1]])).dataSync());
    expect(got[0]).toBeCloseTo(3.5, 5);
    expect(got[1]).toBeCloseTo(3, 5);
    r.weight.dispose();
  });

  it("its weight's gradient matches central finite differences", () => {
    const r = new AttentionRouter(new Initializer(5), d, E);
    const target = Float64Array.from({ length: T * E }, (_, i) => Math.cos(0.7 * i));
    // loss = Σ logits·target, so the same loss in JS gives the differences
    const loss = (W: ArrayLike<number>) => direct(xs, W).reduce((a, v, i) => a + v * target[i], 0);
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(r.logits(tf.tensor2d(xs, [T, d])), tf.tensor2d(Float32Array.from(target), [T, E]))) as tf.Scalar,
      [r.weight],
    );
    const g = Object.values(grads)[0].dataSync();
    const W = Float64Array.from(r.weight.dataSync());
    const h = 1e-4;
    for (let i = 0; i < W.length; i++) {
      const up = Float64Array.from(W);
      const down = Float64Array.from(W);
      up[i] += h;
      down[i] -= h;
      const fd = (loss(up) - loss(down)) / (2 * h);
      expect(Math.abs(g[i] - fd), `W[${i}]: ${g[i]} vs ${fd}`).toBeLessThan(1e-2 * Math.max(1, Math.abs(fd)));
    }
    tf.dispose(Object.values(grads));
    r.weight.dispose();
  });
});

describe('linear router', () => {
  it("keeps the weight named 'router' with the numbers it had before router kinds", () => {
    const r = makeRouter('linear', new Initializer(9), d, E) as LinearRouter;
    expect(r.weight.name).toMatch(/\/router$/);
    // the same draw as the layer made before: init.normal([d, E], 1/√d, 'router', 'last-axis')
    const before = new Initializer(9).normal([d, E], 1 / Math.sqrt(d), 'router', 'last-axis');
    expect(Array.from(r.weight.dataSync())).toEqual(Array.from(before.dataSync()));
    const got = tf.tidy(() => r.logits(tf.tensor2d(xs, [T, d])).dataSync());
    const want = tf.tidy(() => tf.matMul(tf.tensor2d(xs, [T, d]), before).dataSync());
    expect(Array.from(got)).toEqual(Array.from(want));
    r.weight.dispose();
    before.dispose();
  });
});
