// Counting a routing's choices and drops: pads are no choice, and a range counts one token's slots.

import { describe, expect, it } from 'vitest';
import { randomLogits } from '../../../src/engine/datasets/randomLogits';
import { countChoices, routingMetrics } from '../../../src/engine/model/metrics';
import { route } from '../../../src/engine/routing/route';

describe('countChoices', () => {
  it('counts the slots with an expert and the dropped ones among them, leaving out -1 pads', () => {
    const experts = Int32Array.from([0, 2, -1, 1, -1, 3]);
    const dropped = Uint8Array.from([0, 1, 0, 1, 0, 0]);
    expect(countChoices(experts, dropped)).toEqual({ choices: 4, dropped: 2 });
    expect(countChoices(new Int32Array(0), new Uint8Array(0))).toEqual({ choices: 0, dropped: 0 });
  });

  it('counts a range of slots (one token: k slots from t·k)', () => {
    const experts = Int32Array.from([0, 1, 2, -1]);
    const dropped = Uint8Array.from([1, 0, 1, 0]);
    expect(countChoices(experts, dropped, 2, 4)).toEqual({ choices: 1, dropped: 1 });
    expect(countChoices(experts, dropped, 0, 2)).toEqual({ choices: 2, dropped: 1 });
  });

  it('agrees with the per-expert load and kept of a routing, and gives its drop rate', () => {
    const T = 64;
    const E = 4;
    const r = route(randomLogits(T, E, 3), T, E, { scheme: 'token-choice', k: 2, capacityFactor: 0.75 });
    const c = countChoices(r.experts, r.dropped);
    const sum = (a: Int32Array) => a.reduce((x, y) => x + y, 0);
    expect(c.choices).toBe(sum(r.load));
    expect(c.choices - c.dropped).toBe(sum(r.kept));
    expect(c.dropped).toBeGreaterThan(0);
    expect(routingMetrics(r, randomLogits(T, E, 3)).dropRate).toBeCloseTo(c.dropped / c.choices, 10);
  });
});
