// The batch as sequences: indices, rows of sub-tokens, counts per sequence (whole, sampled, with
// every token's kept choices), and the spread of per-sequence balance, on hand-checked cases.

import { describe, expect, it } from 'vitest';
import {
  hasSequences,
  positionOf,
  sequenceBalance,
  sequenceCount,
  sequenceLoad,
  sequenceOf,
  sequenceOfRow,
  sequenceShapeOf,
  tokenOfRow,
  type LoadInput,
} from '../../src/state/sequences';

/** A batch of T rows with k = 1 slot each: the given experts, the given drops. */
function batch(experts: number[], opts: { L: number; E: number; tokens?: number; dropped?: number[] }): LoadInput {
  return {
    T: experts.length,
    E: opts.E,
    k: 1,
    experts: Int32Array.from(experts),
    dropped: Uint8Array.from(opts.dropped ?? experts.map(() => 0)),
    routedWith: { seqLen: opts.L, tokens: opts.tokens ?? experts.length },
  };
}

describe('sequence indices', () => {
  it('maps tokens to sequences and positions (L = 4: token 9 is position 1 of sequence 2)', () => {
    expect([sequenceOf(9, 4), positionOf(9, 4)]).toEqual([2, 1]);
    expect([sequenceOf(3, 4), positionOf(3, 4), sequenceOf(4, 4), positionOf(4, 4)]).toEqual([0, 3, 1, 0]);
    // L = 1: every token its own sequence, always at position 0
    expect([sequenceOf(9, 1), positionOf(9, 1), sequenceCount(9, 1)]).toEqual([9, 0, 9]);
    // a short last sequence counts: 10 tokens of L = 4 are 4, 4, 2
    expect(sequenceCount(10, 4)).toBe(3);
    expect(hasSequences({ seqLen: 1 })).toBe(false);
    expect(hasSequences({ seqLen: 4 })).toBe(true);
  });

  it('maps sub-token rows to their token and sequence (H = 2, L = 4: row 9 is token 4, sequence 1)', () => {
    expect(tokenOfRow(9, 2)).toBe(4);
    expect(sequenceOfRow(9, 4, 2)).toBe(1);
    expect(sequenceOfRow(7, 4, 2)).toBe(0);
    // the default is a row per token
    expect(sequenceOfRow(9, 4)).toBe(2);
  });

  it('reads the shape from the snapshot: rows per token are the rows over the batch’s tokens', () => {
    expect(sequenceShapeOf({ T: 16, routedWith: { seqLen: 4, tokens: 16 } })).toEqual({ L: 4, rowsPerToken: 1, tokens: 16, B: 4 });
    // MH-MoE with H = 2: 32 rows of 16 tokens
    expect(sequenceShapeOf({ T: 32, routedWith: { seqLen: 4, tokens: 16 } })).toEqual({ L: 4, rowsPerToken: 2, tokens: 16, B: 4 });
    expect(sequenceShapeOf({ T: 16, routedWith: { seqLen: 1, tokens: 16 } })).toEqual({ L: 1, rowsPerToken: 1, tokens: 16, B: 16 });
  });
});

