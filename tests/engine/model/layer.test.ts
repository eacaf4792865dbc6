// @vitest-environment node
// The sparse layer against the dense "run every expert, then mask" baseline, and the
// hand-written gather gradients against tf.gather's own.

import { beforeAll, describe, expect, it } from 'vitest';
import { expertMlp, expertMlpBatched } from '../../../src/engine/model/experts';
import { gatherRows, scatterRows } from '../../../src/engine/model/gather';
import { Initializer } from '../../../src/engine/model/init';
import { MoeLayer, type ExpertPath, type RouteSettings } from '../../../src/engine/model/layer';
import { tf } from '../../../src/engine/model/tf';
import { mulberry32, normal } from '../../../src/engine/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 32;
const d = 6;
const E = 8;

function settings(extra: Partial<RouteSettings>): RouteSettings {
  return {
    scheme: 'token-choice',
    k: 2,
    normalize: 'topk-softmax',
    capacityFactor: 0.75,
    dropPolicy: 'slot-major',
    groups: 1,
    topkGroups: 1,
    routedScale: 1,
    scoreFunction: 'sigmoid',
    groupScore: 'top2-sum',
    normalizeWeights: true,
    tokenIds: Int32Array.from({ length: T }, (_, i) => i),
    ...extra,
  };
}

