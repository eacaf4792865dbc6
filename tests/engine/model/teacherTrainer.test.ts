// @vitest-environment node
// The trainer on the teacher task (cpu backend, small): a fresh batch every step, the whole
// held-out set evaluated, and a held-out loss that falls.

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { teacherExpert } from '../../../src/engine/datasets/teacher';
import { tf } from '../../../src/engine/model/tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const small = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...defaultConfig(), dataset: 'teacher', tokens: 64, ...extra });

describe('trainer on the teacher task', () => {
  it('draws a fresh batch every step, previews the one step 1 trains on, and reproduces', async () => {
    const trainer = await createTrainer(small({ seed: 4 }));
    const zero = trainer.preview();
    const previewed = trainer.last!.batch;
    expect(previewed.points!.length).toBe(64 * 16);
    expect(Array.from(previewed.tokenIds)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(previewed.domain!.length).toBe(64);
    const first = await trainer.step();
    expect(trainer.last!.batch).toBe(previewed);
    expect(first.taskLoss).toBeCloseTo(zero.taskLoss, 5);
    const second = await trainer.step();
    expect(trainer.last!.batch.points).not.toEqual(previewed.points);
    expect(trainer.partitionGrid(8)).toBeNull();
    // the same seed: the same stream of batches, the same losses
    const again = await createTrainer(small({ seed: 4 }));
    expect([(await again.step()).taskLoss, (await again.step()).taskLoss]).toEqual([first.taskLoss, second.taskLoss]);
    trainer.dispose();
    again.dispose();
  });

  it('evaluates on all 4,096 held-out examples, and the held-out loss falls over 100 steps', async () => {
    const trainer = await createTrainer(small({ seed: 1, tokens: 128 }));
    const before = await trainer.evaluate();
    expect(before.examples).toBe(4096);
    for (let i = 0; i < 100; i++) await trainer.step();
    const after = await trainer.evaluate();
    expect(after.examples).toBe(4096);
    expect(after.taskLoss).toBeLessThan(before.taskLoss - 0.1);
    // eight classes: chance is 1/8
    expect(after.accuracy).toBeGreaterThan(0.25);
    trainer.dispose();
  }, 60_000);

  it('over 2 inputs draws the plane with the teacher’s regions; over more, no plane', async () => {
    const plane = await createTrainer(small({ inputDim: 2, teacherExperts: 4, experts: 4 }), { backend: 'cpu' });
    expect(plane.data.kind === 'teacher' && plane.data.inputDim).toBe(2);
    await plane.step();
    const grid = plane.partitionGrid(10)!;
    // the teacher's N(0, 1) inputs: the plane spans ±2.5
    expect([grid.min, grid.max]).toEqual([-2.5, 2.5]);
    expect(grid.teacher).toHaveLength(100);
    // each cell's region is the teacher's expert at the cell's centre
    const net = plane.data.kind === 'teacher' ? plane.data.net : null;
    for (const [row, col] of [[0, 0], [3, 7], [9, 9], [5, 2]]) {
      const at = Float32Array.of(-2.5 + ((col + 0.5) / 10) * 5, 2.5 - ((row + 0.5) / 10) * 5);
      expect(grid.teacher![row * 10 + col]).toBe(teacherExpert(net!, at, 0));
    }
    // a calibrated teacher of 4 owns some of the plane with every expert
    expect(new Set(grid.teacher).size).toBe(4);
    plane.dispose();
    const wide = await createTrainer(small(), { backend: 'cpu' });
    expect(wide.partitionGrid(10)).toBeNull();
    wide.dispose();
  }, 60_000);
});
