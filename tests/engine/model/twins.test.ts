// @vitest-environment node
// Each differentiable twin in tfjs must compute what route() and losses.ts compute.

import { beforeAll, describe, expect, it } from 'vitest';
import { balanceLossDefined, loadBalanceLoss, zLoss } from '../../../src/engine/model/lossValues';
import { planChoices } from '../../../src/engine/model/dispatch';
import { gateWeights, meanScoresTensor } from '../../../src/engine/model/gates';
import { lossValue } from '../../../src/engine/model/jsLoss';
import { auxLoss, balanceLossTensor, routerLosses, zLossTensor } from '../../../src/engine/model/routerLoss';
import { softmaxEntropy } from '../../../src/engine/model/metrics';
import { tf } from '../../../src/engine/model/tf';
import { route, type RouterSpec } from '../../../src/engine/routing';
import { randomLogits } from '../../../src/engine/datasets/randomLogits';
import { gateWeights as routingGateWeights } from '../../../src/engine/routing/tokenChoice';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 24;
const E = 8;
const logits = randomLogits(T, E, 3, 1.5);
const noise = randomLogits(T, E, 4, 0);

const specs: [string, RouterSpec][] = [
  ['softmax-topk', { scheme: 'token-choice', k: 2, normalize: 'softmax-topk', capacityFactor: 1 }],
  ['topk-softmax', { scheme: 'token-choice', k: 3, normalize: 'topk-softmax', capacityFactor: 0.75 }],
  ['renorm', { scheme: 'token-choice', k: 2, normalize: 'softmax-topk-renorm' }],
  ['k = 1 softmax-topk', { scheme: 'token-choice', k: 1, normalize: 'softmax-topk', capacityFactor: 1.25 }],
  ['deepseek', { scheme: 'deepseek', k: 2, groups: 4, topkGroups: 2, routedScale: 2.5, bias: randomLogits(1, E, 5, 0) }],
  ['noisy-topk', { scheme: 'noisy-topk', k: 2, noise, capacityFactor: 1 }],
  ['hash', { scheme: 'hash', k: 2, tokenIds: Int32Array.from({ length: T }, (_, i) => i * 3) }],
  ['domain-random', { scheme: 'domain-random', k: 2, tokenIds: Int32Array.from({ length: T }, (_, i) => i * 3), domains: Uint8Array.from({ length: T }, (_, i) => i % 4), domainCount: 4 }],
  // DeepSeek-V2: softmax scores, a group scored by its best expert, weights not renormalised, × 16
  ['deepseek V2', { scheme: 'deepseek', k: 3, groups: 4, topkGroups: 2, routedScale: 16, scoreFunction: 'softmax', groupScore: 'max', normalizeWeights: false }],
  ['deepseek softmax, normalised', { scheme: 'deepseek', k: 2, routedScale: 1.5, scoreFunction: 'softmax' }],
  ['deepseek sigmoid, not normalised', { scheme: 'deepseek', k: 2, groups: 2, topkGroups: 1, routedScale: 2.5, normalizeWeights: false }],
  ['sinkhorn k = 1', { scheme: 'sinkhorn', k: 1, capacityFactor: 1.25 }],
  ['sinkhorn k = 2', { scheme: 'sinkhorn', k: 2, capacityFactor: 1 }],
  ['sinkhorn k = 2, eval', { scheme: 'sinkhorn', k: 2, capacityFactor: 2, mode: 'eval' }],
  ['base', { scheme: 'base', k: 1 }],
  ['base, eval', { scheme: 'base', k: 1, mode: 'eval' }],
];

