// @vitest-environment node
// The sparse layer's kernels on tfjs-wasm (GatherNd, ScatterNd, fused depthwise convolutions
// with hand-written gradients): every routing scheme trains there with the losses of cpu.

import { afterAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { tf } from '../../../src/engine/model/tf';
import { SCHEMES } from '../../../src/engine/routing/types';

afterAll(async () => {
  await tf.setBackend('cpu');
});

async function losses(config: MoeConfig, steps: number, backend: string): Promise<number[]> {
  const trainer = await createTrainer(config, { backend });
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await trainer.step()).taskLoss);
  trainer.dispose();
  return out;
}

describe('wasm backend', () => {
  it.each(SCHEMES)('%s: the same losses as cpu', async (scheme) => {
    const config: MoeConfig = { ...defaultConfig(), scheme, tokens: 32, experts: 6, dataSize: 300, sharedExperts: 1, seed: 3 };
    const cpu = await losses(config, 4, 'cpu');
    const wasm = await losses(config, 4, 'wasm');
    for (let i = 0; i < cpu.length; i++) expect(wasm[i], `step ${i}`).toBeCloseTo(cpu[i], 4);
  });
});
