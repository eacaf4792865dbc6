// The scheme table's traits are claims about route(); these properties hold each claim against
// what route() does, for every scheme in the table, so a wrong entry fails here and not in a view.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBalanceLoss } from '../../src/engine/model/lossValues';
import { route, SCHEMES, SCHEME_TRAITS, traitsOf, gateFormula, isScheme, scoreFunctionOf } from '../../src/engine/routing';
import { ALL, caseArb } from './arbitraries';

const runs = { numRuns: 150 };

describe('the scheme table', () => {
  it('lists every scheme once, in the order of its entries, and knows its own names', () => {
    expect(SCHEMES).toEqual(Object.keys(SCHEME_TRAITS));
    expect(new Set(SCHEMES).size).toBe(SCHEMES.length);
    for (const s of SCHEMES) expect(isScheme(s)).toBe(true);
    expect(isScheme('nope')).toBe(false);
    expect(isScheme('toString')).toBe(false);
  });

  it('resolves the gate formula from the settings only where the scheme takes them', () => {
    for (const s of SCHEMES) {
      const own = traitsOf(s).gate;
      for (const normalize of ['softmax-topk', 'topk-softmax', 'softmax-topk-renorm'] as const) {
        const got = gateFormula(s, { k: 2, normalize });
        if (own === 'normalize-setting') expect(got).toBe(normalize);
        else if (own === 'deepseek-settings') expect(got).toBe('normalised-sigmoid');
        else if (own === 'sinkhorn') expect(got).toBe('softmax-topk');
        else expect(got).toBe(own);
      }
    }
  });

  it('deepseek: the score function and weight normalisation pick the formula; sinkhorn: k does', () => {
    const ds = (scoreFunction: 'sigmoid' | 'softmax', normalizeWeights: boolean) =>
      gateFormula('deepseek', { k: 6, scoreFunction, normalizeWeights });
    expect(ds('sigmoid', true)).toBe('normalised-sigmoid');
    expect(ds('sigmoid', false)).toBe('sigmoid');
    expect(ds('softmax', true)).toBe('softmax-topk-renorm');
    expect(ds('softmax', false)).toBe('softmax-topk');
    expect(gateFormula('sinkhorn', { k: 1 })).toBe('sigmoid');
    expect(gateFormula('sinkhorn', { k: 3 })).toBe('softmax-topk');
    expect(scoreFunctionOf('deepseek', {})).toBe('sigmoid');
    expect(scoreFunctionOf('deepseek', { scoreFunction: 'softmax' })).toBe('softmax');
    expect(scoreFunctionOf('token-choice', { scoreFunction: 'sigmoid' })).toBe('softmax');
  });
});

describe.each(ALL)('%s: its traits describe what route() does', (scheme) => {
  const traits = traitsOf(scheme);

  it('perToken: k slots per token as asked, or E when the experts pick', () => {
    fc.assert(
      fc.property(caseArb(scheme), (c) => {
        const r = route(c.logits, c.T, c.E, c.spec);
        expect(r.scheme).toBe(scheme);
        expect(r.k).toBe(traits.perToken ? c.spec.k : c.E);
      }),
      runs,
    );
  });

  it('drops and capacity: never a drop where it has none, no capacity where none is set', () => {
    fc.assert(
      fc.property(caseArb(scheme), (c) => {
        const r = route(c.logits, c.T, c.E, c.spec);
        if (!traits.drops) expect(r.dropped.every((d) => d === 0)).toBe(true);
        // BASE: no capacity factor, but in training every expert's fixed share T/E is its capacity
        if (traits.exactShares && c.spec.mode !== 'eval') expect(r.capacity).toBe(c.T / c.E);
        else if (traits.capacity === 'none') expect(r.capacity).toBeNull();
        if (traits.capacity === 'per-expert') expect(r.capacity).not.toBeNull();
      }),
      runs,
    );
  });

  it('scores: softmax rows sum to 1; sigmoid scores are each logit’s own', () => {
    fc.assert(
      fc.property(caseArb(scheme), (c) => {
        const r = route(c.logits, c.T, c.E, c.spec);
        for (let t = 0; t < c.T; t++) {
          const row = Array.from(r.probs.subarray(t * c.E, (t + 1) * c.E));
          expect(r.scoreFunction).toBe(scoreFunctionOf(scheme, c.spec));
          if (r.scoreFunction === 'softmax') expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
          else row.forEach((p, e) => expect(p).toBeCloseTo(1 / (1 + Math.exp(-c.logits[t * c.E + e])), 5));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('balance: a load-balance loss exactly where one is defined', () => {
    fc.assert(
      fc.property(caseArb(scheme), (c) => {
        const loss = loadBalanceLoss(route(c.logits, c.T, c.E, c.spec));
        expect(Number.isNaN(loss)).toBe(traits.balance === 'by-construction');
      }),
      { numRuns: 50 },
    );
  });

  // a scheme routed per sequence is causal if a group's weights depend on no later token (below)
  const alone = traits.causal && !traits.needs.includes('sequences');
  it.runIf(alone)('causal: a token routed alone (dropless) gets the weights it gets in the batch', () => {
    fc.assert(
      fc.property(caseArb(scheme), (c) => {
        const spec = { ...c.spec, capacityFactor: traits.capacity === 'per-token' ? null : c.spec.capacityFactor };
        const batch = route(c.logits, c.T, c.E, spec);
        const alone = (t: number) => {
          const one = { ...spec, tokenIds: spec.tokenIds?.subarray(t, t + 1), domains: spec.domains?.subarray(t, t + 1), noise: spec.noise?.subarray(t * c.E, (t + 1) * c.E) };
          return route(c.logits.slice(t * c.E, (t + 1) * c.E), 1, c.E, one);
        };
        const same = Array.from({ length: c.T }, (_, t) => {
          const r = alone(t);
          return Array.from(r.combine).every((w, e) => Math.abs(w - batch.combine[t * c.E + e]) < 1e-6);
        });
        if (traits.causal) expect(same.every(Boolean)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it.runIf(traits.causal && traits.needs.includes('sequences'))(
    'causal per group: a group that does not open its sequence keeps its weights when later tokens change',
    () => {
      fc.assert(
        fc.property(caseArb(scheme), fc.nat(), (c, pick) => {
          const batch = route(c.logits, c.T, c.E, c.spec);
          const { groupLen, weights, from } = batch.merge!;
          const g = pick % from.length;
          const later = Float32Array.from(c.logits, (v, i) => (i >= g * groupLen * c.E ? v + 3 * ((i % 5) - 2) : v));
          const moved = route(later, c.T, c.E, c.spec).merge!;
          if (from[g] >= 0) expect(Array.from(moved.weights.subarray(g * c.E, (g + 1) * c.E))).toEqual(Array.from(weights.subarray(g * c.E, (g + 1) * c.E)));
        }),
        { numRuns: 60 },
      );
    },
  );
});