describe.each(specs)('%s', (_name, spec) => {
  const r = route(logits, T, E, spec);

  it('gate weights match route()', () => {
    const plan = planChoices(r);
    const w = tf.tidy(() =>
      gateWeights(
        {
          ...spec,
          routedScale: spec.routedScale ?? 1,
          logits: tf.tensor2d(logits, [T, E]),
          noise: spec.noise && tf.tensor2d(spec.noise, [T, E]),
        },
        tf.tensor2d(plan.choiceIdx, [T * r.k, 2], 'int32'),
        T,
        r.k,
      ).dataSync(),
    );
    expect(w.length).toBe(r.weights.length);
    for (let i = 0; i < w.length; i++) expect(w[i]).toBeCloseTo(r.weights[i], 5);
  });

  it.runIf(balanceLossDefined(r))('the balance loss matches losses.ts', () => {
    const value = tf.tidy(() => balanceLossTensor(r, tf.tensor2d(logits, [T, E])).dataSync()[0]);
    expect(value).toBeCloseTo(loadBalanceLoss(r), 5);
  });

  it('the balance loss has the gradient of its formula in tfjs', () => {
    const x = tf.tensor2d(logits, [T, E]);
    const f = Float32Array.from(r.load, (l) => l / (T * r.k));
    const ours = tf.grad((l: tf.Tensor) => balanceLossTensor(r, l as tf.Tensor2D))(x).dataSync();
    const reference = tf.grad((l: tf.Tensor) => tf.mul(tf.sum(tf.mul(meanScoresTensor(r.scoreFunction, l as tf.Tensor2D), f)), E))(x).dataSync();
    for (let i = 0; i < T * E; i++) expect(ours[i], `[${i}]`).toBeCloseTo(reference[i], 6);
    x.dispose();
  });

  it.each([true, false])('routerLosses gives both losses and their gradients bit for bit (with the balance loss: %s)', (withBalance) => {
    const x = tf.tensor2d(logits, [T, E]);
    const softmax = r.scoreFunction === 'sigmoid' ? undefined : r.probs;
    const { balance, z, values } = routerLosses(r, x, logits, withBalance);
    const b = balanceLossTensor(r, x);
    const zz = zLossTensor(x, logits, softmax);
    expect(balance === null).toBe(!withBalance);
    if (balance) {
      expect(values.balance).toBe(lossValue(b));
      expect(balance.dataSync()[0]).toBe(b.dataSync()[0]);
    } else expect(values.balance).toBeNaN();
    expect(values.z).toBe(lossValue(zz));
    expect(z.dataSync()[0]).toBe(zz.dataSync()[0]);
    if (r.scoreFunction === 'sigmoid') expect(values.entropy).toBeNaN();
    else expect(values.entropy).toBe(softmaxEntropy(r.probs, logits, T, E));
    const fused = (l: tf.Tensor) => {
      const out = routerLosses(r, l as tf.Tensor2D, logits, withBalance);
      return out.balance ? tf.add(tf.mul(out.balance, 0.3), out.z) : out.z;
    };
    const apart = (l: tf.Tensor) => {
      const zl = zLossTensor(l as tf.Tensor2D, logits, softmax);
      return withBalance ? tf.add(tf.mul(balanceLossTensor(r, l as tf.Tensor2D), 0.3), zl) : zl;
    };
    expect(Array.from(tf.grad(fused)(x).dataSync())).toEqual(Array.from(tf.grad(apart)(x).dataSync()));
    tf.dispose([x, b, zz, z, ...(balance ? [balance] : [])]);
  });

  it.each([true, false])('auxLoss is α·balance + β·z in one loss: the same values, the summed gradient (with the balance loss: %s)', (withBalance) => {
    const x = tf.tensor2d(logits, [T, E]);
    const [a, b] = [0.3, 0.02];
    const apart = routerLosses(r, x, logits, withBalance);
    const { aux, values } = auxLoss(r, x, logits, withBalance, { balance: a, z: b });
    expect(values).toEqual(apart.values);
    const want = (withBalance ? a * values.balance : 0) + b * values.z;
    expect(aux!.dataSync()[0]).toBeCloseTo(want, 6);
    const ours = tf.grad((l: tf.Tensor) => auxLoss(r, l as tf.Tensor2D, logits, withBalance, { balance: a, z: b }).aux!)(x).dataSync();
    const theirs = tf.grad((l: tf.Tensor) => {
      const o = routerLosses(r, l as tf.Tensor2D, logits, withBalance);
      return o.balance ? tf.add(tf.mul(o.balance, a), tf.mul(o.z, b)) : tf.mul(o.z, b);
    })(x).dataSync();
    for (let i = 0; i < T * E; i++) expect(ours[i], `[${i}]`).toBeCloseTo(theirs[i], 7);
    // no coefficients (a forward pass that trains nothing) or both 0: values only
    expect(auxLoss(r, x, logits, withBalance, null).aux).toBeNull();
    expect(auxLoss(r, x, logits, withBalance, { balance: 0, z: 0 }).aux).toBeNull();
    expect(auxLoss(r, x, logits, withBalance, null).values).toEqual(apart.values);
    tf.dispose([x, aux!]);
  });
});

it.each(['expert-choice', 'soft'] as const)('routerLosses gives the z-loss and the entropy bit for bit for %s', (scheme) => {
  const r = route(logits, T, E, { scheme, k: 2, capacityFactor: 2 });
  const x = tf.tensor2d(logits, [T, E]);
  const { balance, z, values } = routerLosses(r, x, logits, false);
  const zz = zLossTensor(x, logits, r.probs);
  expect(balance).toBeNull();
  expect(values.z).toBe(lossValue(zz));
  expect(values.entropy).toBe(softmaxEntropy(r.probs, logits, T, E));
  tf.dispose([x, z, zz]);
});

