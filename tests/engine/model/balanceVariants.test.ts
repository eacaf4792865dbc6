// @vitest-environment node
// The balance-loss variants (balanceVariants.ts): hand-worked values of aux, seq, global and the
// device-level loss; the three agreeing where the batch is one sequence and the window one step;
// the gradients of the seq and device losses against central finite differences.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  balanceLossOfRows,
  balancePass,
  balanceRows,
  deviceRows,
  type BalanceRows,
  type BalanceVariant,
} from '../../../src/engine/model/balanceVariants';
import { lossValue } from '../../../src/engine/model/jsLoss';
import { loadBalanceLoss } from '../../../src/engine/model/lossValues';
import { auxLoss, balanceLossTensor, zLossTensor } from '../../../src/engine/model/routerLoss';
import { LoadWindow } from '../../../src/engine/model/balanceWindow';
import { tf } from '../../../src/engine/model/tf';
import { route, type RouterSpec } from '../../../src/engine/routing';
import type { Routing } from '../../../src/engine/routing/types';
import { randomLogits } from '../../../src/engine/datasets/randomLogits';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A routing by hand: only what the losses read (softmax scores, top-1 choices). */
function handRouting(probs: number[][], chosen: number[]): Routing {
  const T = probs.length;
  const E = probs[0].length;
  const load = new Int32Array(E);
  for (const e of chosen) load[e]++;
  return {
    T,
    E,
    k: 1,
    scheme: 'token-choice',
    probs: Float32Array.from(probs.flat()),
    experts: Int32Array.from(chosen),
    load,
  } as unknown as Routing;
}

const variant = (type: BalanceVariant['type'], extra: Partial<BalanceVariant> = {}): BalanceVariant => ({ type, seqLen: 1, groups: 1, ...extra });

describe('hand-worked values', () => {
  // T = 4, E = 2, k = 1; tokens 0, 1 choose expert 0, tokens 2, 3 expert 1 (load [2, 2])
  const r = handRouting(
    [
      [0.75, 0.25],
      [0.5, 0.5],
      [0.25, 0.75],
      [0.25, 0.75],
    ],
    [0, 0, 1, 1],
  );

  it('aux: f = [0.5, 0.5], P = [1.75/4, 2.25/4] = [0.4375, 0.5625]: 2·(0.5·0.4375 + 0.5·0.5625) = 1', () => {
    const rows = balanceRows(r, variant('aux'));
    expect(balancePass(r, rows, null)).toBeCloseTo(1, 12);
    expect(balanceLossOfRows(r, rows)).toBeCloseTo(1, 12);
    expect(loadBalanceLoss(r)).toBeCloseTo(1, 12);
  });

  it('seq, L = 2: sequence 0 has f = [1, 0], P = [0.625, 0.375], loss 2·0.625 = 1.25; sequence 1 f = [0, 1], P = [0.25, 0.75], loss 2·0.75 = 1.5; mean 1.375', () => {
    const rows = balanceRows(r, variant('seq', { seqLen: 2 }));
    expect(Array.from(rows.f)).toEqual([1, 0, 0, 1]);
    expect(balancePass(r, rows, null)).toBeCloseTo(1.375, 12);
    expect(balanceLossOfRows(r, rows)).toBeCloseTo(1.375, 12);
  });

  it('global: an earlier step chose [3, 1] of its 4 tokens; f = ([3, 1] + [2, 2])/8 = [5/8, 3/8]: 2·(5/8·0.4375 + 3/8·0.5625) = 0.96875', () => {
    const rows = balanceRows(r, variant('global', { window: { counts: Float64Array.from([3, 1]), tokens: 4 } }));
    expect(Array.from(rows.f)).toEqual([5 / 8, 3 / 8]);
    expect(balancePass(r, rows, null)).toBeCloseTo(0.96875, 12);
    expect(balanceLossOfRows(r, rows)).toBeCloseTo(0.96875, 12);
  });

  it("device (DeepSeek-V2 L_DevBal): E = 4 in D = 2 groups {0, 1}, {2, 3}; both tokens choose expert 0", () => {
    // P = mean of [0.4, 0.3, 0.2, 0.1] and [0.4, 0.4, 0.1, 0.1] = [0.4, 0.35, 0.15, 0.1], so
    // P' = [0.75, 0.25]. The paper's fⱼ = E/(k·T)·countⱼ = 4/2·[2, 0, 0, 0] = [4, 0, 0, 0], so
    // f'₁ = mean(4, 0) = 2, f'₂ = 0 and L_DevBal/α₂ = Σ f'ᵢ·P'ᵢ = 2·0.75 = 1.5 (= D·Σ Fᵢ·P'ᵢ with
    // the groups' shares F = [1, 0]: 2·0.75). The expert-level loss is 4·(1·0.4) = 1.6.
    const d = handRouting(
      [
        [0.4, 0.3, 0.2, 0.1],
        [0.4, 0.4, 0.1, 0.1],
      ],
      [0, 0],
    );
    const rows = balanceRows(d, variant('aux'));
    expect(balancePass(d, rows, null)).toBeCloseTo(1.6, 6);
    const dev = deviceRows(rows, 4, 2);
    expect(Array.from(dev.f)).toEqual([0.5, 0.5, 0, 0]);
    expect(balancePass(d, dev, null)).toBeCloseTo(1.5, 6);
    expect(balanceLossOfRows(d, dev)).toBeCloseTo(1.5, 6);
  });

  it('the window keeps the G − 1 steps before this one', () => {
    const w = new LoadWindow();
    expect(w.before(4)).toBeUndefined();
    w.push(Int32Array.from([3, 1]), 4);
    w.push(Int32Array.from([0, 4]), 4);
    expect(w.before(1)).toBeUndefined();
    expect(Array.from(w.before(2)!.counts)).toEqual([0, 4]);
    expect(w.before(3)).toEqual({ counts: Float64Array.from([3, 5]), tokens: 8 });
    w.reset();
    expect(w.before(3)).toBeUndefined();
  });
});

