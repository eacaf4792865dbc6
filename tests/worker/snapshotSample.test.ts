// The sample of a batch a snapshot carries: which tokens and slots, that every per-token array
// holds the same tokens, and that a small batch goes whole.

import { describe, expect, it } from 'vitest';
import { randomLogits } from '../../src/engine/datasets/randomLogits';
import { route } from '../../src/engine/routing/route';
import { PROBS_LIMIT } from '../../src/worker/protocol';
import { batchSample, batchToken, SAMPLE_SLOTS, SAMPLE_TOKENS, sampleBatch, sampleRows, shownOf } from '../../src/worker/snapshotSample';

function batchOf(T: number) {
  return {
    points: Float32Array.from({ length: 2 * T }, (_, i) => i / 10),
    labels: Int32Array.from({ length: T }, (_, t) => t % 3),
    tokenIds: Int32Array.from({ length: T }, (_, t) => 100 + t),
    domain: Uint8Array.from({ length: T }, (_, t) => t % 4),
  };
}

describe('batchSample', () => {
  it('carries a small batch whole', () => {
    expect(batchSample(256, 2)).toBeUndefined();
    expect(batchSample(SAMPLE_TOKENS, 8)).toBeUndefined();
  });

  it('takes every stride-th token of a large batch, at most SAMPLE_TOKENS of them', () => {
    expect(batchSample(16384, 2)).toEqual({ T: 2048, stride: 8, k: 2 });
    // a stride that does not divide T still reaches the last rows
    expect(batchSample(5000, 2)).toEqual({ T: 1667, stride: 3, k: 2 });
    for (const T of [2049, 3000, 16384, 65536]) {
      const s = batchSample(T, 2)!;
      expect(s.T).toBeLessThanOrEqual(SAMPLE_TOKENS);
      expect((s.T - 1) * s.stride).toBeLessThan(T);
      expect(s.T * s.stride).toBeGreaterThanOrEqual(T);
    }
  });

  it('keeps the top slots when tokens × slots pass SAMPLE_SLOTS (soft MoE, expert choice)', () => {
    expect(batchSample(16384, 512)).toEqual({ T: 2048, stride: 8, k: SAMPLE_SLOTS / 2048 });
    expect(batchSample(256, 512)).toEqual({ T: 256, stride: 1, k: SAMPLE_SLOTS / 256 });
    expect(batchSample(64, 8, 16, 32)).toEqual({ T: 16, stride: 4, k: 2 });
  });
});

describe('sampleRows', () => {
  it('copies rows 0, stride, 2·stride, … cut to their first columns, into a fresh buffer', () => {
    const a = Int32Array.from({ length: 10 * 3 }, (_, i) => i);
    const out = sampleRows(a, 3, { T: 4, stride: 3, k: 2 }, 2);
    expect(Array.from(out)).toEqual([0, 1, 9, 10, 18, 19, 27, 28]);
    expect(out).toBeInstanceOf(Int32Array);
    const whole = sampleRows(a, 3, undefined);
    expect(Array.from(whole)).toEqual(Array.from(a));
    expect(whole.buffer).not.toBe(a.buffer);
  });
});

describe('sampleBatch', () => {
  it('gives every per-token array the same tokens, each with its highest-weight slots', () => {
    const [T, E] = [64, 8];
    const r = route(randomLogits(T, E, 3), T, E, { scheme: 'soft', k: E });
    const batch = batchOf(T);
    const predicted = Int32Array.from({ length: T }, (_, t) => (t * 7) % 3);
    const s = sampleBatch(r, batch, predicted, PROBS_LIMIT, { tokens: 16, slots: 48 });
    expect(s.sample).toEqual({ T: 16, stride: 4, k: 3 });
    expect(s.experts).toHaveLength(16 * 3);
    for (let i = 0; i < 16; i++) {
      const t = batchToken(s, i);
      expect(t).toBe(4 * i);
      expect(s.labels[i]).toBe(batch.labels[t]);
      expect(s.predicted[i]).toBe(predicted[t]);
      expect(s.tokens![i]).toBe(batch.tokenIds[t]);
      expect(s.domain![i]).toBe(batch.domain[t]);
      expect([s.points![2 * i], s.points![2 * i + 1]]).toEqual([batch.points[2 * t], batch.points[2 * t + 1]]);
      expect(Array.from(s.probs!.subarray(i * E, (i + 1) * E))).toEqual(Array.from(r.probs.subarray(t * E, (t + 1) * E)));
      for (let j = 0; j < 3; j++) {
        expect(s.experts[i * 3 + j]).toBe(r.experts[t * E + j]);
        expect(s.weights[i * 3 + j]).toBe(r.weights[t * E + j]);
        // slots come by descending weight: the kept ones are the token's top three
        if (j) expect(s.weights[i * 3 + j]).toBeLessThanOrEqual(s.weights[i * 3 + j - 1]);
      }
    }
  });

  it('sends a small batch whole, and no scores past the limit', () => {
    const [T, E] = [32, 4];
    const r = route(randomLogits(T, E, 1), T, E, { scheme: 'token-choice', k: 2, capacityFactor: 1 });
    const s = sampleBatch(r, { labels: batchOf(T).labels, tokenIds: batchOf(T).tokenIds }, new Int32Array(T), T * E - 1);
    expect(s.sample).toBeUndefined();
    expect(shownOf({ T, k: 2, sample: s.sample })).toEqual({ T, stride: 1, k: 2 });
    expect(Array.from(s.experts)).toEqual(Array.from(r.experts));
    expect(s.probs).toBeUndefined();
    // points data: no token ids or domains
    expect(s.tokens).toBeUndefined();
    expect(s.domain).toBeUndefined();
  });
});
