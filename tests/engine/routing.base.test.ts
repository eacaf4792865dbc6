// BASE layers (src/engine/routing/base.ts): the exact balanced assignment in training, argmax at
// inference. Hand-worked cases first (each worked on paper, the comment says how), then
// properties against a brute force over every balanced assignment, then the errors.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { routeBase } from '../../src/engine/routing/base';
import { balancedAssignment } from '../../src/engine/routing/balancedAssignment';
import { sigmoid } from '../../src/engine/routing/scores';
import type { RouterOptions, RoutingResult } from '../../src/engine/routing';
import { logitsArb } from './arbitraries';
import { rounded, rows } from './helpers';

const train: RouterOptions = { k: 1 };
const evalMode: RouterOptions = { k: 1, mode: 'eval' };

/** Σ_t z[t, expert(t)], in float64. */
function total(z: Float32Array, E: number, experts: Int32Array): number {
  let s = 0;
  experts.forEach((e, t) => (s += z[t * E + e]));
  return s;
}

/** The largest amount by which some token would gain by leaving its expert at these prices (≤ 0 when they certify). */
function certificateBreach(z: Float32Array, T: number, E: number, experts: Int32Array, prices: ArrayLike<number>): number {
  let worst = -Infinity;
  for (let t = 0; t < T; t++) {
    const own = z[t * E + experts[t]] - prices[experts[t]];
    for (let e = 0; e < E; e++) {
      const scale = 1 + Math.abs(z[t * E + e]) + Math.abs(prices[e]);
      worst = Math.max(worst, (z[t * E + e] - prices[e] - own) / scale);
    }
  }
  return worst;
}

/** Every balanced assignment (C tokens per expert), one by one by DFS; the best total. */
function bruteForceBest(z: Float32Array, T: number, E: number): number {
  const C = T / E;
  const room = new Array<number>(E).fill(C);
  let best = -Infinity;
  const dfs = (t: number, sum: number): void => {
    if (t === T) {
      best = Math.max(best, sum);
      return;
    }
    for (let e = 0; e < E; e++) {
      if (room[e] === 0) continue;
      room[e]--;
      dfs(t + 1, sum + z[t * E + e]);
      room[e]++;
    }
  };
  dfs(0, 0);
  return best;
}

/** T! / (C!)^E: how many balanced assignments the brute force walks. */
function assignments(T: number, E: number): number {
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  return fact(T) / fact(T / E) ** E;
}

/** Shapes with T ≤ 12 whose brute force stays under 40 000 leaves (T = 12, E = 3 is 34 650). */
const SMALL_SHAPES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  .flatMap((T) => Array.from({ length: T }, (_, i) => ({ T, E: i + 1 })))
  .filter(({ T, E }) => T % E === 0 && assignments(T, E) <= 40_000);

const continuousLogits = (T: number, E: number) =>
  fc
    .array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: T * E, maxLength: T * E })
    .map((a) => Float32Array.from(a));

function expectBalanced(r: RoutingResult): void {
  const C = r.T / r.E;
  expect(r.capacity).toBe(C);
  expect(Array.from(r.load)).toEqual(new Array(r.E).fill(C));
  expect(Array.from(r.kept)).toEqual(new Array(r.E).fill(C));
  expect(r.dropped.every((d) => d === 0)).toBe(true);
}

