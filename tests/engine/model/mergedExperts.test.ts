// @vitest-environment node
// Expert merging (SMEAR, Lory): route()'s merge weights and the merged layer in tfjs against a
// direct computation in float64, and the layer's gradients against central finite differences.

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig } from '../../../src/engine/model';
import type { RoutedExperts } from '../../../src/engine/model/experts';
import { mergedExperts } from '../../../src/engine/model/mergedExperts';
import { tf } from '../../../src/engine/model/tf';
import { route, type RouterSpec } from '../../../src/engine/routing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const [T, E, d, h] = [4, 2, 3, 2];
// small fixed inputs: x [T, d], router [d, E], w1 [d, E, h], b1 [E·h], w2 [h, E, d], b2 [E·d]
const x = [0.5, -1, 0.25, 1, 0.5, -0.5, -0.75, 0.25, 1, 0.3, 0.8, -0.2];
const router = [0.9, -0.4, 0.2, 0.7, -0.6, 0.3];
const w1 = [0.4, -0.3, 0.8, 0.1, -0.5, 0.6, 0.2, 0.9, 0.7, -0.2, 0.3, -0.8];
const b1 = [0.1, -0.05, 0.2, 0.15];
const w2 = [0.3, -0.6, 0.5, 0.2, 0.4, -0.1, -0.7, 0.25, 0.6, 0.35, -0.45, 0.55];
const b2 = [0.05, -0.1, 0.02, 0.03, 0.07, -0.04];
const probe = [1, -2, 0.5, 0.3, 1.5, -1, -0.4, 0.8, 2, 1.1, -0.6, 0.9]; // the loss Σ probe·y

interface Params {
  router: number[];
  w1: number[];
}

function logitsOf(r: number[]): number[] {
  const out: number[] = [];
  for (let t = 0; t < T; t++) for (let e = 0; e < E; e++) out.push([0, 1, 2].reduce((s, i) => s + x[t * d + i] * r[i * E + e], 0));
  return out;
}

/** softmax over E of the mean logits of tokens [start, end) */
function groupSoftmax(logits: number[], start: number, end: number): number[] {
  const mean = [0, 1].map((e) => {
    let s = 0;
    for (let t = start; t < end; t++) s += logits[t * E + e];
    return s / (end - start);
  });
  const z = mean.map((m) => Math.exp(m - Math.max(...mean)));
  return z.map((v) => v / z.reduce((a, b) => a + b, 0));
}

/**
 * The merged layer written out: group g (tokens g·len …) merges W = Σ_e p[e]·W_e with p from
 * `source(g)` (a group index, or fixed weights where the gradient is stopped), then relu(x·W1 + b1)·W2 + b2.
 */
function direct(p: Params, len: number, source: (g: number, logits: number[]) => number[]): number[] {
  const logits = logitsOf(p.router);
  const y: number[] = [];
  for (let t = 0; t < T; t++) {
    const g = Math.floor(t / len);
    const w = source(g, logits);
    const a = [0, 1].map((j) => {
      let s = 0;
      for (let e = 0; e < E; e++) {
        s += w[e] * b1[e * h + j];
        for (let i = 0; i < d; i++) s += w[e] * x[t * d + i] * p.w1[(i * E + e) * h + j];
      }
      return Math.max(0, s);
    });
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let e = 0; e < E; e++) {
        s += w[e] * b2[e * d + i];
        for (let j = 0; j < h; j++) s += w[e] * a[j] * w2[(j * E + e) * d + i];
      }
      y.push(s);
    }
  }
  return y;
}

const group = (len: number) => (g: number, logits: number[]) => groupSoftmax(logits, g * len, Math.min(T, (g + 1) * len));

/** the layer in tfjs: its output and the gradients of Σ probe·y to the router and w1 */
function tfLayer(p: Params, spec: RouterSpec) {
  return tf.tidy(() => {
    const xt = tf.tensor2d(x, [T, d]);
    const experts = (w: tf.Tensor) =>
      ({ w1: w, b1: tf.tensor1d(b1), w2: tf.tensor3d(w2, [h, E, d]), b2: tf.tensor1d(b2) }) as unknown as RoutedExperts;
    const f = (r: tf.Tensor, w: tf.Tensor) => {
      const logits = tf.matMul(xt, r) as tf.Tensor2D;
      const routing = route(logits.dataSync() as Float32Array, T, E, spec);
      return mergedExperts(xt, logits, routing, experts(w));
    };
    const rt = tf.tensor2d(p.router, [d, E]);
    const wt = tf.tensor3d(p.w1, [d, E, h]);
    const y = f(rt, wt);
    const loss = (r: tf.Tensor, w: tf.Tensor) => tf.sum(tf.mul(f(r, w), tf.tensor2d(probe, [T, d]))) as tf.Scalar;
    const [dr, dw] = tf.grads(loss)([rt, wt]);
    return { y: Array.from(y.dataSync()), dRouter: Array.from(dr.dataSync()), dW1: Array.from(dw.dataSync()) };
  });
}

/** central differences of Σ probe·y in float64 along each entry of one parameter */
function finiteDiff(p: Params, which: keyof Params, f: (q: Params) => number[]): number[] {
  const eps = 1e-5;
  return p[which].map((_, i) => {
    const at = (delta: number) => {
      const q = { ...p, [which]: p[which].map((v, j) => (j === i ? v + delta : v)) };
      return f(q).reduce((s, v, n) => s + v * probe[n], 0);
    };
    return (at(eps) - at(-eps)) / (2 * eps);
  });
}

