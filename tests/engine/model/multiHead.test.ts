// @vitest-environment node
// MH-MoE: the forward pass against a direct computation on a small input, the gradients of the
// two projections against central finite differences, the sub-tokens' settings, and H = 1 as
// today's layer.

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig } from '../../../src/engine/model';
import { Initializer } from '../../../src/engine/model/init';
import { MoeLayer, type RouteSettings } from '../../../src/engine/model/layer';
import { moeBlock, MultiHeadMoe, repeatPerSubToken, subTokenSettings } from '../../../src/engine/model/multiHead';
import { tf } from '../../../src/engine/model/tf';
import type { Routing } from '../../../src/engine/routing/types';
import { mulberry32, normal } from '../../../src/engine/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// T = 2 tokens of width d = 4, H = 2 heads: 4 sub-tokens of width 2, E = 2 experts, top-1
const T = 2;
const d = 4;
const H = 2;
const E = 2;
const h = 4; // the sub-token experts' hidden width is h/H = 2
const ds = d / H;
const hs = h / H;

const settings: RouteSettings = {
  scheme: 'token-choice',
  k: 1,
  normalize: 'softmax-topk',
  capacityFactor: null,
  dropPolicy: 'slot-major',
  groups: 1,
  topkGroups: 1,
  routedScale: 1,
  scoreFunction: 'softmax',
  groupScore: 'top2-sum',
  normalizeWeights: false,
  tokenIds: Int32Array.from([0, 1]),
};

/** MH-MoE with every weight (biases too) set to seeded normal draws, so no term is zero. */
function randomLayer(seed: number): MultiHeadMoe {
  const layer = new MultiHeadMoe(new Initializer(seed), { E, d, h, shared: 0, sharedGate: false, noiseScale: 1 }, H);
  const rand = mulberry32(seed + 1);
  for (const v of layer.variables) v.assign(tf.tensor(Float32Array.from({ length: v.size }, () => 0.7 * normal(rand)), v.shape));
  return layer;
}

const xValues = Float32Array.from([0.5, -1, 0.25, 2, -0.75, 1.5, 1, -0.5]);
const target = Float32Array.from({ length: T * d }, (_, i) => Math.sin(i + 1));

/** y, and Σ y·target, by the layer */
function layerForward(layer: MultiHeadMoe): { y: Float32Array; loss: number; experts: Int32Array } {
  return tf.tidy(() => {
    const out = layer.forward(tf.tensor2d(xValues, [T, d]), settings);
    const loss = tf.sum(tf.mul(out.y, tf.tensor2d(target, [T, d]))).dataSync()[0];
    return { y: out.y.dataSync() as Float32Array, loss, experts: out.routing.experts };
  });
}

/** The same layer written out in plain JS, sub-token by sub-token. */
function directForward(layer: MultiHeadMoe): { y: Float32Array; experts: number[] } {
  const get = (v: tf.Variable) => v.dataSync() as Float32Array;
  const Wh = get(layer.headW);
  const Wm = get(layer.mergeW);
  const R = get(layer.inner.router.variables[0]); // [ds, E]
  const { w1, b1, w2, b2 } = layer.inner.experts; // [ds, E, hs], [E·hs], [hs, E, ds], [E·ds]
  const [W1, B1, W2, B2] = [get(w1), get(b1), get(w2), get(b2)];
  const P = new Float32Array(T * d); // x·W_head
  for (let t = 0; t < T; t++) for (let c = 0; c < d; c++) for (let i = 0; i < d; i++) P[t * d + c] += xValues[t * d + i] * Wh[i * d + c];
  const Y = new Float32Array(T * d); // concatenated sub-token outputs
  const experts: number[] = [];
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < H; j++) {
      const s = P.subarray(t * d + j * ds, t * d + (j + 1) * ds); // sub-token t·H + j
      const logits = [0, 1].map((e) => s.reduce((a, v, i) => a + v * R[i * E + e], 0));
      const e = logits[1] > logits[0] ? 1 : 0;
      experts.push(e);
      // softmax-topk with k = 1: the chosen expert's softmax probability
      const p = Math.exp(logits[e]) / (Math.exp(logits[0]) + Math.exp(logits[1]));
      const hidden = Array.from({ length: hs }, (_, o) => Math.max(0, B1[e * hs + o] + s.reduce((a, v, i) => a + v * W1[(i * E + e) * hs + o], 0)));
      for (let c = 0; c < ds; c++) {
        const out = B2[e * ds + c] + hidden.reduce((a, v, o) => a + v * W2[(o * E + e) * ds + c], 0);
        Y[t * d + j * ds + c] = p * out;
      }
    }
  }
  const y = new Float32Array(T * d); // · W_merge
  for (let t = 0; t < T; t++) for (let c = 0; c < d; c++) for (let i = 0; i < d; i++) y[t * d + c] += Y[t * d + i] * Wm[i * d + c];
  return { y, experts };
}

