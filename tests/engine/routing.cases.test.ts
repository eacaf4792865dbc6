// Hand-checked cases, one or more per scheme and per drop policy. Each expectation was worked
// out on paper from the rule in docs/routing.md; the comment says why.

import { describe, expect, it } from 'vitest';
import { route, splitmix32 } from '../../src/engine/routing';
import { droppedLabels, logit, perToken, rounded, rows } from './helpers';

const LN2 = Math.log(2);
const LN3 = Math.log(3);
const LN4 = Math.log(4);

describe('token-choice: the three normalisations', () => {
  // softmax([0, ln2, ln3, ln4]) = [0.1, 0.2, 0.3, 0.4]; top-2 picks experts 3 then 2
  const logits = rows([[0, LN2, LN3, LN4]]);
  it.each([
    ['softmax-topk', [0.4, 0.3]], // the full softmax, not renormalised
    ['topk-softmax', [4 / 7, 3 / 7]], // softmax over ln4, ln3 only
    ['softmax-topk-renorm', [4 / 7, 3 / 7]], // 0.4/0.7 and 0.3/0.7
  ] as const)('%s gives weights %j', (normalize, weights) => {
    const r = route(logits, 1, 4, { scheme: 'token-choice', k: 2, normalize });
    expect(Array.from(r.experts)).toEqual([3, 2]);
    expect(rounded(r.weights, 6)).toEqual(rounded(weights, 6));
    expect(rounded(r.probs, 6)).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(r.capacity).toBeNull();
    expect(Array.from(r.load)).toEqual([0, 0, 1, 1]);
    expect(rounded(r.combine, 6)).toEqual(rounded([0, 0, weights[1], weights[0]], 6));
  });

  it('k = 1 with a renormalising scheme gives every token the weight 1', () => {
    // p = [0.25, 0.75]: softmax-topk keeps 0.75, the other two renormalise it to 1
    const logits2 = rows([[0, LN3]]);
    expect(route(logits2, 1, 2, { scheme: 'token-choice', k: 1, normalize: 'softmax-topk' }).weights[0]).toBeCloseTo(0.75, 6);
    expect(route(logits2, 1, 2, { scheme: 'token-choice', k: 1, normalize: 'topk-softmax' }).weights[0]).toBe(1);
    expect(route(logits2, 1, 2, { scheme: 'token-choice', k: 1, normalize: 'softmax-topk-renorm' }).weights[0]).toBe(1);
  });

  it('defaults to topk-softmax', () => {
    const r = route(logits, 1, 4, { scheme: 'token-choice', k: 2 });
    expect(r.weights[0]).toBeCloseTo(4 / 7, 6);
  });

  it('breaks ties to the lower expert index', () => {
    // three equal best logits: experts 0 and 1 win, in that order
    const r = route(rows([[1, 1, 1, 0]]), 1, 4, { scheme: 'token-choice', k: 2, normalize: 'softmax-topk' });
    expect(Array.from(r.experts)).toEqual([0, 1]);
    expect(r.weights[0]).toBe(r.weights[1]);
  });
});