/** output and gradients of Σ y·target with respect to x and every layer variable */
function run(layer: MoeLayer, x: Float32Array, s: RouteSettings, path: ExpertPath) {
  const target = tf.tensor2d(Float32Array.from({ length: T * d }, (_, i) => Math.sin(i)), [T, d]);
  const xv = tf.variable(tf.tensor2d(x, [T, d]));
  let y: Float32Array = new Float32Array();
  let dropped = 0;
  const { grads, value } = tf.variableGrads(() => {
    const out = layer.forward(xv as tf.Tensor2D, s, path);
    y = out.y.dataSync() as Float32Array;
    dropped = out.routing.dropped.reduce((a, b) => a + b, 0);
    return tf.sum(tf.mul(out.y, target));
  }, [xv, ...layer.variables]);
  const g = Object.fromEntries(Object.entries(grads).map(([k, t]) => [/^\d+$/.test(k) ? 'x' : k.replace(/^moe\d+\//, ''), t.dataSync() as Float32Array]));
  tf.dispose([target, xv, value, ...Object.values(grads)]);
  return { y, grads: g, dropped };
}

const cases: [string, Partial<RouteSettings>][] = [
  ['token-choice with drops', {}],
  ['token-choice softmax-topk dropless', { normalize: 'softmax-topk', capacityFactor: null }],
  ['deepseek', { scheme: 'deepseek', groups: 2, topkGroups: 1, routedScale: 2 }],
  ['noisy-topk', { scheme: 'noisy-topk', noiseDraws: Float32Array.from({ length: T * E }, (_, i) => Math.cos(i * 1.7)) }],
  ['hash', { scheme: 'hash', capacityFactor: 1 }],
  ['expert-choice', { scheme: 'expert-choice', capacityFactor: 1.5 }],
];

describe('sparse and dense paths agree', () => {
  it.each(cases)('%s: same outputs and gradients', (_name, extra) => {
    const layer = new MoeLayer(new Initializer(7), { E, d, h: 5, shared: 1, sharedGate: true, noiseScale: 1 });
    const rand = mulberry32(11);
    const x = Float32Array.from({ length: T * d }, () => normal(rand));
    const s = settings(extra);
    const sparse = run(layer, x, s, 'sparse');
    const dense = run(layer, x, s, 'dense');
    if (_name === 'token-choice with drops') expect(sparse.dropped).toBeGreaterThan(0);
    for (let i = 0; i < sparse.y.length; i++) expect(sparse.y[i]).toBeCloseTo(dense.y[i], 4);
    expect(Object.keys(sparse.grads).sort()).toEqual(Object.keys(dense.grads).sort());
    for (const [name, g] of Object.entries(sparse.grads)) {
      const other = dense.grads[name];
      for (let i = 0; i < g.length; i++) expect(g[i], `${name}[${i}]`).toBeCloseTo(other[i], 3);
    }
    layer.dispose();
  });

  it('the router gets a gradient from the task through the gate weights', () => {
    const layer = new MoeLayer(new Initializer(7), { E, d, h: 5, shared: 0, sharedGate: false, noiseScale: 1 });
    const x = Float32Array.from({ length: T * d }, (_, i) => Math.cos(i));
    const { grads } = run(layer, x, settings({ normalize: 'softmax-topk' }), 'sparse');
    expect(Math.max(...Array.from(grads.router, Math.abs))).toBeGreaterThan(1e-4);
    layer.dispose();
  });
});

describe('hand-written gather gradients', () => {
  it('gatherRows and scatterRows have the gradients of gather and its adjoint', () => {
    const params = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const idx = tf.tensor1d([2, 0, 2, 1], 'int32');
    // inverse: row 0 ← out 1; row 1 ← out 3; row 2 ← outs 0 and 2 (4 pads)
    const inv = tf.tensor2d([1, 4, 3, 4, 0, 2], [3, 2], 'int32');
    const weights = tf.tensor2d([1, 10, 100, 1000, 2, 20, 200, 2000], [4, 2]);
    const ours = tf.grad((p: tf.Tensor) => tf.sum(tf.mul(gatherRows(p as tf.Tensor2D, idx, inv), weights)))(params);
    const theirs = tf.grad((p: tf.Tensor) => tf.sum(tf.mul(tf.gather(p, idx), weights)))(params);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(theirs.dataSync()));
    // scatterRows(values) = gatherRowsᵀ: out[n] = Σ values[inv[n, :]]
    const values = tf.tensor2d([1, 1, 2, 2, 3, 3, 4, 4], [4, 2]);
    expect(Array.from(scatterRows(values, inv, idx).dataSync())).toEqual([2, 2, 4, 4, 4, 4]);
    const w3 = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(scatterRows(v as tf.Tensor2D, inv, idx), w3)))(values);
    expect(Array.from(g.dataSync())).toEqual([5, 6, 1, 2, 5, 6, 3, 4]);
  });
});

describe('expert MLP formulations', () => {
  it('the depthwise-convolution MLP (wasm, cpu) has the outputs and gradients of the batched-matmul one (GPU backends)', () => {
    const S = 5;
    const h = 7;
    const rand = mulberry32(3);
    const t = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => normal(rand)), shape);
    const inputs = [t([S, E, d]), t([d, E, h]), t([E * h]), t([h, E, d]), t([E * d])];
    const target = t([S, E, d]);
    const loss = (mlp: typeof expertMlp) => (...xs: tf.Tensor[]) =>
      tf.sum(tf.mul(mlp(xs[0] as tf.Tensor3D, xs[1] as tf.Tensor3D, xs[2] as tf.Tensor1D, xs[3] as tf.Tensor3D, xs[4] as tf.Tensor1D), target));
    const conv = tf.grads(loss(expertMlp))(inputs);
    const batched = tf.grads(loss(expertMlpBatched))(inputs);
    const [yc, yb] = [expertMlp, expertMlpBatched].map((f) => f(...(inputs as [tf.Tensor3D, tf.Tensor3D, tf.Tensor1D, tf.Tensor3D, tf.Tensor1D])).dataSync());
    for (let i = 0; i < yc.length; i++) expect(yc[i]).toBeCloseTo(yb[i], 4);
    conv.forEach((g, n) => {
      const a = g.dataSync();
      const b = batched[n].dataSync();
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) expect(a[i], `input ${n} [${i}]`).toBeCloseTo(b[i], 3);
    });
    tf.dispose([...inputs, target, ...conv, ...batched]);
  });
});
