// @vitest-environment node
// The trainer with sequences and the balance-loss variants: it trains and evaluates on whole
// sequences, reports the chosen variant's balance loss, and keeps the global window.

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { tf } from '../../../src/engine/model/tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const small = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...defaultConfig(), tokens: 32, dataSize: 400, ...extra });

async function run(config: MoeConfig, steps: number) {
  const trainer = await createTrainer(config);
  const metrics = [];
  for (let i = 0; i < steps; i++) metrics.push(await trainer.step());
  const evaluation = await trainer.evaluate();
  const batch = trainer.last!.batch;
  trainer.dispose();
  return { metrics, evaluation, batch };
}

describe('trainer with sequences', () => {
  it.each(['teacher', 'text', 'spirals'] as const)('%s: trains on B = T/L sequences and evaluates whole ones', async (dataset) => {
    const { metrics, evaluation, batch } = await run(small({ dataset, seqLen: 8, balanceType: 'seq' }), 3);
    expect(batch.seqLen).toBe(8);
    for (const m of metrics) {
      expect(Number.isFinite(m.taskLoss)).toBe(true);
      expect(Number.isFinite(m.balanceLoss)).toBe(true);
    }
    expect(evaluation.examples % 8).toBe(0);
    expect(Number.isFinite(evaluation.taskLoss)).toBe(true);
  });

  it('the same seed gives the same steps with sequences, each balance type and the device loss', async () => {
    const config = small({ scheme: 'deepseek', groups: 4, topkGroups: 2, experts: 8, topK: 2, seqLen: 4, balanceType: 'global', globalWindow: 3, deviceBalanceCoef: 0.05 });
    const a = await run(config, 4);
    const b = await run(config, 4);
    expect(b.metrics.map((m) => m.taskLoss)).toEqual(a.metrics.map((m) => m.taskLoss));
  });

  it('aux, seq and global report different balance losses once the batch has sequences and the window steps', async () => {
    const base = small({ seqLen: 4, globalWindow: 4, balanceCoef: 0 });
    const out = await Promise.all((['aux', 'seq', 'global'] as const).map((balanceType) => run({ ...base, balanceType }, 3)));
    // α = 0: the same training, so the first steps route alike; only the reported loss differs
    expect(out[1].metrics[0].taskLoss).toBe(out[0].metrics[0].taskLoss);
    expect(out[2].metrics[0].balanceLoss).toBe(out[0].metrics[0].balanceLoss); // the window is this step alone
    expect(out[1].metrics[0].balanceLoss).not.toBe(out[0].metrics[0].balanceLoss);
    expect(out[2].metrics[2].balanceLoss).not.toBe(out[0].metrics[2].balanceLoss);
  });
});