describe('capacity and the four drop policies', () => {
  // T=4, E=3, k=2, CF=0.75: C = ceil(4·2·0.75/3) = 2. With topk-softmax, weight of the first
  // choice is sigmoid(z0 - z1) of the two chosen logits:
  //   t0 [2, 1, -5]   → e0 .731, e1 .269
  //   t1 [1, 3, -5]   → e1 .881, e0 .119
  //   t2 [4, -5, 0]   → e0 .982, e2 .018
  //   t3 [5, .5, -5]  → e0 .989, e1 .011
  // Load before dropping: e0 4 (over by 2), e1 3 (over by 1), e2 1.
  const logits = rows([
    [2, 1, -5],
    [1, 3, -5],
    [4, -5, 0],
    [5, 0.5, -5],
  ]);
  const spec = { scheme: 'token-choice', k: 2, capacityFactor: 0.75 } as const;

  it('routes and counts as worked out', () => {
    const r = route(logits, 4, 3, spec);
    expect(perToken(r.experts, 2)).toEqual([[0, 1], [1, 0], [0, 2], [0, 1]]);
    expect(r.capacity).toBe(2);
    expect(Array.from(r.load)).toEqual([4, 3, 1]);
  });

  it.each([
    // token-major: e0 keeps t0, t1 and drops t2, t3; e1 keeps t0, t1 and drops t3
    ['position', ['t2s0', 't3s0', 't3s1']],
    // slot 0 first: e0 ← t0, t2 (t3 dropped); e1 ← t1; slot 1: t0→e1 fits, t1→e0 full, t3→e1 full
    ['slot-major', ['t1s1', 't3s0', 't3s1']],
    // per expert the two largest weights: e0 keeps t3 .989, t2 .982; e1 keeps t1 .881, t0 .269
    ['probs', ['t0s0', 't1s1', 't3s1']],
    // slot-major with tokens by slot-0 weight t3, t2, t1, t0: e0 ← t3, t2 so t0's first choice
    // is dropped; slot 1: t3→e1, t2→e2, t1→e0 full, t0→e1 full
    ['bpr', ['t0s0', 't0s1', 't1s1']],
  ] as const)('%s drops %j', (dropPolicy, expected) => {
    const r = route(logits, 4, 3, { ...spec, dropPolicy });
    expect(droppedLabels(r)).toEqual(expected);
    expect(Array.from(r.kept)).toEqual([2, 2, 1]);
    // a dropped choice contributes nothing; survivors are not renormalised
    for (let i = 0; i < 8; i++) {
      const t = Math.floor(i / 2);
      expect(r.combine[t * 3 + r.experts[i]]).toBe(r.dropped[i] ? 0 : r.weights[i]);
    }
  });

  it('defaults to slot-major', () => {
    expect(droppedLabels(route(logits, 4, 3, spec))).toEqual(['t1s1', 't3s0', 't3s1']);
  });

  it.each([
    // [T, k, E, CF, C]
    [4, 2, 3, 0.75, 2],
    [10, 1, 4, 1.25, 4], // 3.125 → 4
    [8, 2, 4, 1, 4], // exactly 4: no rounding up
    [100, 1, 110, 1.1, 1], // 100·1.1/110 is exactly 1; in floating point it is 1.0000000000000002 → 2
    [64, 8, 256, 1.25, 3], // 2.5 → 3
    [3, 1, 8, 0.25, 1], // 0.09375 → 1: a capacity is never 0
  ])('T=%i k=%i E=%i CF=%f gives C=%i', (T, k, E, capacityFactor, C) => {
    const logits2 = new Float32Array(T * E);
    const r = route(logits2, T, E, { scheme: 'token-choice', k, capacityFactor });
    expect(r.capacity).toBe(C);
  });
});

describe('expert-choice', () => {
  // E=2, so p(e0) = sigmoid(z0 - z1): t0 .881, t1 .5, t2 .269, t3 .731. CF=1: C = ceil(4/2) = 2.
  const logits = rows([
    [2, 0],
    [0, 0],
    [-1, 0],
    [1, 0],
  ]);
  it('each expert takes its C best tokens; a token may get none or several', () => {
    const r = route(logits, 4, 2, { scheme: 'expert-choice', k: 1, capacityFactor: 1 });
    expect(r.capacity).toBe(2);
    expect(r.k).toBe(2);
    // e0 takes t0 (.881) and t3 (.731); e1 takes t2 (.731) and t1 (.5)
    expect(Array.from(r.expertTokens!)).toEqual([0, 3, 2, 1]);
    expect(perToken(r.experts, 2)).toEqual([[0, -1], [1, -1], [1, -1], [0, -1]]);
    expect(rounded(r.weights, 3)).toEqual([0.881, 0, 0.5, 0, 0.731, 0, 0.731, 0]);
    expect(Array.from(r.load)).toEqual([2, 2]);
    expect(Array.from(r.kept)).toEqual([2, 2]);
    expect(r.dropped.every((d) => d === 0)).toBe(true);
  });

  it('breaks ties to the lower token index, and defaults to CF 2', () => {
    // all scores equal: with CF 1 both experts take tokens 0 and 1, which then get two experts each
    const r = route(new Float32Array(8), 4, 2, { scheme: 'expert-choice', k: 1, capacityFactor: 1 });
    expect(Array.from(r.expertTokens!)).toEqual([0, 1, 0, 1]);
    expect(perToken(r.experts, 2)).toEqual([[0, 1], [0, 1], [-1, -1], [-1, -1]]);
    // CF 2: C = min(T, ceil(4·2/2)) = 4, every expert takes every token
    expect(route(logits, 4, 2, { scheme: 'expert-choice', k: 1 }).capacity).toBe(4);
    expect(route(logits, 4, 2, { scheme: 'expert-choice', k: 1, capacityFactor: 4 }).capacity).toBe(4);
  });
});