describe('sequenceLoad', () => {
  it('counts kept choices per expert per sequence, and every routed one on request', () => {
    // L = 3, E = 2: sequence 0 = experts 0,0,1 (the second dropped), sequence 1 = 1,1,1
    const s = batch([0, 0, 1, 1, 1, 1], { L: 3, E: 2, dropped: [0, 1, 0, 0, 0, 0] });
    const kept = sequenceLoad(s);
    expect(Array.from(kept.counts)).toEqual([1, 1, 0, 3]);
    expect(Array.from(kept.totals)).toEqual([2, 3]);
    expect(kept.complete).toBe(true);
    const routed = sequenceLoad(s, 'routed');
    expect(Array.from(routed.counts)).toEqual([2, 1, 0, 3]);
    expect(Array.from(routed.totals)).toEqual([3, 3]);
  });

  it('skips pads (-1), and counts sub-token rows into their token’s sequence', () => {
    // 8 rows of 4 tokens (H = 2), L = 2: rows 0-3 sequence 0, rows 4-7 sequence 1
    const s = batch([0, 1, -1, 1, 2, 2, 2, 0], { L: 2, E: 3, tokens: 4 });
    const load = sequenceLoad(s);
    expect([load.B, load.rowsPerToken]).toEqual([2, 2]);
    expect(Array.from(load.counts)).toEqual([1, 2, 0, 1, 0, 3]);
  });

  it('a sample counts its rows only and says so; every token’s kept choices make it exact again', () => {
    // 8 tokens, L = 4, the sample carries tokens 0, 2, 4, 6 (stride 2)
    const whole = [0, 1, 0, 1, 1, 1, 1, 0];
    const sampled: LoadInput = {
      ...batch([0, 0, 1, 1], { L: 4, E: 2, tokens: 8 }),
      T: 8,
      sample: { T: 4, stride: 2, k: 1 },
    };
    const part = sequenceLoad(sampled);
    // sequence 0 carries tokens 0 and 2 (both expert 0), sequence 1 tokens 4 and 6 (both expert 1)
    expect(Array.from(part.counts)).toEqual([2, 0, 0, 2]);
    expect(part.complete).toBe(false);
    const exact = sequenceLoad({ ...sampled, choices: Int32Array.from(whole) });
    // sequence 0: 0,1,0,1 → 2, 2; sequence 1: 1,1,1,0 → 1, 3
    expect(Array.from(exact.counts)).toEqual([2, 2, 1, 3]);
    expect(exact.complete).toBe(true);
    // routed counts have no whole-batch source: the sample again
    expect(sequenceLoad({ ...sampled, choices: Int32Array.from(whole) }, 'routed').complete).toBe(false);
  });
});

describe('sequenceBalance', () => {
  it('an even batch of uneven sequences: each sequence on one expert, the batch split evenly', () => {
    // E = 2, L = 2: sequence 0 = 0,0 and sequence 1 = 1,1
    const b = sequenceBalance(sequenceLoad(batch([0, 0, 1, 1], { L: 2, E: 2 })));
    expect(Array.from(b.busiest)).toEqual([1, 1]);
    expect([b.meanBusiest, b.maxBusiest, b.batchBusiest]).toEqual([1, 1, 0.5]);
    // per sequence E·Σf² = 2·(1² + 0²) = 2 (all on one); the batch 2·(0.5² + 0.5²) = 1 (even)
    expect([b.sequenceIndex, b.batchIndex]).toEqual([2, 1]);
  });

  it('averages the busiest shares over the sequences that have choices, and names the most crowded', () => {
    // E = 2, L = 4: sequence 0 = 0,1,0,1 (busiest 1/2), sequence 1 = 1,1,1,0 (3/4), sequence 2 all dropped
    const s = batch([0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0], { L: 4, E: 2, dropped: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1] });
    const b = sequenceBalance(sequenceLoad(s));
    expect(b.counted).toBe(2);
    expect(b.meanBusiest).toBeCloseTo((0.5 + 0.75) / 2, 6);
    expect([b.maxBusiest, b.maxAt]).toEqual([0.75, 1]);
    // the batch keeps 3 on expert 0 and 5 on expert 1: busiest 5/8
    expect(b.batchBusiest).toBeCloseTo(5 / 8, 6);
    // sequences: 2·(¼+¼) = 1 and 2·(9/16 + 1/16) = 1.25, mean 1.125; batch 2·(9/64 + 25/64) = 1.0625
    expect(b.sequenceIndex).toBeCloseTo(1.125, 6);
    expect(b.batchIndex).toBeCloseTo(1.0625, 6);
  });

  it('L = 1: every token is its own sequence, wholly on its expert', () => {
    const b = sequenceBalance(sequenceLoad(batch([0, 1, 2, 3], { L: 1, E: 4 })));
    expect([b.counted, b.meanBusiest, b.batchBusiest]).toEqual([4, 1, 0.25]);
  });
});