it('the z-loss matches losses.ts', () => {
  const value = tf.tidy(() => zLossTensor(tf.tensor2d(logits, [T, E])).dataSync()[0]);
  expect(value).toBeCloseTo(zLoss(logits, T, E), 4);
});

it.each([false, true])('the z-loss has the gradient of mean(logsumexp²) (from the softmax: %s)', (fromSoftmax) => {
  const x = tf.tensor2d(logits, [T, E]);
  const probs = fromSoftmax ? route(logits, T, E, { scheme: 'token-choice', k: 2 }).probs : undefined;
  const value = tf.tidy(() => zLossTensor(x, logits, probs).dataSync()[0]);
  expect(value).toBeCloseTo(zLoss(logits, T, E), 4);
  const ours = tf.grad((l: tf.Tensor) => zLossTensor(l as tf.Tensor2D, logits, probs))(x).dataSync();
  const reference = tf.grad((l: tf.Tensor) => tf.mean(tf.square(tf.logSumExp(l, 1))))(x).dataSync();
  for (let i = 0; i < T * E; i++) expect(ours[i], `[${i}]`).toBeCloseTo(reference[i], 5);
  x.dispose();
});

it.each([false, true])('the gate weights pass their gradient back to the chosen logits only (by gather: %s)', (byGather) => {
  const r = route(logits, T, E, { scheme: 'token-choice', k: 2, normalize: 'softmax-topk' });
  const plan = planChoices(r, byGather);
  const x = tf.tensor2d(logits, [T, E]);
  const idx = tf.tensor2d(plan.choiceIdx, [T * 2, 2], 'int32');
  const w = tf.tensor2d(Float32Array.from({ length: T * 2 }, (_, i) => Math.sin(i)), [T, 2]);
  const gate = (l: tf.Tensor) =>
    tf.sum(
      tf.mul(
        gateWeights(
          { scheme: 'token-choice', normalize: 'softmax-topk', routedScale: 1, logits: l as tf.Tensor2D },
          idx,
          T,
          2,
          plan.choiceOfFlat,
        ),
        w,
      ),
    );
  const ours = tf.grad(gate)(x).dataSync();
  // reference: the same weights from a one-hot mask, differentiated by tfjs
  const mask = new Float32Array(T * 2 * E);
  for (let i = 0; i < T * 2; i++) mask[i * E + r.experts[i]] = 1;
  const m = tf.tensor3d(mask, [T, 2, E]);
  const reference = tf.grad((l: tf.Tensor) => {
    const p = tf.sum(tf.mul(tf.reshape(tf.exp(tf.logSoftmax(l)), [T, 1, E]), m), 2);
    return tf.sum(tf.mul(p, w));
  })(x).dataSync();
  for (let i = 0; i < T * E; i++) expect(ours[i], `[${i}]`).toBeCloseTo(reference[i], 6);
  tf.dispose([x, idx, w, m]);
});

it('route() takes topk-softmax weights from its softmax exponentials, bit for bit as their own formula', () => {
  // ties and repeated values included: integer logits on a small range
  for (const [seed, scale] of [[7, 3], [8, 0.001], [9, 40]] as const) {
    const raw = randomLogits(T, E, seed, scale);
    const x = seed === 7 ? raw.map(Math.round) : raw;
    for (const k of [1, 2, 3, E]) {
      const r = route(x, T, E, { scheme: 'token-choice', k, normalize: 'topk-softmax' });
      const expected = new Float32Array(T * k);
      const chosen = new Float64Array(k);
      for (let t = 0; t < T; t++) {
        // route() sorts by weight; the k largest logits, largest first, are the same set
        const idx = Array.from({ length: E }, (_, e) => e).sort((a, b) => x[t * E + b] - x[t * E + a] || a - b);
        for (let j = 0; j < k; j++) chosen[j] = x[t * E + idx[j]];
        routingGateWeights(chosen, k, 'topk-softmax', 0, expected, t * k);
      }
      const sorted = (a: Float32Array) => Array.from({ length: T }, (_, t) => Array.from(a.subarray(t * k, t * k + k)).sort((p, q) => q - p));
      expect(sorted(r.weights), `seed ${seed} k ${k}`).toEqual(sorted(expected));
    }
  }
});
