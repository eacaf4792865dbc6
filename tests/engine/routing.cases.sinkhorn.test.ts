// Hand-checked cases for DeepSeek-V2's options of the deepseek scheme and for Megatron's Sinkhorn
// router, and the Sinkhorn balancing held against Megatron's loop as written (no row maximum).
// Each expectation was worked out on paper; the comment says why.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { route } from '../../src/engine/routing';
import { SINKHORN_TOLERANCE, sinkhornScores } from '../../src/engine/routing/sinkhorn';
import { logitsArb } from './arbitraries';
import { rounded, rows } from './helpers';

describe('deepseek: DeepSeek-V2 and DeepSeekMoE options', () => {
  // logits ln([.4, .05, .3, .25]) sum to 1 under exp, so the softmax scores are [.4, .05, .3, .25]
  const logits = rows([[Math.log(0.4), Math.log(0.05), Math.log(0.3), Math.log(0.25)]]);
  const v2 = { scheme: 'deepseek', k: 2, groups: 2, topkGroups: 1, scoreFunction: 'softmax', normalizeWeights: false, routedScale: 16 } as const;

  it("V2's group_limited_greedy: a group scored by its best expert, weights not renormalised, × 16", () => {
    // groups {0,1} and {2,3}: best .4 against .3, so group 0 is the device the token may use
    const r = route(logits, 1, 4, { ...v2, groupScore: 'max' });
    expect(Array.from(r.experts)).toEqual([0, 1]);
    expect(rounded(r.weights, 5)).toEqual([6.4, 0.8]); // .4·16, .05·16
    expect(rounded(r.probs, 5)).toEqual([0.4, 0.05, 0.3, 0.25]);
    expect(Array.from(r.keptGroups!)).toEqual([0]);
    expect(r.scoreFunction).toBe('softmax');
  });

  it("V3's group score on the same scores keeps the other group", () => {
    // two best summed: .45 against .55, so group 1
    const r = route(logits, 1, 4, { ...v2, groupScore: 'top2-sum' });
    expect(Array.from(r.experts)).toEqual([2, 3]);
    expect(rounded(r.weights, 5)).toEqual([4.8, 4]); // .3·16, .25·16
    expect(Array.from(r.keptGroups!)).toEqual([1]);
  });

  it('normalised softmax weights divide by the chosen sum before the routed scale', () => {
    const r = route(logits, 1, 4, { ...v2, groupScore: 'top2-sum', normalizeWeights: true, routedScale: 2 });
    expect(rounded(r.weights, 5)).toEqual(rounded([(0.3 / 0.55) * 2, (0.25 / 0.55) * 2], 5));
  });

  it('greedy (V2-Lite, DeepSeekMoE 16B): one group, the k best softmax scores as they are', () => {
    const r = route(logits, 1, 4, { scheme: 'deepseek', k: 2, scoreFunction: 'softmax', normalizeWeights: false });
    expect(Array.from(r.experts)).toEqual([0, 2]);
    expect(rounded(r.weights, 5)).toEqual([0.4, 0.3]);
    expect(r.keptGroups).toBeUndefined();
  });

  it('sigmoid scores without normalisation: each chosen sigmoid times the routed scale', () => {
    // sigmoid(ln .4) = .4/1.4, sigmoid(ln .3) = .3/1.3
    const r = route(logits, 1, 4, { scheme: 'deepseek', k: 2, normalizeWeights: false, routedScale: 2.5 });
    expect(rounded(r.weights, 5)).toEqual(rounded([(0.4 / 1.4) * 2.5, (0.3 / 1.3) * 2.5], 5));
    expect(r.scoreFunction).toBe('sigmoid');
  });

  it('names a bad option', () => {
    const bad = (extra: object) => () => route(logits, 1, 4, { scheme: 'deepseek', k: 1, ...extra } as never);
    expect(bad({ scoreFunction: 'tanh' })).toThrow(/scoreFunction/);
    expect(bad({ groupScore: 'mean' })).toThrow(/groupScore/);
    expect(bad({ normalizeWeights: 1 })).toThrow(/normalizeWeights/);
  });
});

