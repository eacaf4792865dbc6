// @vitest-environment node
// One experiment job on the cpu backend with a tiny model: the evaluation axis reads the one
// trained model, runs reproduce, curves land where asked, divergence is reported rather than
// thrown, and fifty jobs in a row leave no tensor behind (a sweep's worker stays flat).

import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, defaultConfig, type EvalMetrics, type MoeConfig, type StepMetrics, type Trainer } from '../../../src/engine/model';
import { tf } from '../../../src/engine/model/tf';
import { busiestOf, runJob, windowSteps } from '../../../src/engine/experiments/runJob';
import { jobId } from '../../../src/engine/experiments/jobId';
import type { ExperimentJob } from '../../../src/engine/experiments/job';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// a small 2D set keeps each evaluation to a few forward passes
const tiny = (extra: Partial<MoeConfig> = {}): MoeConfig => ({
  ...defaultConfig(),
  dataset: 'clusters',
  dataSize: 200,
  tokens: 32,
  experts: 4,
  d: 4,
  h: 8,
  backend: 'cpu',
  ...extra,
});

function job(config: MoeConfig, steps: number, evalCapacityFactors: (number | null)[] = [config.evalCapacityFactor], curveEvery?: number): ExperimentJob {
  const spec = { config, steps, evalCapacityFactors, curveEvery };
  return { id: jobId(spec), ...spec };
}

const fixedClock = { now: () => 0 };

describe('runJob', () => {
  it('evaluates the one trained model at each evaluation capacity factor', async () => {
    const config = tiny({ seed: 4 });
    const cfs = [0.5, 1, 2, null];
    const result = await runJob(job(config, 12, cfs));

    const trainer = await createTrainer(config, { backend: 'cpu' });
    for (let i = 0; i < 12; i++) await trainer.step();
    const expected: EvalMetrics[] = [];
    for (const cf of cfs) expected.push(await trainer.evaluate(cf));
    trainer.dispose();

    expect(result.heldOut.map((h) => h.evalCapacityFactor)).toEqual(cfs);
    result.heldOut.forEach((h, i) => {
      expect(h.loss).toBe(expected[i].taskLoss);
      expect(h.accuracy).toBe(expected[i].accuracy);
      expect(h.dropRate).toBe(expected[i].dropRate);
    });
    // a tight capacity drops tokens at evaluation, dropless never does
    expect(result.heldOut[0].dropRate).toBeGreaterThan(0);
    expect(result.heldOut[3].dropRate).toBe(0);
    expect(result.backend).toBe('cpu');
  });

  it('gives the same result twice (timings pinned), and another with another seed', async () => {
    const a = await runJob(job(tiny({ seed: 2 }), 10, [1, null], 5), fixedClock);
    const b = await runJob(job(tiny({ seed: 2 }), 10, [1, null], 5), fixedClock);
    expect(b).toEqual(a);
    const c = await runJob(job(tiny({ seed: 3 }), 10, [1, null], 5), fixedClock);
    expect(c.heldOut[0].loss).not.toBe(a.heldOut[0].loss);
  });

  it('records a curve point every curveEvery steps: the step loss and the held-out loss at the run evaluation factor', async () => {
    const config = tiny({ seed: 6, evalCapacityFactor: 1.5 });
    const result = await runJob(job(config, 12, [null], 4));
    expect(result.curve!.map((p) => p.step)).toEqual([4, 8, 12]);

    const trainer = await createTrainer(config, { backend: 'cpu' });
    for (let step = 1; step <= 12; step++) {
      const m = await trainer.step();
      if (step % 4 !== 0) continue;
      const point = result.curve!.find((p) => p.step === step)!;
      expect(point.taskLoss).toBe(m.taskLoss);
      expect(point.heldOutLoss).toBe((await trainer.evaluate(1.5)).taskLoss);
    }
    trainer.dispose();
    expect((await runJob(job(config, 4))).curve).toBeUndefined();
  });

  it('averages the training metrics over the last tenth of the steps', async () => {
    const config = tiny({ seed: 8 });
    const steps = 20;
    const result = await runJob(job(config, steps));
    const trainer = await createTrainer(config, { backend: 'cpu' });
    const all: StepMetrics[] = [];
    for (let i = 0; i < steps; i++) all.push(await trainer.step());
    trainer.dispose();
    const last = all.slice(-windowSteps(steps));
    expect(last).toHaveLength(2);
    expect(result.train.taskLoss).toBeCloseTo((last[0].taskLoss + last[1].taskLoss) / 2, 12);
    expect(result.train.entropy).toBeCloseTo((last[0].entropy + last[1].entropy) / 2, 12);
    const load = last[0].load.map((x, e) => x + last[1].load[e]);
    expect(result.train.busiest).toBeCloseTo(busiestOf(load), 12);
    expect(result.train.busiest).toBeGreaterThanOrEqual(1);
    expect(result.train.stepMs).toBeGreaterThan(0);
    expect(result.ms).toBeGreaterThanOrEqual(result.train.stepMs * steps);
  });

  it('stops a diverging run and says where, with the metrics before it (lr 1e30 overflows the weights)', async () => {
    const result = await runJob(job(tiny({ lr: 1e30 }), 10, [1]));
    expect(result.nonFinite).toMatch(/finite|NaN|Infinity/);
    expect(result.nonFinite).toMatch(/step 2\b/);
    expect(Number.isFinite(result.train.taskLoss)).toBe(true); // step 1, before the weights blew up
    expect(result.heldOut).toHaveLength(1);
  });

  it('disposes the trainer when the run throws', async () => {
    let disposed = 0;
    const failing = async (config: MoeConfig, opts: { backend: string }): Promise<Trainer> => {
      const trainer = await createTrainer(config, opts);
      const dispose = trainer.dispose.bind(trainer);
      return Object.assign(trainer, {
        evaluate: () => Promise.reject(new Error('evaluation broke')),
        dispose: () => {
          disposed++;
          dispose();
        },
      });
    };
    const before = tf.memory().numTensors;
    await expect(runJob(job(tiny(), 3), { createTrainer: failing })).rejects.toThrow('evaluation broke');
    expect(disposed).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses a job whose backend is 'auto'", async () => {
    await expect(runJob(job(tiny({ backend: 'auto' }), 3))).rejects.toThrow(/pinned/);
  });

  it('keeps the tensor count flat over 50 jobs in a row (each disposes its model)', async () => {
    // one job first: tfjs's first kernels may keep tensors of their own
    await runJob(job(tiny({ seed: 100 }), 3, [1, null], 3));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const config = tiny({ seed: i, capacityFactor: [1, 2][i % 2], topK: 1 + (i % 2) });
      await runJob(job(config, 3, [1, null], 3));
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
