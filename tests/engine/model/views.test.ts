// @vitest-environment node
// What the trainer hands the views: predictions of the trained batch and the partition grid.

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type MoeConfig } from '../../../src/engine/model';
import { tf } from '../../../src/engine/model/tf';
import { loadBalanceLoss, routerEntropy, zLoss } from '../../../src/engine/model/lossValues';
import { randomLogits } from '../../../src/engine/datasets/randomLogits';
import { softmaxEntropy } from '../../../src/engine/model/metrics';
import { route } from '../../../src/engine/routing/route';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const small = (extra: Partial<MoeConfig> = {}): MoeConfig => ({ ...defaultConfig(), dataset: 'clusters', tokens: 64, dataSize: 400, ...extra });

describe('trainer views', () => {
  it('reports the predictions of the step, consistent with its accuracy', async () => {
    const trainer = await createTrainer(small());
    const m = await trainer.step();
    const view = trainer.last!;
    expect(view.predicted).toHaveLength(64);
    const hits = view.predicted.reduce((n, p, t) => n + (p === view.batch.labels[t] ? 1 : 0), 0);
    expect(hits / 64).toBeCloseTo(m.accuracy, 5);
    trainer.dispose();
  });

  it('maps the plane: top-1 expert and its probability agree with a forward pass of the same points', async () => {
    const trainer = await createTrainer(small({ experts: 4 }));
    for (let i = 0; i < 20; i++) await trainer.step();
    const before = tf.memory().numTensors;
    const grid = trainer.partitionGrid(12)!;
    expect(tf.memory().numTensors).toBe(before);
    expect(grid.expert).toHaveLength(144);
    expect(grid.expertProbs).toHaveLength(4 * 144);
    // the cell at row 0, col 0 is the top-left corner of the plane
    const x = grid.min + (0.5 / 12) * (grid.max - grid.min);
    const y = grid.max - (0.5 / 12) * (grid.max - grid.min);
    const { routing } = trainer.forward({ T: 1, points: Float32Array.of(x, y), labels: Int32Array.of(0), tokenIds: Int32Array.of(0) }, 'sparse', null);
    const probs = Array.from(routing.probs);
    expect(grid.expert[0]).toBe(probs.indexOf(Math.max(...probs)));
    expect(grid.prob[0]).toBeCloseTo(Math.max(...probs), 5);
    for (let e = 0; e < 4; e++) expect(grid.expertProbs![e * 144]).toBeCloseTo(probs[e], 5);
    // every expert probability over the plane sums to 1 per cell (softmax router)
    for (let c = 0; c < 144; c += 17) {
      let sum = 0;
      for (let e = 0; e < 4; e++) sum += grid.expertProbs![e * 144 + c];
      expect(sum).toBeCloseTo(1, 5);
    }
    trainer.dispose();
  });

  it('reports the balance and z losses the layer computed, equal to computing them again from the routing', async () => {
    for (const scheme of ['token-choice', 'deepseek', 'expert-choice'] as const) {
      const trainer = await createTrainer(small({ scheme }));
      const m = await trainer.step();
      const { routing, logits } = trainer.last!;
      if (scheme === 'expert-choice') expect(m.balanceLoss).toBeNaN();
      else expect(m.balanceLoss).toBeCloseTo(loadBalanceLoss(routing), 5);
      expect(m.zLoss).toBeCloseTo(zLoss(logits, routing.T, routing.E), 4);
      trainer.dispose();
    }
  });

  it('reports the router entropy the layer computed with its losses, equal to computing it from the routing', async () => {
    for (const scheme of ['token-choice', 'deepseek', 'expert-choice', 'noisy-topk'] as const) {
      const trainer = await createTrainer(small({ scheme }));
      const m = await trainer.step();
      const { routing, logits, losses } = trainer.last!;
      if (scheme === 'deepseek') {
        expect(losses!.entropy).toBeNaN();
        expect(m.entropy).toBe(routerEntropy(routing));
      } else {
        expect(losses!.entropy).toBe(m.entropy);
        expect(m.entropy).toBe(softmaxEntropy(routing.probs, logits, routing.T, routing.E));
      }
      trainer.dispose();
    }
  });

  it('computes the router entropy of softmax scores from the logits, equal to the direct formula', () => {
    for (const scheme of ['token-choice', 'noisy-topk', 'hash', 'expert-choice', 'soft'] as const) {
      const T = 64;
      const E = 8;
      const logits = randomLogits(T, E, 3, 2);
      const noise = scheme === 'noisy-topk' ? new Float32Array(T * E).fill(0.1) : undefined;
      const r = route(logits, T, E, { scheme, k: 2, capacityFactor: 1.25, tokenIds: Int32Array.from({ length: T }, (_, i) => i), noise });
      expect(softmaxEntropy(r.probs, logits, T, E), scheme).toBeCloseTo(routerEntropy(r), 5);
    }
  });

  it('has no grid for text', async () => {
    const trainer = await createTrainer(small({ dataset: 'text' }));
    expect(trainer.partitionGrid(8)).toBeNull();
    trainer.dispose();
  });
});
