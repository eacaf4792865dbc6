import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coActivation, coActivationLift, conditional, notablePairs } from '../../../src/engine/traces/coactivation';
import { countsLoad, layerLoad, layerShares, layerSummaries, loadSummary, traceLayerLoad } from '../../../src/engine/traces/stats';
import { loadAt, utilisationGrid } from '../../../src/engine/traces/utilisation';
import { countsTrace, tokenLayer, traceOf } from './statsFixtures';

/** A layer of E experts, k distinct choices per token (some padded with -1), from fast-check. */
const layerArb = fc
  .record({ E: fc.integer({ min: 2, max: 12 }), k: fc.integer({ min: 1, max: 4 }), T: fc.integer({ min: 1, max: 40 }) })
  .chain(({ E, k, T }) => {
    const kk = Math.min(k, E);
    const token = fc.shuffledSubarray(Array.from({ length: E }, (_, e) => e), { minLength: kk, maxLength: kk });
    const padded = fc.tuple(token, fc.array(fc.boolean(), { minLength: kk, maxLength: kk })).map(([c, pad]) => c.map((e, i) => (pad[i] ? -1 : e)));
    return fc.array(padded, { minLength: T, maxLength: T }).map((choices) => tokenLayer(E, choices));
  });

describe('layer load', () => {
  it('counts choices per expert and skips pads', () => {
    // tokens [0,1], [1,2], [1,-1]: expert 0 once, 1 three times, 2 once, 3 never
    const l = tokenLayer(4, [[0, 1], [1, 2], [1, -1]]);
    expect(Array.from(layerLoad(l))).toEqual([1, 3, 1, 0]);
  });

  it('sums counts records over steps, layer by layer', () => {
    // layer 0: [1,2,3] + [4,0,1] = [5,2,4]; layer 1: [0,0,6]
    const tr = countsTrace(3, [[[1, 2, 3], [4, 0, 1]], [[0, 0, 6]]]);
    expect(Array.from(countsLoad(tr, 0))).toEqual([5, 2, 4]);
    expect(Array.from(traceLayerLoad(tr, 1))).toEqual([0, 0, 6]);
    expect(countsLoad(tr, 7).length).toBe(0);
  });
});

describe('layers × experts share', () => {
  it('keeps each layer its own E', () => {
    // layer 0 (E=2): [1, 3] / 4; layer 1 (E=4): tokens [0],[0],[3],[2]: [2,0,1,1] / 4
    const tr = traceOf([tokenLayer(2, [[1], [1], [0], [1]]), tokenLayer(4, [[0], [0], [3], [2]])]);
    const s = layerShares(tr);
    expect(Array.from(s.E)).toEqual([2, 4]);
    expect(s.maxE).toBe(4);
    expect(Array.from(s.share[0])).toEqual([0.25, 0.75]);
    expect(Array.from(s.share[1])).toEqual([0.5, 0, 0.25, 0.25]);
  });

  it('rows with choices sum to 1', () => {
    fc.assert(
      fc.property(fc.array(layerArb, { minLength: 1, maxLength: 4 }), (layers) => {
        const s = layerShares(traceOf(layers));
        s.share.forEach((row, l) => {
          const sum = row.reduce((a, b) => a + b, 0);
          expect(s.total[l] === 0 ? sum : Math.abs(sum - 1)).toBeLessThan(1e-9);
        });
      }),
    );
  });
});

describe('load summary', () => {
  it('gives max, mean, balancedness, CV and the busiest share', () => {
    // load [6,2,0,0]: total 8, mean 2, max 6, balancedness 2/6 = 1/3;
    // deviations 4,0,-2,-2: variance (16+0+4+4)/4 = 6, CV √6/2 ≈ 1.2247; busiest share 6/8 = 0.75;
    // over 8 tokens (k = 1), expert 0 is on 6/8 of them
    const s = loadSummary(Float64Array.from([6, 2, 0, 0]), 8);
    expect(s).toMatchObject({ E: 4, total: 8, busiest: 0, max: 6, mean: 2, idle: 2, busiestShare: 0.75, busiestTokenShare: 0.75 });
    expect(s.balancedness).toBeCloseTo(1 / 3, 12);
    expect(s.cv).toBeCloseTo(Math.sqrt(6) / 2, 12);
    expect(loadSummary(Float64Array.from([3, 3])).balancedness).toBe(1);
    expect(loadSummary(Float64Array.from([0, 0])).balancedness).toBeNaN();
  });

  it('reads the share of tokens on the busiest expert from the layer’s T', () => {
    // 3 tokens of k = 2: expert 1 on all three tokens → 3/3 = 1; of the 5 kept choices 3/5
    const [s] = layerSummaries(traceOf([tokenLayer(4, [[0, 1], [1, 2], [1, -1]])]));
    expect(s.busiestTokenShare).toBe(1);
    expect(s.busiestShare).toBeCloseTo(0.6, 12);
  });
});