function expectClose(got: number[], want: number[], rel = 1e-2) {
  const scale = Math.max(1e-3, ...want.map(Math.abs));
  got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(rel * scale));
}

const base: Params = { router, w1 };

describe('SMEAR: one expert per sequence', () => {
  it('route(): each sequence’s weights are the softmax of its mean logits, every token’s combine row', () => {
    // T = 4, L = 2: sequences {0, 1} and {2, 3}
    const logits = Float32Array.from([1, 0, 3, 0, 0, 2, 0, 0]);
    const r = route(logits, 4, 2, { scheme: 'smear', k: 1, seqLen: 2 });
    // sequence 0: mean logits (2, 0) → softmax (e²/(e²+1), 1/(e²+1)) = (0.8808, 0.1192)
    expect(r.merge!.weights[0]).toBeCloseTo(0.880797, 5);
    expect(r.merge!.weights[1]).toBeCloseTo(0.119203, 5);
    // sequence 1: mean logits (0, 1) → (0.2689, 0.7311)
    expect(r.merge!.weights[3]).toBeCloseTo(0.731059, 5);
    expect(Array.from(r.combine.subarray(2, 4))).toEqual(Array.from(r.merge!.weights.subarray(0, 2)));
    expect(Array.from(r.merge!.from)).toEqual([0, 1]);
    // k = E, each token's slots by descending weight; nothing dropped, no capacity
    expect(r.k).toBe(2);
    expect(Array.from(r.experts.subarray(4, 6))).toEqual([1, 0]);
    expect(r.capacity).toBeNull();
  });

  it.each([2, 3])('the layer with L = %i matches the direct computation, and its gradients the finite differences', (L) => {
    const spec: RouterSpec = { scheme: 'smear', k: 1, seqLen: L };
    const got = tfLayer(base, spec);
    expectClose(got.y, direct(base, L, group(L)), 1e-4);
    const f = (q: Params) => direct(q, L, group(L));
    expectClose(got.dRouter, finiteDiff(base, 'router', f));
    expectClose(got.dW1, finiteDiff(base, 'w1', f));
  });
});

describe('Lory: one expert per segment, merged with the previous segment’s weights', () => {
  // T = 4, L = 4, S = 2: segment 1 uses segment 0's weights; segment 0 its own, gradient stopped
  const spec: RouterSpec = { scheme: 'lory', k: 1, seqLen: 4, segmentLen: 2 };

  it('route(): segment 1 takes segment 0’s weights; the first segment its own', () => {
    const logits = Float32Array.from([1, 0, 3, 0, 0, 2, 0, 0]);
    const r = route(logits, 4, 2, spec).merge!;
    // segment 0's mean logits (2, 0): both segments get (0.8808, 0.1192)
    expect(r.weights[0]).toBeCloseTo(0.880797, 5);
    expect(r.weights[2]).toBeCloseTo(0.880797, 5);
    expect(Array.from(r.from)).toEqual([-1, 0]);
  });

  it('causal: changing a segment’s tokens leaves its own weights as they were', () => {
    const logits = Float32Array.from([1, 0, 3, 0, 0, 2, 0, 0, 1, 1, -2, 4]);
    const spec6 = { scheme: 'lory', k: 1, seqLen: 6, segmentLen: 2 } as const;
    const before = route(logits, 6, 2, spec6).merge!.weights;
    const changed = Float32Array.from(logits, (v, i) => (i >= 4 ? v + 5 * (i % 3) - 3 : v)); // segments 1 and 2
    const after = route(changed, 6, 2, spec6).merge!.weights;
    expect(Array.from(after.subarray(2, 4))).toEqual(Array.from(before.subarray(2, 4)));
    // segment 2 follows segment 1, which changed
    expect(after[4]).not.toBeCloseTo(before[4], 3);
  });

  it('the layer matches the direct computation, and its gradients the finite differences (first segment stopped)', () => {
    const got = tfLayer(base, spec);
    const firstWeights = group(2)(0, logitsOf(router));
    expectClose(got.y, direct(base, 2, (g, logits) => group(2)(0, logits)), 1e-4);
    // the first segment's weights are constants to the gradient: hold them at the base point
    const f = (q: Params) => direct(q, 2, (g, logits) => (g === 0 ? firstWeights : group(2)(0, logits)));
    expectClose(got.dRouter, finiteDiff(base, 'router', f));
    expectClose(got.dW1, finiteDiff(base, 'w1', f));
    expect(got.dRouter.some((v) => Math.abs(v) > 1e-4)).toBe(true);
  });
});

describe('training', () => {
  it.each(['smear', 'lory'] as const)('%s trains on text as its preset does: the task loss falls', async (scheme) => {
    const config = { ...defaultConfig(), dataset: 'text' as const, scheme, experts: 8, seqLen: 16, segmentLen: 4, capacityFactor: null, evalCapacityFactor: null, balanceCoef: 0, tokens: 128 };
    const trainer = await createTrainer(config, { backend: 'cpu' });
    const loss: number[] = [];
    for (let i = 0; i < 30; i++) loss.push((await trainer.step()).taskLoss);
    trainer.dispose();
    expect(loss.every(Number.isFinite)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(loss.slice(-5))).toBeLessThan(mean(loss.slice(0, 5)));
  }, 60_000);
});
