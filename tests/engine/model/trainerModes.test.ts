// @vitest-environment node
// The routers that select differently in training and inference (Sinkhorn, BASE layers): the
// trainer trains, and shows step 0, in 'train', and evaluates and draws the partition map in
// 'eval'. BASE makes it visible: training needs E to divide the batch, inference does not.

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { tf } from '../../../src/engine/model/tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 240 tokens over 12 experts: 20 each in training; the map's 40² = 1600 points are not a multiple of 12
const base: MoeConfig = { ...defaultConfig(), scheme: 'base', topK: 1, experts: 12, tokens: 240, inputDim: 2, balanceCoef: 0 };

describe('train and eval modes', () => {
  it('BASE: step 0 and the steps route in training (exact shares, prices); the map and the evaluation route at inference', async () => {
    const trainer = await createTrainer(base, { backend: 'cpu' });
    const preview = trainer.preview();
    expect(preview.capacity).toBe(20);
    expect(trainer.last!.routing.prices).toBeDefined();
    const m = await trainer.step();
    expect(Array.from(m.kept)).toEqual(new Array(12).fill(20));
    expect(trainer.last!.routing.prices).toHaveLength(12);
    // 1600 points: training's exact shares could not route them; inference takes each point's best expert
    const grid = trainer.partitionGrid(40);
    expect(grid).not.toBeNull();
    const ev = await trainer.evaluate();
    expect(Number.isFinite(ev.taskLoss)).toBe(true);
    expect(ev.dropRate).toBe(0);
    trainer.dispose();
  });

  it('Sinkhorn: a training step reports its balancing; the evaluation routes the plain scores', async () => {
    const trainer = await createTrainer({ ...base, scheme: 'sinkhorn', balanceCoef: 0 }, { backend: 'cpu' });
    await trainer.step();
    const view = trainer.last!;
    expect(view.routing.balanced).toHaveLength(240 * 12);
    expect(view.routing.sinkhorn!.passes).toBeGreaterThan(0);
    const ev = await trainer.evaluate(null);
    expect(Number.isFinite(ev.taskLoss)).toBe(true);
    trainer.dispose();
  });
});
