// The capacity what-if on a recorded layer, checked by hand: route()'s capacity and drop code
// applied to a trace's choices and weights.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacityWhatIf, policiesFor } from '../../src/engine/traces/capacityWhatIf';
import type { TraceLayer } from '../../src/engine/traces/types';

// 6 tokens, E = 4, k = 2. Choices (slot 0, slot 1) and weights:
//   t0: 0 1  .6 .4      t3: 0 2  .5 .5
//   t1: 0 2  .9 .1      t4: 1 0  .8 .2
//   t2: 0 3  .7 .3      t5: 3 0  .6 .4
// load: e0 = 6 (t0..t5), e1 = 2 (t0, t4), e2 = 2 (t1, t3), e3 = 2 (t2, t5); 12 choices.
const layer: TraceLayer = {
  name: '0',
  E: 4,
  k: 2,
  T: 6,
  experts: Int32Array.from([0, 1, 0, 2, 0, 3, 0, 2, 1, 0, 3, 0]),
  weights: Float32Array.from([0.6, 0.4, 0.9, 0.1, 0.7, 0.3, 0.5, 0.5, 0.8, 0.2, 0.6, 0.4]),
};

describe('capacityWhatIf', () => {
  it('CF 1: C = ⌈6·2·1/4⌉ = 3; by position expert 0 keeps t0, t1, t2 and drops t3, t4, t5', () => {
    const r = capacityWhatIf(layer, 100, 'position');
    expect(r.capacity).toBe(3);
    expect([...r.load]).toEqual([6, 2, 2, 2]);
    expect([...r.kept]).toEqual([3, 2, 2, 2]);
    // dropped slots: t3 slot 0 (i = 6), t4 slot 1 (i = 9), t5 slot 1 (i = 11)
    expect([...r.dropped]).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1]);
    expect([r.choices, r.droppedChoices, r.droppedShare]).toEqual([12, 3, 0.25]);
    // t3, t4, t5 each lost one choice of two; none lost both
    expect([r.tokensHit, r.tokensLost]).toEqual([3, 0]);
  });

  it('slot-major: every first choice before any second; expert 0 queues t0..t3 (slot 0) then t4, t5 (slot 1)', () => {
    // slot 0 queue for e0: t0, t1, t2, t3 → t3 is the 4th, dropped (C = 3); slot 1: t4, t5 dropped
    const r = capacityWhatIf(layer, 100, 'slot-major');
    expect([...r.dropped]).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1]);
  });

  it('by weight (probs): expert 0 keeps its three largest weights .9 (t1), .7 (t2), .6 (t0)', () => {
    // e0's weights: t0 .6, t1 .9, t2 .7, t3 .5, t4 .2, t5 .4 → drops t3, t4, t5
    const r = capacityWhatIf(layer, 100, 'probs');
    expect([...r.kept]).toEqual([3, 2, 2, 2]);
    expect(r.dropped[6] + r.dropped[9] + r.dropped[11]).toBe(3);
  });

  it('CF 0.5: C = ⌈6·2·0.5/4⌉ = 2, batch prioritized by slot-0 weight', () => {
    // slot-0 weight order: t1 .9, t4 .8, t2 .7, t0 .6, t5 .6, t3 .5 (ties to the lower token)
    // slot 0: e0 takes t1, t2 (t0, t3 dropped); e1 takes t4; e3 takes t5
    // slot 1 in the same token order: t1→e2 ok, t4→e0 dropped, t2→e3 (2nd) ok, t0→e1 (2nd) ok,
    // t5→e0 dropped, t3→e2 (2nd) ok
    const r = capacityWhatIf(layer, 50, 'bpr');
    expect(r.capacity).toBe(2);
    expect([...r.dropped]).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1]);
    expect([...r.kept]).toEqual([2, 2, 2, 2]);
    expect(r.droppedChoices).toBe(4);
  });

  it('CF 2 drops nothing here: C = 6 ≥ every load', () => {
    const r = capacityWhatIf(layer, 200, 'position');
    expect(r.capacity).toBe(6);
    expect(r.droppedChoices).toBe(0);
  });

  it('without weights only the policies that need none, and pads are never counted', () => {
    const bare: TraceLayer = { name: '1', E: 4, k: 2, T: 2, experts: Int32Array.from([0, -1, 0, 1]) };
    expect(policiesFor(bare)).toEqual(['position', 'slot-major']);
    expect(() => capacityWhatIf(bare, 100, 'probs')).toThrow(RangeError);
    // C = ⌈2·2·1/4⌉ = 1: e0 keeps t0, drops t1's first choice
    const r = capacityWhatIf(bare, 100, 'position');
    expect([r.choices, r.droppedChoices, r.tokensHit, r.tokensLost]).toEqual([3, 1, 1, 0]);
  });

  it('kept never exceeds capacity, and kept + dropped = load, for any layer', () => {
    const arb = fc.integer({ min: 1, max: 6 }).chain((E) =>
      fc.record({
        E: fc.constant(E),
        k: fc.integer({ min: 1, max: E }),
        T: fc.integer({ min: 1, max: 20 }),
        cf: fc.integer({ min: 25, max: 400 }),
        seed: fc.integer(),
      }),
    );
    fc.assert(
      fc.property(arb, ({ E, k, T, cf, seed }) => {
        const experts = new Int32Array(T * k);
        for (let t = 0; t < T; t++) for (let j = 0; j < k; j++) experts[t * k + j] = (Math.abs(seed) + t * 7 + j) % E;
        // distinct per token: shift duplicates
        for (let t = 0; t < T; t++) for (let j = 0; j < k; j++) experts[t * k + j] = (experts[t * k] + j) % E;
        const r = capacityWhatIf({ name: 'x', E, k, T, experts }, cf, 'position');
        for (let e = 0; e < E; e++) expect(r.kept[e]).toBeLessThanOrEqual(r.capacity);
        expect(r.droppedChoices).toBe(r.choices - r.kept.reduce((a, b) => a + b, 0));
      }),
    );
  });
});
