// @vitest-environment node
// The model-level routers in the trainer (cpu): the attention router trains without leaking
// tensors, and domain-mapped routing keeps every training choice inside its domain's group.

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { tf } from '../../../src/engine/model/tf';
import { domainGroup } from '../../../src/engine/routing/domainRandom';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const small = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...defaultConfig(), tokens: 32, dataSize: 400, ...extra });

describe('routers in the trainer', () => {
  it('the attention router trains: the loss falls, no tensor is left behind, and it differs from the linear router', async () => {
    const run = async (routerKind: MoeConfig['routerKind']) => {
      const trainer = await createTrainer(small({ routerKind, seed: 2, tokens: 64 }));
      await trainer.step();
      const before = tf.memory().numTensors;
      const out: number[] = [];
      for (let i = 0; i < 60; i++) out.push((await trainer.step()).taskLoss);
      expect(tf.memory().numTensors).toBe(before);
      trainer.dispose();
      return out;
    };
    const att = await run('attention');
    expect(att.every(Number.isFinite)).toBe(true);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(att.slice(-10))).toBeLessThan(mean(att.slice(0, 10)));
    expect(att).not.toEqual(await run('linear'));
  });

  it('domain-random on text: every training choice inside its token’s domain group', async () => {
    const trainer = await createTrainer(small({ dataset: 'text', scheme: 'domain-random', experts: 8, topK: 2, seed: 4 }));
    for (let i = 0; i < 3; i++) {
      await trainer.step();
      const { batch, routing } = trainer.last!;
      for (let t = 0; t < routing.T; t++) {
        const { start, end } = domainGroup(batch.domain![t], 4, 8);
        for (let j = 0; j < routing.k; j++) {
          const e = routing.experts[t * routing.k + j];
          expect(e >= start && e < end, `token ${t} (domain ${batch.domain![t]}) → expert ${e}`).toBe(true);
        }
      }
    }
    trainer.dispose();
  });
});