describe('co-activation', () => {
  it('counts tokens per pair, the diagonal tokens per expert', () => {
    // tokens {0,1}, {1,2}, {0,1}, {3,-1}: C01 = 2, C12 = 1, diagonal [2,3,1,1]; N = 4 tokens
    const c = coActivation(tokenLayer(4, [[0, 1], [1, 2], [1, 0], [3, -1]]));
    const at = (i: number, j: number) => c.counts[i * 4 + j];
    expect([at(0, 0), at(1, 1), at(2, 2), at(3, 3)]).toEqual([2, 3, 1, 1]);
    expect([at(0, 1), at(1, 0), at(1, 2), at(0, 3)]).toEqual([2, 2, 1, 0]);
    expect(c.tokens).toBe(4);
    // lift 0–1: 2 · 4 / (2 · 3) = 4/3; P(1 | 0) = 2/2 = 1; P(0 | 1) = 2/3
    expect(coActivationLift(c)[1]).toBeCloseTo(4 / 3, 12);
    expect(conditional(c, 0, 1)).toBe(1);
    expect(conditional(c, 1, 0)).toBeCloseTo(2 / 3, 12);
    const { busiest } = notablePairs(c, 0);
    expect(busiest).toMatchObject({ i: 0, j: 1, count: 2 });
  });

  it('is symmetric, and its diagonal is the load for distinct choices', () => {
    fc.assert(
      fc.property(layerArb, (layer) => {
        const c = coActivation(layer);
        const load = layerLoad(layer);
        for (let i = 0; i < layer.E; i++) {
          expect(c.counts[i * layer.E + i]).toBe(load[i]);
          for (let j = 0; j < layer.E; j++) expect(c.counts[i * layer.E + j]).toBe(c.counts[j * layer.E + i]);
        }
      }),
    );
  });
});

describe('utilisation over time', () => {
  it('buckets by step where the layer has steps', () => {
    // steps 0,0,1,3 with maxCols 2: span 4 → 2 steps a column; column 0 = steps 0–1, column 1 = 2–3
    const l = tokenLayer(3, [[0], [1], [1], [2]], [0, 0, 1, 3]);
    const g = utilisationGrid(traceOf([l]), 0, 2)!;
    expect(g.by).toBe('step');
    expect(Array.from(g.from)).toEqual([0, 2]);
    expect(Array.from(g.to)).toEqual([1, 3]);
    expect(Array.from(loadAt(g, 0))).toEqual([1, 2, 0]);
    expect(Array.from(loadAt(g, 1))).toEqual([0, 0, 1]);
    expect(Array.from(g.total)).toEqual([3, 1]);
  });

  it('buckets by token position otherwise, and by counts steps for counts', () => {
    // 5 tokens, maxCols 2: 3 tokens a column (0–2, 3–4)
    const g = utilisationGrid(traceOf([tokenLayer(2, [[0], [0], [1], [1], [1]])]), 0, 2)!;
    expect(g.by).toBe('token');
    expect(Array.from(g.to)).toEqual([2, 4]);
    expect(Array.from(g.counts)).toEqual([2, 0, 1, 2]);
    const c = utilisationGrid(countsTrace(2, [[[1, 2], [3, 4], [5, 6]]]), 0)!;
    expect(c.cols).toBe(3);
    expect(Array.from(c.counts)).toEqual([1, 3, 5, 2, 4, 6]);
  });

  it('never makes more than the columns asked, and loses no choice', () => {
    fc.assert(
      fc.property(layerArb, fc.integer({ min: 1, max: 10 }), (layer, maxCols) => {
        const g = utilisationGrid(traceOf([layer]), 0, maxCols)!;
        expect(g.cols).toBeLessThanOrEqual(maxCols);
        const sum = g.counts.reduce((a, b) => a + b, 0);
        expect(sum).toBe(layerLoad(layer).reduce((a, b) => a + b, 0));
      }),
    );
  });
});