describe('deepseek', () => {
  // logits are logit(s), so the sigmoid scores are s = [.9, .1, .6, .5]
  const logits = rows([[logit(0.9), logit(0.1), logit(0.6), logit(0.5)]]);

  it('keeps the best group, even when the best expert is outside it', () => {
    // groups {0,1} score .9+.1 = 1.0 and {2,3} score .6+.5 = 1.1: only the second is kept
    const r = route(logits, 1, 4, { scheme: 'deepseek', k: 2, groups: 2, topkGroups: 1, routedScale: 2.5 });
    expect(Array.from(r.experts)).toEqual([2, 3]);
    // weights .6/1.1 and .5/1.1, times the routed scale 2.5
    expect(rounded(r.weights, 5)).toEqual(rounded([(0.6 / 1.1) * 2.5, (0.5 / 1.1) * 2.5], 5));
    expect(rounded(r.probs, 5)).toEqual([0.9, 0.1, 0.6, 0.5]);
  });

  it('selects with the bias but weighs without it', () => {
    // biased scores [.9, .1, .6, 1.0]: expert 3 is chosen; k = 1 gives the weight routedScale
    const r = route(logits, 1, 4, { scheme: 'deepseek', k: 1, bias: Float32Array.of(0, 0, 0, 0.5), routedScale: 2 });
    expect(Array.from(r.experts)).toEqual([3]);
    expect(r.weights[0]).toBeCloseTo(2, 6);
    expect(r.probs[3]).toBeCloseTo(0.5, 6); // probs are before bias
  });

  it('orders slots by weight, not by biased score', () => {
    // biased [.9, .1, .6, .95]: chosen 3 then 0 by biased score, but weights .5/1.4 < .9/1.4
    const r = route(logits, 1, 4, { scheme: 'deepseek', k: 2, bias: Float32Array.of(0, 0, 0, 0.45) });
    expect(Array.from(r.experts)).toEqual([0, 3]);
    expect(rounded(r.weights, 5)).toEqual(rounded([0.9 / 1.4, 0.5 / 1.4], 5));
  });

  it('scores a one-expert group by its one score', () => {
    // groups of one: the kept two groups are the two best experts, 0 and 2
    const r = route(logits, 1, 4, { scheme: 'deepseek', k: 2, groups: 4, topkGroups: 2 });
    expect(Array.from(r.experts)).toEqual([0, 2]);
  });
});

describe('noisy-topk', () => {
  it('selects on z + noise, weighs with a softmax over the noisy values, reports clean probs', () => {
    // H = [1, 2, 0]: expert 1 wins although its clean logit is lower
    const logits = rows([[1, 0, 0]]);
    const noise = Float32Array.of(0, 2, 0);
    const r1 = route(logits, 1, 3, { scheme: 'noisy-topk', k: 1, noise });
    expect(Array.from(r1.experts)).toEqual([1]);
    expect(r1.weights[0]).toBe(1);
    const r2 = route(logits, 1, 3, { scheme: 'noisy-topk', k: 2, noise });
    expect(Array.from(r2.experts)).toEqual([1, 0]);
    // softmax([2, 1]) = [e/(e+1), 1/(e+1)]
    expect(rounded(r2.weights, 5)).toEqual(rounded([Math.E / (Math.E + 1), 1 / (Math.E + 1)], 5));
    const z = Math.E + 2;
    expect(rounded(r2.probs, 5)).toEqual(rounded([Math.E / z, 1 / z, 1 / z], 5));
  });

  it('without noise is token-choice with topk-softmax', () => {
    const logits = rows([[0.3, -1, 2, 0.5]]);
    const a = route(logits, 1, 4, { scheme: 'noisy-topk', k: 2 });
    const b = route(logits, 1, 4, { scheme: 'token-choice', k: 2, normalize: 'topk-softmax' });
    expect(a.experts).toEqual(b.experts);
    expect(a.weights).toEqual(b.weights);
  });
});