const T = 24;
const E = 8;
const logits = randomLogits(T, E, 7, 1.5);
const specs: [string, RouterSpec][] = [
  ['top-2 softmax', { scheme: 'token-choice', k: 2, normalize: 'softmax-topk', capacityFactor: 1 }],
  ['deepseek V3 (sigmoid)', { scheme: 'deepseek', k: 2, groups: 4, topkGroups: 2, routedScale: 2.5 }],
  ['deepseek V2 (softmax)', { scheme: 'deepseek', k: 3, groups: 4, topkGroups: 2, routedScale: 16, scoreFunction: 'softmax', groupScore: 'max', normalizeWeights: false }],
];

const gradOf = (f: (x: tf.Tensor2D) => tf.Scalar) => {
  const x = tf.tensor2d(logits, [T, E]);
  const g = tf.grad((l) => f(l as tf.Tensor2D))(x);
  const out = g.dataSync() as Float32Array;
  tf.dispose([x, g]);
  return Float32Array.from(out);
};

describe.each(specs)('%s', (_, spec) => {
  const r = route(logits, T, E, spec);
  const coefs = { balance: 0.01, z: 0.001 };

  it('aux, seq with L = T and global with G = 1 agree exactly, values and gradients', () => {
    const types: BalanceVariant[] = [variant('aux'), variant('seq', { seqLen: T }), variant('global')];
    const values = types.map((v) => auxLoss(r, tf.tensor2d(logits, [T, E]), logits, true, coefs, undefined, v).values.balance);
    expect(values[1]).toBe(values[0]);
    expect(values[2]).toBe(values[0]);
    const grads = types.map((v) => gradOf((x) => auxLoss(r, x, logits, true, coefs, undefined, v).aux!));
    expect(grads[1]).toEqual(grads[0]);
    expect(grads[2]).toEqual(grads[0]);
    // and 'aux' is today's loss: the variant left out gives the same
    expect(values[0]).toBe(auxLoss(r, tf.tensor2d(logits, [T, E]), logits, true, coefs).values.balance);
    expect(values[0]).toBeCloseTo(loadBalanceLoss(r), 10);
  });

  it('seq with L = 4 matches its definition (six sequences, each E·Σ fP, averaged)', () => {
    const rows = balanceRows(r, variant('seq', { seqLen: 4 }));
    const v = auxLoss(r, tf.tensor2d(logits, [T, E]), logits, true, coefs, undefined, variant('seq', { seqLen: 4 })).values.balance;
    expect(v).toBeCloseTo(balanceLossOfRows(r, rows), 10);
  });

  const scoresOf = (x: Float64Array): Float32Array => {
    const p = new Float32Array(T * E);
    for (let t = 0; t < T; t++) {
      if (r.scoreFunction === 'sigmoid') {
        for (let e = 0; e < E; e++) p[t * E + e] = 1 / (1 + Math.exp(-x[t * E + e]));
        continue;
      }
      let max = -Infinity;
      for (let e = 0; e < E; e++) max = Math.max(max, x[t * E + e]);
      let sum = 0;
      for (let e = 0; e < E; e++) sum += Math.exp(x[t * E + e] - max);
      for (let e = 0; e < E; e++) p[t * E + e] = Math.exp(x[t * E + e] - max) / sum;
    }
    return p;
  };

  /** central differences of the loss of fixed rows (the counts are constants) in each logit */
  const checkGradient = (rows: BalanceRows) => {
    const grad = new Float32Array(T * E);
    balancePass(r, rows, grad);
    const h = 1e-3;
    const x = Float64Array.from(logits);
    let worst = 0;
    for (let i = 0; i < T * E; i++) {
      const at = (delta: number) => {
        const y = Float64Array.from(x);
        y[i] += delta;
        return balanceLossOfRows({ ...r, probs: scoresOf(y) }, rows);
      };
      const fd = (at(h) - at(-h)) / (2 * h);
      worst = Math.max(worst, Math.abs(grad[i] - fd) / Math.max(Math.abs(fd), 1e-2));
    }
    expect(worst).toBeLessThan(1e-2);
  };

  it('seq loss gradient (L = 6) against central finite differences', () => {
    checkGradient(balanceRows(r, variant('seq', { seqLen: 6 })));
  });

  it('device loss gradient (4 groups, over sequences of 8 and over the batch) against central finite differences', () => {
    checkGradient(deviceRows(balanceRows(r, variant('aux')), E, 4));
    checkGradient(deviceRows(balanceRows(r, variant('seq', { seqLen: 8 })), E, 4));
  });

  it('α·balance + β·z + α₂·device as one loss: its value and gradient are the sum of the three', () => {
    const v = variant('seq', { seqLen: 6, groups: 4 });
    const all = { ...coefs, device: 0.05 };
    const rows = balanceRows(r, v);
    const dev = deviceRows(rows, E, 4);
    const fused = auxLoss(r, tf.tensor2d(logits, [T, E]), logits, true, all, undefined, v);
    const parts = balancePass(r, rows, null) * 0.01 + zLossOf() * 0.001 + balancePass(r, dev, null) * 0.05;
    expect(lossValue(fused.aux!) ?? fused.aux!.dataSync()[0]).toBeCloseTo(parts, 6);
    const g = gradOf((x) => auxLoss(r, x, logits, true, all, undefined, v).aux!);
    const gb = gradOf((x) => balanceLossTensor(r, x, rows));
    const gz = gradOf((x) => zLossTensor(x));
    const gd = gradOf((x) => balanceLossTensor(r, x, dev));
    for (let i = 0; i < T * E; i++) expect(g[i]).toBeCloseTo(0.01 * gb[i] + 0.001 * gz[i] + 0.05 * gd[i], 6);
  });

  const zLossOf = () => {
    const x = tf.tensor2d(logits, [T, E]);
    const z = lossValue(zLossTensor(x))!;
    x.dispose();
    return z;
  };
});
