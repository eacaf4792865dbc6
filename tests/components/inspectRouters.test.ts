import { describe, expect, it } from 'vitest';
import { balancedEffect, balancedRowsShown, groupLimit, priceEffect } from '../../src/components/inspectRouters';

describe('groupLimit', () => {
  // one token, E = 6 in 3 groups of 2: group scores (max) 0.5, 0.3, 0.4; (top2-sum) 0.55, 0.6, 0.45
  const probs = Float32Array.of(0.5, 0.05, 0.3, 0.3, 0.4, 0.05);

  it('reads the kept groups, the group scores by the rule, and where the best expert is', () => {
    const v2 = groupLimit(Int32Array.of(0, 2), 1, 0, 6, 1, 3, 'max', probs);
    expect(v2.kept).toEqual([0, 2]);
    expect(v2.size).toBe(2);
    expect(v2.scores![0]).toBeCloseTo(0.5);
    expect(v2.best).toEqual({ expert: 0, group: 0, excluded: false });
    const v3 = groupLimit(Int32Array.of(1), 1, 0, 6, 1, 3, 'top2-sum', probs);
    expect(v3.scores![1]).toBeCloseTo(0.6);
    expect(v3.best).toEqual({ expert: 0, group: 0, excluded: true });
    expect(v3.keptOut).toEqual([0]);
    // with k = 2 the unlimited pick is 0 and 4, both on excluded groups
    expect(groupLimit(Int32Array.of(1), 1, 0, 6, 2, 3, 'top2-sum', probs).keptOut).toEqual([0, 4]);
    expect(v2.keptOut).toEqual([]);
  });

  it('ranks by score + bias, and gives no scores without probs', () => {
    const biased = groupLimit(Int32Array.of(1), 1, 0, 6, 1, 3, 'max', probs, Float32Array.of(0, 0, 0.3, 0, 0, 0));
    expect(biased.best).toEqual({ expert: 2, group: 1, excluded: false });
    expect(groupLimit(Int32Array.of(1, 2, 0, 1), 2, 1, 6, 1, 3, 'max')).toEqual({ size: 2, kept: [0, 1] });
  });
});

describe('balancedEffect', () => {
  it('rescales the balanced row to sum to 1 and names what balancing moved', () => {
    const probs = Float32Array.of(0.6, 0.3, 0.1);
    const balanced = Float32Array.of(0.05, 0.2, 0.0 + 0.05);
    const effect = balancedEffect(probs, balanced, 3, 0, [1]);
    expect(effect.rows.map((r) => r.expert)).toEqual([1, 0, 2]);
    expect(effect.rows.reduce((a, r) => a + r.balanced, 0)).toBeCloseTo(1);
    expect(effect.plain).toEqual([0]);
    expect(effect.added).toEqual([1]);
    expect(effect.removed).toEqual([0]);
    expect(balancedRowsShown(effect, [1], 2).map((r) => r.expert)).toEqual([1, 0]);
  });
});

describe('priceEffect', () => {
  const probs = Float32Array.of(Math.exp(-1), Math.exp(-0.5), Math.exp(-3));

  it('measures the best expert’s lead in score against its extra price', () => {
    const effect = priceEffect(probs, Float32Array.of(0, 0.8, 0), 3, 0, 0)!;
    expect(effect.best).toBe(1);
    expect(effect.advantage).toBeCloseTo(0.5, 5);
    expect(effect.extraPrice).toBeCloseTo(0.8, 5);
    const chosen = effect.rows.find((r) => r.expert === 0)!;
    for (const r of effect.rows) expect(r.net).toBeLessThanOrEqual(chosen.net);
  });

  it('treats a tie for the best score as the chosen expert being the best, and an underflowed score as unreadable', () => {
    const tied = Float32Array.of(0.4, 0.4, 0.2);
    expect(priceEffect(tied, Float32Array.of(0, 0, 0), 3, 0, 1)!.best).toBe(1);
    expect(priceEffect(Float32Array.of(1, 0, 0), Float32Array.of(0, 0, 0), 3, 0, 1)).toBeNull();
  });
});
