// @vitest-environment node
// The sparse layer's kernels on tfjs-wasm (GatherNd, ScatterNd, fused depthwise convolutions
// with hand-written gradients): every routing scheme trains there with the losses of cpu.

import { afterAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { Adam } from '../../../src/engine/model/adam';
import { ensureBackend } from '../../../src/engine/model/backend';
import { tf } from '../../../src/engine/model/tf';
import { needs, SCHEMES, traitsOf } from '../../../src/engine/routing/traits';
import { routerLosses, type LossScratch } from '../../../src/engine/model/routerLoss';
import { randomLogits } from '../../../src/engine/datasets/randomLogits';
import { route } from '../../../src/engine/routing/route';

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
    // 32 tokens over 8 experts: BASE's equal shares (and its one expert per token) fit too
    const topK = traitsOf(scheme).exactShares ? 1 : 2;
    // domain-mapped routing needs the text task's domains
    const dataset = traitsOf(scheme).needs.includes('domains') ? ('text' as const) : defaultConfig().dataset;
    const config: MoeConfig = { ...defaultConfig(), scheme, dataset, tokens: 32, experts: 8, topK, dataSize: 300, sharedExperts: 1, seed: 3 };
    // expert merging merges per sequence of 8 (SMEAR) or segment of 4 (Lory)
    if (needs(scheme, 'sequences')) Object.assign(config, { seqLen: 8, segmentLen: 4 });
    const cpu = await losses(config, 4, 'cpu');
    const wasm = await losses(config, 4, 'wasm');
    for (let i = 0; i < cpu.length; i++) expect(wasm[i], `step ${i}`).toBeCloseTo(cpu[i], 4);
  });
});

it('routerLosses on wasm: gradient buffers reused from call to call give what fresh ones give', async () => {
  await tf.setBackend('wasm');
  const T = 40;
  const E = 8;
  const scratch: LossScratch = {};
  const gradOf = (logits: Float32Array, withScratch: boolean) => {
    const r = route(logits, T, E, { scheme: 'token-choice', k: 2, capacityFactor: 1 });
    const x = tf.tensor2d(logits, [T, E]);
    const g = tf.grad((l: tf.Tensor) => {
      const out = routerLosses(r, l as tf.Tensor2D, logits, true, withScratch ? scratch : undefined);
      return tf.add(tf.mul(out.balance!, 0.5), out.z);
    })(x);
    const values = Array.from(g.dataSync());
    tf.dispose([x, g]);
    return values;
  };
  const buffers: (Float32Array | undefined)[] = [];
  for (const seed of [1, 2, 3]) {
    const logits = randomLogits(T, E, seed, 2);
    expect(gradOf(logits, true), `seed ${seed}`).toEqual(gradOf(logits, false));
    buffers.push(scratch.z, scratch.balance);
  }
  // the same two buffers every time
  expect(new Set(buffers).size).toBe(2);
});

it('Identity on wasm shares the data: a clone keeps its values after the source is disposed', async () => {
  await ensureBackend('wasm');
  const x = tf.tensor1d([1, 2, 3]);
  const before = (tf.memory() as { numDataBuffers: number }).numDataBuffers;
  const y = tf.clone(x);
  expect((tf.memory() as { numDataBuffers: number }).numDataBuffers).toBe(before); // no second copy
  x.dispose();
  expect([...y.dataSync()]).toEqual([1, 2, 3]);
  y.dispose();
});

it('Adam on wasm: in memory gives the tfjs-op path weights, and picks up a weight assigned from outside', async () => {
  await ensureBackend('wasm');
  const run = (inMemory: boolean) => {
    const w = tf.variable(tf.tensor1d([0.5, -1, 2, 0.25]), true, `wasm-adam-${inMemory}-${Math.random()}`);
    const adam = new Adam(inMemory, { lr: 0.05 });
    const target = tf.tensor1d([1, 1, -1, 0]);
    const trace: number[][] = [];
    for (let i = 0; i < 20; i++) {
      if (i === 10) w.assign(tf.tensor1d([3, 3, 3, 3])); // from outside: the optimiser must not undo it
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.pow(tf.sub(w, target), 4)) as tf.Scalar, [w]);
      adam.apply([w], grads);
      tf.dispose([value, ...Object.values(grads)]);
      trace.push([...w.dataSync()]);
    }
    tf.dispose([w, target]);
    adam.dispose();
    return trace;
  };
  const memory = run(true);
  const ops = run(false);
  for (let i = 0; i < memory.length; i++) {
    for (let j = 0; j < 4; j++) expect(memory[i][j], `step ${i}`).toBeCloseTo(ops[i][j], 5);
  }
  expect(memory[10][0]).toBeGreaterThan(2.5); // took its step from 3, not from the old value
});