describe('base in training: hand-worked cases', () => {
  it('T=2, E=2: both tokens prefer expert 0; the one with the larger margin keeps it', () => {
    // t0 [3, 1] loses 2 by moving, t1 [2, -1] loses 3: t0 moves, total 1 + 2 = 3 (not 3 - 1 = 2).
    // Prices certify it when 2 ≤ p0 - p1 ≤ 3 (t0: 1 - p1 ≥ 3 - p0; t1: 2 - p0 ≥ -1 - p1).
    const z = rows([
      [3, 1],
      [2, -1],
    ]);
    const r = routeBase(z, 2, 2, train);
    expect(Array.from(r.experts)).toEqual([1, 0]);
    expect(rounded(r.weights, 6)).toEqual(rounded([sigmoid(1), sigmoid(2)], 6));
    const gap = r.prices![0] - r.prices![1];
    expect(gap).toBeGreaterThanOrEqual(2 - 1e-6);
    expect(gap).toBeLessThanOrEqual(3 + 1e-6);
    expectBalanced(r);
    expect(rounded(r.combine, 6)).toEqual(rounded([0, sigmoid(1), sigmoid(2), 0], 6));
  });

  it('T=4, E=2: of the three tokens that prefer expert 0, the one that loses least moves', () => {
    // t0, t1, t2 prefer e0 and lose 4, 1, 2 by moving; t3 prefers e1. C = 2, so one moves: t1.
    // Total 4 + 2 + 2 + 1 = 9. Taking the largest logits first (t0 4, t1 3) would force t2 to
    // e1: 4 + 3 + 0 + 1 = 8. Certified by 1 ≤ p0 - p1 ≤ 2 (t1's loss, t2's loss).
    const z = rows([
      [4, 0],
      [3, 2],
      [2, 0],
      [0, 1],
    ]);
    const r = routeBase(z, 4, 2, train);
    expect(Array.from(r.experts)).toEqual([0, 1, 0, 1]);
    expect(total(z, 2, r.experts)).toBe(9);
    const gap = r.prices![0] - r.prices![1];
    expect(gap).toBeGreaterThanOrEqual(1 - 1e-6);
    expect(gap).toBeLessThanOrEqual(2 + 1e-6);
    expectBalanced(r);
  });

  it('T=3, E=3: two greedy rules fall short where the exact assignment does not', () => {
    // Every token prefers e2. Losses by moving to the second best: t0 3, t1 1, t2 2.
    //   most attached first: t0 → e2 (5), t2 → e1 (4), t1 → e0 (1): 10
    //   largest logit first: t1 → e2 (8), t2 → e1 (4), t0 → e0 (0):  12
    // The optimum of the 3! = 6 assignments is t0 → e2 (5), t1 → e1 (7), t2 → e0 (3): 15. t2
    // takes e0 and gives up 3 so that t1 gives up only 1; the margin greedy lets t2 take e1,
    // which costs it 2 but leaves t1 e0 at a cost of 7. Neither greedy looks past one token.
    const z = rows([
      [0, 2, 5],
      [1, 7, 8],
      [3, 4, 6],
    ]);
    const r = routeBase(z, 3, 3, train);
    expect(Array.from(r.experts)).toEqual([2, 1, 0]);
    expect(total(z, 3, r.experts)).toBe(15);
    expect(certificateBreach(z, 3, 3, r.experts, r.prices!)).toBeLessThanOrEqual(1e-6);
    expect(bruteForceBest(z, 3, 3)).toBe(15);
  });

  it('E = 1 takes every token, and T = E is a one-to-one assignment', () => {
    const one = routeBase(rows([[0.5], [-2], [3]]), 3, 1, train);
    expect(Array.from(one.experts)).toEqual([0, 0, 0]);
    expectBalanced(one);
    // t0 [1, 0], t1 [5, 0]: t1 gains 5 from e0, t0 only 1, so t1 takes it
    expect(Array.from(routeBase(rows([[1, 0], [5, 0]]), 2, 2, train).experts)).toEqual([1, 0]);
  });
});

describe('base at inference', () => {
  it('takes each token’s best expert, ties to the lower index, with no capacity and no prices', () => {
    // t0 ties → e0; t1 → e1; t2 → e0. T = 3 is fine with E = 2 here: nothing is balanced.
    const z = rows([
      [1, 1],
      [0, 2],
      [3, -1],
    ]);
    const r = routeBase(z, 3, 2, evalMode);
    expect(Array.from(r.experts)).toEqual([0, 1, 0]);
    expect(rounded(r.weights, 6)).toEqual(rounded([sigmoid(1), sigmoid(2), sigmoid(3)], 6));
    expect(r.capacity).toBeNull();
    expect(r.prices).toBeUndefined();
    expect(Array.from(r.load)).toEqual([2, 1]);
    expect(Array.from(r.kept)).toEqual([2, 1]);
    expect(Array.from(r.dropped)).toEqual([0, 0, 0]);
  });
});

const shapeArb = fc.constantFrom(...SMALL_SHAPES);
const smallCase = shapeArb.chain(({ T, E }) => continuousLogits(T, E).map((z) => ({ T, E, z })));
/** up to T = 48, E = 8, with the tie-prone logits of the other routing properties */
const tiedCase = fc
  .record({ E: fc.integer({ min: 1, max: 8 }), C: fc.integer({ min: 1, max: 6 }) })
  .chain(({ E, C }) => logitsArb(E * C, E).map((z) => ({ T: E * C, E, z })));