describe('hash', () => {
  // an independent splitmix32 in BigInt arithmetic, to pin the 32-bit integer maths
  const M = 1n << 32n;
  function splitmixRef(x: number): number {
    let z = (BigInt(x >>> 0) + 0x9e3779b9n) % M;
    z = ((z ^ (z >> 16n)) * 0x21f0aaadn) % M;
    z = ((z ^ (z >> 15n)) * 0x735a2d97n) % M;
    return Number(z ^ (z >> 15n));
  }

  it.each([0, 1, 5, 12345, -1, 0x7fffffff])('splitmix32(%i) matches the BigInt reference', (x) => {
    expect(splitmix32(x)).toBe(splitmixRef(x));
  });

  it('draws k distinct experts from the hash chain, weight 1/k, slots in expert order', () => {
    const E = 4;
    const tokenIds = Int32Array.of(5, 5, 9);
    const seed = 7;
    const r = route(new Float32Array(3 * E), 3, E, { scheme: 'hash', k: 2, tokenIds, seed });
    for (let t = 0; t < 3; t++) {
      const want: number[] = [];
      for (let h = splitmixRef(tokenIds[t] ^ seed); want.length < 2; h = splitmixRef(h)) {
        if (!want.includes(h % E)) want.push(h % E);
      }
      // equal weights, so the slot order is the tie rule: lower expert first
      expect(Array.from(r.experts.slice(t * 2, t * 2 + 2))).toEqual(want.sort((a, b) => a - b));
    }
    expect(Array.from(r.weights)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    // the same token id goes to the same experts, whatever the logits
    expect(r.experts.slice(0, 2)).toEqual(r.experts.slice(2, 4));
  });

  it('ignores the logits for the choice but reports their softmax', () => {
    const tokenIds = Int32Array.of(1, 2);
    const a = route(rows([[9, 0], [0, 9]]), 2, 2, { scheme: 'hash', k: 1, tokenIds });
    const b = route(rows([[0, 9], [9, 0]]), 2, 2, { scheme: 'hash', k: 1, tokenIds });
    expect(a.experts).toEqual(b.experts);
    expect(a.probs[0]).toBeGreaterThan(0.99);
  });
});

describe('soft', () => {
  // logits [[0, ln3], [ln3, 0]]: rows softmax to [.25, .75] and [.75, .25]; columns likewise
  const logits = rows([[0, LN3], [LN3, 0]]);
  it('combines over experts per token and dispatches over tokens per expert', () => {
    const r = route(logits, 2, 2, { scheme: 'soft', k: 1 });
    expect(r.k).toBe(2);
    expect(rounded(r.combine, 6)).toEqual([0.25, 0.75, 0.75, 0.25]);
    expect(rounded(r.dispatch!, 6)).toEqual([0.25, 0.75, 0.75, 0.25]);
    expect(perToken(r.experts, 2)).toEqual([[1, 0], [0, 1]]);
    expect(rounded(r.weights, 6)).toEqual([0.75, 0.25, 0.75, 0.25]);
    expect(r.capacity).toBeNull();
    expect(r.dropped.every((d) => d === 0)).toBe(true);
  });

  it('makes the dispatch depend on the other tokens (not causal)', () => {
    const one = route(rows([[0, 0]]), 1, 2, { scheme: 'soft', k: 1 });
    const two = route(rows([[0, 0], [LN4, 0]]), 2, 2, { scheme: 'soft', k: 1 });
    expect(one.dispatch![0]).toBe(1);
    expect(two.dispatch![0]).toBeCloseTo(0.2, 6); // 1 / (1 + 4)
  });
});