describe('MH-MoE forward', () => {
  it('matches the direct computation: project, split into sub-tokens, route each, concatenate, merge', () => {
    for (const seed of [1, 2, 3]) {
      const layer = randomLayer(seed);
      const ours = layerForward(layer);
      const direct = directForward(layer);
      expect(Array.from(ours.experts)).toEqual(direct.experts);
      for (let i = 0; i < T * d; i++) expect(ours.y[i], `seed ${seed} y[${i}]`).toBeCloseTo(direct.y[i], 4);
      layer.dispose();
    }
  });

  it('routes T·H sub-tokens, through a router d/H → E, to experts of width d/H and hidden h/H', () => {
    const layer = randomLayer(4);
    expect(layer.inner.router.variables[0].shape).toEqual([ds, E]);
    expect(layer.inner.experts.w1.shape).toEqual([ds, E, hs]);
    let routing: Routing | undefined;
    tf.tidy(() => {
      routing = layer.forward(tf.tensor2d(xValues, [T, d]), settings).routing;
    });
    expect(routing!.T).toBe(T * H);
    expect(routing!.experts.length).toBe(T * H);
    layer.dispose();
  });
});

describe('MH-MoE gradients', () => {
  it('W_head and W_merge against central finite differences', () => {
    const layer = randomLayer(5);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.forward(tf.tensor2d(xValues, [T, d]), settings).y, tf.tensor2d(target, [T, d]))) as tf.Scalar, [layer.headW, layer.mergeW]);
    const eps = 1e-2;
    for (const v of [layer.headW, layer.mergeW]) {
      const analytic = grads[v.name].dataSync();
      const base = Float32Array.from(v.dataSync());
      for (let i = 0; i < base.length; i++) {
        const at = (delta: number) => {
          const w = Float32Array.from(base);
          w[i] += delta;
          v.assign(tf.tensor(w, v.shape));
          return layerForward(layer).loss;
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(analytic[i] - numeric), `${v.name}[${i}]: ${analytic[i]} vs ${numeric}`).toBeLessThan(1e-2 * Math.max(1, Math.abs(numeric)));
      }
    }
    tf.dispose(Object.values(grads));
    layer.dispose();
  });
});

describe('sub-token settings', () => {
  it('repeats ids and domains per sub-token and lengthens sequences and segments H times', () => {
    expect(Array.from(repeatPerSubToken(Int32Array.from([7, 9]), 3))).toEqual([7, 7, 7, 9, 9, 9]);
    const s = subTokenSettings({ ...settings, domains: Uint8Array.from([1, 0]), seqLen: 2, segmentLen: 1 }, 2);
    expect(Array.from(s.tokenIds!)).toEqual([0, 0, 1, 1]);
    expect(s.domains).toBeInstanceOf(Uint8Array);
    expect(Array.from(s.domains!)).toEqual([1, 1, 0, 0]);
    expect([s.seqLen, s.segmentLen]).toEqual([4, 2]);
  });
});

describe('H = 1', () => {
  it('is a plain MoeLayer with the same weights and outputs as today', () => {
    const shape = { E, d, h, shared: 1, sharedGate: true, noiseScale: 1 };
    const block = moeBlock(new Initializer(9), shape, 1);
    const plain = new MoeLayer(new Initializer(9), shape);
    expect(block).toBeInstanceOf(MoeLayer);
    const [a, b] = [block, plain].map((l) => tf.tidy(() => l.forward(tf.tensor2d(xValues, [T, d]), settings).y.dataSync()));
    expect(Array.from(a)).toEqual(Array.from(b));
    block.dispose();
    plain.dispose();
  });

  it('a trainer with 4 heads trains, routing T·4 sub-tokens', async () => {
    const trainer = await createTrainer({ ...defaultConfig(), tokens: 16, dataSize: 200, heads: 4, scheme: 'noisy-topk' });
    const m = await trainer.step();
    expect(Number.isFinite(m.taskLoss)).toBe(true);
    expect(trainer.last!.routing.T).toBe(64);
    expect(m.load.reduce((a, b) => a + b, 0)).toBe(64 * trainer.last!.routing.k);
    await trainer.evaluate();
    trainer.dispose();
  });
});

describe('the MH-MoE preset', () => {
  it('trains from its link: 4 heads of width 8 on text, each step routing T·4 sub-tokens', async () => {
    const { presetConfig } = await import('../../../src/state/presets');
    const c = { ...presetConfig('mh-moe'), tokens: 32 };
    expect([c.heads, c.d]).toEqual([4, 32]);
    const trainer = await createTrainer(c);
    const first = await trainer.step();
    for (let i = 0; i < 4; i++) await trainer.step();
    expect(trainer.last!.routing.T).toBe(128);
    expect(Number.isFinite(first.taskLoss)).toBe(true);
    trainer.dispose();
  });
});

describe('domain counts over sub-tokens', () => {
  it('count each sub-token’s kept choice under its token’s domain', async () => {
    const { addDomainCounts } = await import('../../../src/engine/model/metrics');
    // 2 tokens (domains 0 and 1) · 2 heads, k = 1: rows 0, 1 are token 0's, rows 2, 3 token 1's
    const r = { T: 4, E: 2, k: 1, experts: Int32Array.from([0, 1, 1, 1]), dropped: Uint8Array.from([0, 0, 0, 1]) } as unknown as Routing;
    const counts = new Float64Array(4);
    addDomainCounts(counts, r, Uint8Array.from([0, 1]));
    // domain 0: experts 0 and 1 once each; domain 1: expert 1 once (row 3 was dropped)
    expect(Array.from(counts)).toEqual([1, 1, 0, 1]);
  });
});