/** router-like logits (randomLogits: per-expert popularity), large enough that the warm start takes rounds */
const routerCase = fc
  .record({
    E: fc.integer({ min: 2, max: 16 }),
    C: fc.integer({ min: 1, max: 40 }),
    seed: fc.integer({ min: 0, max: 10_000 }),
    skew: fc.constantFrom(0, 1, 3),
  })
  .map(({ E, C, seed, skew }) => ({ T: E * C, E, z: randomLogits(E * C, E, seed, skew) }));

describe('base in training: properties', () => {
  it('matches the brute-force optimum over every balanced assignment (T ≤ 12)', () => {
    fc.assert(
      fc.property(smallCase, ({ T, E, z }) => {
        const r = routeBase(z, T, E, train);
        expect(total(z, E, r.experts)).toBeCloseTo(bruteForceBest(z, T, E), 6);
      }),
      { numRuns: 300 },
    );
  });

  it('every expert takes exactly T/E tokens and the prices certify the assignment, ties or not', () => {
    fc.assert(
      fc.property(fc.oneof(smallCase, tiedCase, routerCase), ({ T, E, z }) => {
        const r = routeBase(z, T, E, train);
        expectBalanced(r);
        expect(r.prices).toHaveLength(E);
        expect(certificateBreach(z, T, E, r.experts, r.prices!)).toBeLessThanOrEqual(1e-5);
      }),
      { numRuns: 300 },
    );
  });

  it('weights are the sigmoid of the chosen logit and probs the softmax of each row (both modes)', () => {
    fc.assert(
      fc.property(smallCase, fc.constantFrom(train, evalMode), ({ T, E, z }, spec) => {
        const r = routeBase(z, T, E, spec);
        expect(r.k).toBe(1);
        for (let t = 0; t < T; t++) {
          expect(r.weights[t]).toBeCloseTo(sigmoid(z[t * E + r.experts[t]]), 6);
          const max = Math.max(...z.subarray(t * E, (t + 1) * E));
          let sum = 0;
          for (let e = 0; e < E; e++) sum += Math.exp(z[t * E + e] - max);
          for (let e = 0; e < E; e++) expect(r.probs[t * E + e]).toBeCloseTo(Math.exp(z[t * E + e] - max) / sum, 6);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('at inference every token takes its first best expert', () => {
    fc.assert(
      fc.property(tiedCase, ({ T, E, z }) => {
        const r = routeBase(z, T, E, evalMode);
        for (let t = 0; t < T; t++) {
          const row = Array.from(z.subarray(t * E, (t + 1) * E));
          expect(r.experts[t]).toBe(row.indexOf(Math.max(...row)));
        }
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    [1024, 64, 1],
    [4096, 64, 3],
    [256, 256, 1],
    [2048, 16, 6],
  ])('certifies an exact assignment of random router logits, T=%i E=%i skew %i', (T, E, skew) => {
    const z = randomLogits(T, E, 42, skew);
    const { expert, prices } = balancedAssignment(z, T, E);
    const load = new Int32Array(E);
    expert.forEach((e) => load[e]++);
    expect(load.every((n) => n === T / E)).toBe(true);
    expect(certificateBreach(z, T, E, expert, prices)).toBeLessThanOrEqual(1e-9);
    expect(Math.min(...prices)).toBe(0);
  });
});

describe('base rejects what it cannot route, naming the problem', () => {
  const z = new Float32Array(10 * 4);
  it.each<[string, () => unknown, RegExp]>([
    ['k = 2', () => routeBase(z, 10, 4, { k: 2, mode: 'eval' }), /base routes each token to one expert: k must be 1, got 2/],
    ['E not dividing T', () => routeBase(z, 10, 4, train), /E must divide T: T = 10, E = 4; the nearest T that work are 8 or 12/],
    ['T below E', () => routeBase(new Float32Array(12), 3, 4, train), /T = 3, E = 4; the nearest T that work are 4/],
    ['unknown mode', () => routeBase(z, 10, 4, { k: 1, mode: 'test' as RouterOptions['mode'] }), /unknown mode 'test'/],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('takes any T at inference', () => {
    expect(routeBase(z, 10, 4, evalMode).capacity).toBeNull();
  });
});
