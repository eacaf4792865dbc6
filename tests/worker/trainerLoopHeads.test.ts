// @vitest-environment node
// The trainer loop around the real trainer with MH-MoE's heads: its snapshots carry the T·H
// routed sub-tokens with each token's inputs on its rows, on the 2D points (with the partition
// map) and on text (with the domain × expert shares).

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type MoeConfig } from '../../src/engine/config';
import { tfjsTrainerFactory } from '../../src/worker/backendChoice';
import { TrainerLoop } from '../../src/worker/trainerLoop';
import { Outbox } from './fakeTrainer';

async function firstSnapshots(config: MoeConfig) {
  const out = new Outbox();
  const loop = new TrainerLoop({
    post: out.post,
    factory: tfjsTrainerFactory({}),
    clock: { now: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    thread: 'node',
  });
  await loop.handle({ type: 'configure', config });
  await loop.handle({ type: 'step' });
  loop.trainer!.dispose();
  return out.of('snapshot').map((m) => m.snapshot);
}

describe('TrainerLoop with heads', () => {
  it('points: 16 tokens · 4 heads are 64 rows, each token’s label on its 4 rows, and a partition map', async () => {
    const [zero, one] = await firstSnapshots({ ...DEFAULT_CONFIG, dataset: 'clusters', backend: 'cpu', tokens: 16, dataSize: 200, experts: 4, d: 8, h: 16, heads: 4 });
    expect([zero.T, one.T, one.step]).toEqual([64, 64, 1]);
    expect(one.labels).toHaveLength(64);
    for (let t = 0; t < 16; t++) for (let j = 1; j < 4; j++) expect(one.labels[t * 4 + j]).toBe(one.labels[t * 4]);
    expect(one.load.reduce((a, b) => a + b, 0)).toBe(64 * one.k);
    expect(zero.grid?.n).toBe(40);
    expect(Number.isFinite(one.taskLoss)).toBe(true);
  });

  it('text: domain shares from sub-tokens filed under their token’s domain', async () => {
    const [, one] = await firstSnapshots({ ...DEFAULT_CONFIG, dataset: 'text', backend: 'cpu', tokens: 16, experts: 4, d: 8, h: 16, heads: 2 });
    expect(one.T).toBe(32);
    expect(one.tokens).toHaveLength(32);
    expect(one.tokens![1]).toBe(one.tokens![0]);
    const share = one.domainShare!;
    expect(Array.from(share).every(Number.isFinite)).toBe(true);
  });
});