describe('sinkhorn', () => {
  // cost exp(z) = [[3, 1], [1, 1]]. Balanced to rows and columns of ½, the matrix is
  // [[a, ½ − a], [½ − a, a]] with the cost's cross ratio a²/(½ − a)² = 3: a = √3 / (2(1 + √3))
  const logits = rows([
    [Math.log(3), 0],
    [0, 0],
  ]);
  const a = Math.sqrt(3) / (2 * (1 + Math.sqrt(3)));

  it('training: the balanced scores send token 1 to the expert plain top-1 would not', () => {
    const r = route(logits, 2, 2, { scheme: 'sinkhorn', k: 1 });
    expect(Array.from(r.experts)).toEqual([0, 1]);
    // weights: the sigmoid of the chosen logit (k = 1): sigmoid(ln 3) = .75, sigmoid(0) = .5
    expect(rounded(r.weights, 6)).toEqual([0.75, 0.5]);
    expect(rounded(r.balanced!, 3)).toEqual(rounded([a, 0.5 - a, 0.5 - a, a], 3));
    expect(r.sinkhorn!.converged).toBe(true);
    expect(rounded(r.probs, 6)).toEqual([0.75, 0.25, 0.5, 0.5]);
  });

  it('evaluation: plain top-k of the scores, as Megatron routes at inference', () => {
    const r = route(logits, 2, 2, { scheme: 'sinkhorn', k: 1, mode: 'eval' });
    expect(Array.from(r.experts)).toEqual([0, 0]); // token 1's tie goes to the lower expert
    expect(r.balanced).toBeUndefined();
  });

  it('k > 1: weights are the softmax of the chosen logits over all E, not renormalised', () => {
    // softmax([ln 3, 0, ln 2]) = [.5, 1/6, 1/3]; one token ranks its balanced scores as its scores
    const r = route(rows([[Math.log(3), 0, Math.log(2)]]), 1, 3, { scheme: 'sinkhorn', k: 2 });
    expect(Array.from(r.experts)).toEqual([0, 2]);
    expect(rounded(r.weights, 6)).toEqual(rounded([0.5, 1 / 3], 6));
  });

  it('capacity applies as for token choice', () => {
    // z = [3, 2, 1, 0] for expert 0, 0 for expert 1: a token goes to expert 0 when e^z clears
    // one threshold, set so the columns balance; the balanced matrix is symmetric (token t and
    // 3 − t swap experts), so tokens 0, 1 go to expert 0 and 2, 3 to expert 1. CF = .5 gives
    // C = ceil(4·1·.5/2) = 1: each expert keeps its first token
    const r = route(rows([[3, 0], [2, 0], [1, 0], [0, 0]]), 4, 2, { scheme: 'sinkhorn', k: 1, capacityFactor: 0.5 });
    expect(Array.from(r.experts)).toEqual([0, 0, 1, 1]);
    expect(r.capacity).toBe(1);
    expect(Array.from(r.dropped)).toEqual([0, 1, 0, 1]);
    expect(Array.from(r.kept)).toEqual([1, 1]);
  });

  it('cannot split tokens whose rows are equal: their balanced rows are equal too', () => {
    // a known limit of Sinkhorn selection: balancing scales columns, so equal rows stay equal
    const r = route(rows([[1, 0], [1, 0], [1, 0], [1, 0]]), 4, 2, { scheme: 'sinkhorn', k: 1 });
    expect(Array.from(r.experts)).toEqual([0, 0, 0, 0]);
  });

  it('reports a loop stopped by its cap as not converged, after at least one pass', () => {
    const one = sinkhornScores(logits, 2, 2, 1);
    expect(one.passes).toBe(1);
    expect(one.converged).toBe(false);
    const full = sinkhornScores(logits, 2, 2);
    expect(full.passes).toBeGreaterThan(1);
    expect(full.converged).toBe(true);
  });

  it('subtracting the row maximum gives Megatron’s result, and survives logits exp cannot hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), (T, E) =>
        fc.assert(
          fc.property(logitsArb(T, E), (z) => {
            const ours = sinkhornScores(z, T, E);
            const theirs = megatronSinkhorn(z, T, E, ours.passes);
            for (let i = 0; i < T * E; i++) expect(ours.balanced[i]).toBeCloseTo(theirs[i], 6);
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 30 },
    );
    const huge = route(rows([[800, 0], [0, 800]]), 2, 2, { scheme: 'sinkhorn', k: 1 });
    expect(Array.from(huge.experts)).toEqual([0, 1]);
    expect(huge.balanced!.every(Number.isFinite)).toBe(true);
  });

  it('balances each expert’s column to 1/E, and once converged each token’s row to about 1/T', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 6 }), fc.integer(), (T, E, seed) => {
        const z = Float32Array.from({ length: T * E }, (_, i) => Math.sin(seed + i * 7.1) * 2);
        const s = sinkhornScores(z, T, E);
        // the last half-pass scales the columns, so they hold exactly; the rows within the tolerance
        for (let e = 0; e < E; e++) {
          let col = 0;
          for (let t = 0; t < T; t++) col += s.balanced[t * E + e];
          expect(col * E).toBeCloseTo(1, 6);
        }
        if (!s.converged) return;
        for (let t = 0; t < T; t++) {
          let row = 0;
          for (let e = 0; e < E; e++) row += s.balanced[t * E + e];
          expect(row * T).toBeCloseTo(1, 2);
        }
      }),
      { numRuns: 60 },
    );
    expect(SINKHORN_TOLERANCE).toBe(1e-4);
  });
});

/** Megatron's sinkhorn() as written, in float64, for the given number of passes. */
function megatronSinkhorn(z: Float32Array, T: number, E: number, passes: number): Float64Array {
  const cost = Float64Array.from(z, Math.exp);
  const d0 = new Float64Array(T).fill(1);
  const d1 = new Float64Array(E).fill(1);
  for (let p = 0; p < passes; p++) {
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (let e = 0; e < E; e++) s += d1[e] * cost[t * E + e];
      d0[t] = 1 / T / (s + 1e-8);
    }
    for (let e = 0; e < E; e++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += d0[t] * cost[t * E + e];
      d1[e] = 1 / E / (s + 1e-8);
    }
  }
  return Float64Array.from({ length: T * E }, (_, i) => d1[i % E] * cost[i] * d0[Math.floor(i / E)]);
}
