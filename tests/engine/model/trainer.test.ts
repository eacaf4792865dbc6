// @vitest-environment node
// The headless trainer on the cpu backend (pinned): it learns, reproduces, does not leak,
// and stops cleanly when training diverges.

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { tf } from '../../../src/engine/model/tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const small = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...defaultConfig(), tokens: 32, dataSize: 400, ...extra });

async function losses(config: MoeConfig, steps: number, backend = 'cpu'): Promise<number[]> {
  const trainer = await createTrainer(config, { backend });
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await trainer.step()).taskLoss);
  trainer.dispose();
  return out;
}

describe('trainer', () => {
  it('gives the same losses for the first 100 steps from the same seed and settings', async () => {
    const config = small({ scheme: 'noisy-topk', seed: 5 });
    const a = await losses(config, 100);
    const b = await losses(config, 100);
    expect(b).toEqual(a);
    const other = await losses({ ...config, seed: 6 }, 5);
    expect(other).not.toEqual(a.slice(0, 5));
  });

  it('previews step 0 on the batch the first step trains on, without changing the trajectory', async () => {
    for (const scheme of ['token-choice', 'noisy-topk', 'deepseek'] as const) {
      const config = small({ scheme, seed: 3 });
      const plain = await losses(config, 5);
      const trainer = await createTrainer(config);
      const before = tf.memory().numTensors;
      const zero = trainer.preview();
      expect(tf.memory().numTensors).toBe(before);
      expect(zero.step).toBe(0);
      expect(trainer.steps).toBe(0);
      expect(Number.isFinite(zero.taskLoss)).toBe(true);
      expect(zero.load.reduce((a, b) => a + b, 0)).toBe(32 * 2);
      const view = trainer.last!;
      const first = await trainer.step();
      // the same batch: step 1 trains on the tokens step 0 drew
      expect(trainer.last!.batch.labels).toEqual(view.batch.labels);
      const rest = [first.taskLoss];
      for (let i = 1; i < 5; i++) rest.push((await trainer.step()).taskLoss);
      expect(rest).toEqual(plain);
      if (scheme !== 'noisy-topk') expect(first.taskLoss).toBeCloseTo(zero.taskLoss, 5);
      trainer.dispose();
    }
  });

  it('learns: the training loss falls and held-out accuracy beats chance, on every seed tried', async () => {
    // the teacher's 8 classes: chance is 1/8; one seed alone can be a lucky draw, so three
    for (const seed of [1, 2, 3]) {
      const trainer = await createTrainer(small({ tokens: 64, seed }));
      const first = (await trainer.step()).taskLoss;
      let last = first;
      for (let i = 0; i < 150; i++) last = (await trainer.step()).taskLoss;
      expect(last).toBeLessThan(first * 0.9);
      const evalMetrics = await trainer.evaluate();
      expect(evalMetrics.accuracy).toBeGreaterThan(2 / 8);
      trainer.dispose();
    }
  });

  it('trains on text with fine-grained experts and gated shared experts', async () => {
    const trainer = await createTrainer(
      small({ dataset: 'text', fineGrain: 2, sharedExperts: 2, sharedGate: true, d: 8, h: 16, tokens: 48, lr: 0.02 }),
    );
    const first = await trainer.step();
    expect(first.load.length).toBe(16); // 8 experts × m = 2
    expect(trainer.last!.routing.k).toBe(4); // k·m
    let last = first.taskLoss;
    for (let i = 0; i < 60; i++) last = (await trainer.step()).taskLoss;
    expect(last).toBeLessThan(first.taskLoss);
    trainer.dispose();
  });

  it('holds the number of tensors steady over 500 steps, and frees them on dispose', async () => {
    const before = tf.memory().numTensors;
    const trainer = await createTrainer(small({ tokens: 16, experts: 4, scheme: 'deepseek' }));
    for (let i = 0; i < 10; i++) await trainer.step();
    const after10 = tf.memory().numTensors;
    for (let i = 0; i < 490; i++) await trainer.step();
    expect(tf.memory().numTensors).toBe(after10);
    await trainer.evaluate();
    expect(tf.memory().numTensors).toBe(after10);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('drops fewer choices and loses less at a larger evaluation capacity factor', async () => {
    // paired by seed (the same trained model evaluated twice); the loss over three seeds, since
    // on one the gap can be within a seed's noise
    let tightLoss = 0;
    let looseLoss = 0;
    for (const seed of [1, 2, 3]) {
      const trainer = await createTrainer(small({ tokens: 64, capacityFactor: 1, seed }));
      for (let i = 0; i < 80; i++) await trainer.step();
      const tight = await trainer.evaluate(0.5);
      const loose = await trainer.evaluate(2);
      expect(tight.dropRate).toBeGreaterThan(loose.dropRate);
      tightLoss += tight.taskLoss;
      looseLoss += loose.taskLoss;
      trainer.dispose();
    }
    expect(tightLoss).toBeGreaterThan(looseLoss);
  });

  it('takes live settings without a rebuild', async () => {
    const trainer = await createTrainer(small());
    await trainer.step();
    trainer.set('topK', 3);
    trainer.set('capacityFactor', null);
    trainer.set('lr', 0.001);
    const m = await trainer.step();
    expect(trainer.last!.routing.k).toBe(3);
    expect(m.capacity).toBeNull();
    expect(m.dropRate).toBe(0);
    trainer.dispose();
  });

  it('takes a live learning rate at the next step: at 0 the weights stay, the optimiser reads the config', async () => {
    const trainer = await createTrainer(small());
    await trainer.step();
    const batch = trainer.last!.batch;
    trainer.set('lr', 0);
    const before = trainer.forward(batch).logits;
    await trainer.step();
    expect(trainer.forward(batch).logits).toEqual(before);
    trainer.set('lr', 0.01);
    await trainer.step();
    expect(trainer.forward(batch).logits).not.toEqual(before);
    trainer.dispose();
  });

  it('refuses a setting that is read only when the model is built, instead of silently ignoring it', async () => {
    const trainer = await createTrainer(small());
    const set = trainer.set.bind(trainer) as (key: string, value: unknown) => void;
    expect(() => set('routerNoise', 2)).toThrow(/routerNoise is not a live setting/);
    expect(() => set('experts', 16)).toThrow(RangeError);
    expect(trainer.config.routerNoise).toBe(small().routerNoise);
    trainer.dispose();
  });

  it('switches the router scheme live, in both directions, with each weight keeping its own Adam moments', async () => {
    // noisy top-k brings two more trained weights (the noise's), deepseek's bias takes none:
    // the set of gradients changes size mid-run
    const trainer = await createTrainer(small({ seed: 3 }));
    for (let i = 0; i < 3; i++) await trainer.step();
    for (const scheme of ['noisy-topk', 'token-choice', 'deepseek', 'noisy-topk'] as const) {
      trainer.set('scheme', scheme);
      for (let i = 0; i < 3; i++) {
        const m = await trainer.step();
        expect(Number.isFinite(m.taskLoss)).toBe(true);
      }
      expect(trainer.last!.routing.scheme).toBe(scheme);
    }
    expect(trainer.steps).toBe(15);
    trainer.dispose();
  });

  it('reports a diverged run instead of drawing garbage', async () => {
    const trainer = await createTrainer(small());
    await trainer.step();
    // this trainer's router: the newest variable of that name
    const router = Object.values(tf.engine().registeredVariables)
      .filter((v) => v.name.endsWith('/router'))
      .pop()!;
    router.assign(tf.fill(router.shape, NaN));
    const m = await trainer.step();
    expect(m.nonFinite).toMatch(/not finite|stopped being finite/);
    expect(m.step).toBe(1); // the failed step does not count
    trainer.dispose();
  });

  it('runs on the wasm backend with the same losses as cpu', async () => {
    const config = small({ seed: 9 });
    const cpu = await losses(config, 5, 'cpu');
    const wasm = await losses(config, 5, 'wasm');
    for (let i = 0; i < 5; i++) expect(wasm[i]).toBeCloseTo(cpu[i], 4);
    await tf.setBackend('cpu');
  });
});
