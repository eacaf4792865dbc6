// @vitest-environment node
// Expert merging in a snapshot: each expert's mean merge weight over the batch's tokens (a short
// last group counting its tokens only), and the groups' weights only within the limit.

import { describe, expect, it } from 'vitest';
import { route } from '../../src/engine/routing/route';
import { snapshotMerge } from '../../src/worker/snapshotMerge';

describe('snapshotMerge', () => {
  // T = 5, L = 2: sequences {0, 1}, {2, 3} and the short {4}
  const logits = Float32Array.from([2, 0, 2, 0, 0, 0, 0, 0, 0, 1]);
  const r = route(logits, 5, 2, { scheme: 'smear', k: 1, seqLen: 2 });

  it('averages the groups’ weights by the tokens they hold', () => {
    const w = r.merge!.weights;
    const m = snapshotMerge(r, 1 << 18)!;
    // (2·w₀ + 2·w₁ + 1·w₂) / 5 per expert; sequence 1 is even (0.5, 0.5)
    for (const e of [0, 1]) expect(m.mean[e]).toBeCloseTo((2 * w[e] + 2 * w[2 + e] + w[4 + e]) / 5, 6);
    expect(m.mean[0] + m.mean[1]).toBeCloseTo(1, 6);
    expect(Array.from(m.weights!)).toEqual(Array.from(w));
    expect(m.weights!.buffer).not.toBe(w.buffer);
    expect(Array.from(m.from!)).toEqual([0, 1, 2]);
  });

  it('leaves the groups’ weights out past the limit, keeps the means, and is absent without merging', () => {
    const m = snapshotMerge(r, 5)!;
    expect(m.weights).toBeUndefined();
    expect(m.from).toBeUndefined();
    expect(m.mean).toHaveLength(2);
    expect(snapshotMerge(route(logits, 5, 2, { scheme: 'token-choice', k: 1 }), 1 << 18)).toBeUndefined();
  });
});
