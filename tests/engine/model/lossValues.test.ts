import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceLossDefined,
  cvSquared,
  importance,
  importanceCV2,
  loadBalanceLoss,
  loadBalanceLossHF,
  loadCV2,
  routerEntropy,
  updateBias,
  zLoss,
} from '../../../src/engine/model/lossValues';
import { route } from '../../../src/engine/routing';
import { caseArb } from '../arbitraries';
import { logit, rows } from '../helpers';

const LN3 = Math.log(3);

describe('loadBalanceLoss (Megatron normalisation)', () => {
  it('is 1.0 when perfectly balanced', () => {
    // one token per expert: each token's own expert has the largest logit
    const T = 4;
    const E = 4;
    const logits = new Float32Array(T * E);
    for (let t = 0; t < T; t++) logits[t * E + t] = 3;
    const r = route(logits, T, E, { scheme: 'token-choice', k: 1 });
    expect(Array.from(r.load)).toEqual([1, 1, 1, 1]);
    // f = 1/4 each, P = 1/4 each by symmetry: E · Σ f·P = 4 · 4 · 1/16 = 1
    expect(loadBalanceLoss(r)).toBeCloseTo(1, 6);
  });

  it('matches a hand computation when collapsed', () => {
    // both tokens p = [.25, .75] and both choose expert 1: f = [0, 1], P = [.25, .75]
    const r = route(rows([[0, LN3], [0, LN3]]), 2, 2, { scheme: 'token-choice', k: 1 });
    expect(loadBalanceLoss(r)).toBeCloseTo(2 * 0.75, 6);
  });

  it('counts load before dropping, and divides by T·k', () => {
    // k = 2 of E = 2: every expert gets every token, f = 1/2 each, P = [.25, .75]: loss = 2·(.125+.375) = 1
    const logits = rows([[0, LN3], [0, LN3]]);
    const dropless = route(logits, 2, 2, { scheme: 'token-choice', k: 2 });
    const tight = route(logits, 2, 2, { scheme: 'token-choice', k: 2, capacityFactor: 0.5 });
    expect(tight.kept[0]).toBe(1);
    expect(loadBalanceLoss(dropless)).toBeCloseTo(1, 6);
    expect(loadBalanceLoss(tight)).toBeCloseTo(1, 6);
  });

  it('Hugging Face’s value is k times ours', () => {
    const r = route(rows([[0, LN3, 1, 2]]), 1, 4, { scheme: 'token-choice', k: 3 });
    expect(loadBalanceLossHF(r)).toBeCloseTo(3 * loadBalanceLoss(r), 6);
  });

  it('uses per-token normalised sigmoid scores for deepseek', () => {
    // s = [.6, .2]: normalised P = [.75, .25]; k = 1 picks expert 0: f = [1, 0]; loss = 2 · .75
    const r = route(rows([[logit(0.6), logit(0.2)]]), 1, 2, { scheme: 'deepseek', k: 1 });
    expect(loadBalanceLoss(r)).toBeCloseTo(1.5, 5);
  });

  it('is not defined for expert-choice and soft', () => {
    const logits = new Float32Array(8);
    for (const scheme of ['expert-choice', 'soft'] as const) {
      const r = route(logits, 2, 4, { scheme, k: 1 });
      expect(balanceLossDefined(r)).toBe(false);
      expect(loadBalanceLoss(r)).toBeNaN();
    }
  });

  it('lies in [0, E] for every top-k scheme', () => {
    // Σ f = 1 and Σ P = 1, so the loss lies in (0, E]
    for (const scheme of ['token-choice', 'noisy-topk', 'deepseek', 'hash'] as const) {
      fc.assert(
        fc.property(caseArb(scheme), (c) => {
          const loss = loadBalanceLoss(route(c.logits, c.T, c.E, c.spec));
          expect(Number.isFinite(loss)).toBe(true);
          expect(loss).toBeGreaterThanOrEqual(0);
          expect(loss).toBeLessThanOrEqual(c.E + 1e-6);
        }),
        { numRuns: 50 },
      );
    }
  });
});

describe('zLoss', () => {
  it('is the mean of squared logsumexp', () => {
    // row 1: four zeros, lse = ln 4; row 2: [ln3, 0, 0, 0]... lse = ln(3+3) = ln 6
    const logits = rows([[0, 0, 0, 0], [LN3, 0, 0, 0]]);
    expect(zLoss(logits, 2, 4)).toBeCloseTo((Math.log(4) ** 2 + Math.log(6) ** 2) / 2, 6);
  });
  it('is stable for large logits', () => {
    expect(zLoss(rows([[1000, 1000]]), 1, 2)).toBeCloseTo((1000 + Math.LN2) ** 2, 3);
  });
  it('rejects a length that does not match', () => {
    expect(() => zLoss(new Float32Array(3), 1, 2)).toThrow(RangeError);
  });
});

describe('updateBias', () => {
  it('moves underloaded experts up and overloaded down by γ', () => {
    const bias = Float32Array.of(0, 0.5, 0);
    const out = updateBias(bias, Int32Array.of(3, 1, 2), 0.1);
    // mean load 2: expert 0 over → −γ, expert 1 under → +γ, expert 2 even → 0
    expect(Array.from(out, (x) => Number(x.toFixed(6)))).toEqual([-0.1, 0.6, 0]);
    expect(bias[1]).toBe(0.5); // a new array; the old one is untouched
  });
  it('rejects a load of the wrong length', () => {
    expect(() => updateBias(new Float32Array(2), Int32Array.of(1), 0.1)).toThrow(/bias has length 2 but load has 1/);
  });
});

describe('importance and CV²', () => {
  it('uses population variance', () => {
    expect(cvSquared([1, 1, 1])).toBe(0);
    // mean 1, population variance 1
    expect(cvSquared([0, 2])).toBeCloseTo(1, 8);
    expect(cvSquared([0, 0])).toBe(0);
  });
  it('sums gate weights per expert (Shazeer 2017)', () => {
    // p = [.25, .75] twice, k = 2 with softmax-topk: importance = [.5, 1.5]
    const r = route(rows([[0, LN3], [0, LN3]]), 2, 2, { scheme: 'token-choice', k: 2, normalize: 'softmax-topk' });
    expect(Array.from(importance(r), (x) => Number(x.toFixed(5)))).toEqual([0.5, 1.5]);
    expect(importanceCV2(r)).toBeCloseTo(0.25, 5); // mean 1, variance .25
    expect(loadCV2(r)).toBe(0); // both experts got both tokens
  });
});

describe('routerEntropy', () => {
  it('is ln E for uniform scores and 0 for one-hot ones', () => {
    expect(routerEntropy(route(new Float32Array(8), 2, 4, { scheme: 'token-choice', k: 1 }))).toBeCloseTo(Math.log(4), 6);
    expect(routerEntropy(route(rows([[100, -100]]), 1, 2, { scheme: 'token-choice', k: 1 }))).toBeCloseTo(0, 6);
  });
});
