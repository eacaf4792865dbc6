// The estimate of a job's wall time: the engine's step estimate times the steps, plus the
// evaluations, and it follows a measured step when one is given.

import { describe, expect, it } from 'vitest';
import { estimateJobMs, evaluationsOf } from '../../../src/engine/experiments/estimate';
import { estimateStepMs } from '../../../src/engine/model/budget';
import { DEFAULT_CONFIG, type MoeConfig } from '../../../src/engine/config';
import type { ExperimentJob } from '../../../src/engine/experiments/job';

const job = (extra: Partial<ExperimentJob> = {}, config: Partial<MoeConfig> = {}): ExperimentJob => ({
  id: 'x',
  config: { ...DEFAULT_CONFIG, backend: 'wasm', ...config },
  steps: 400,
  evalCapacityFactors: [2],
  ...extra,
});

describe('estimateJobMs', () => {
  it('is the steps at the engine step estimate, plus the evaluations', () => {
    const j = job();
    const training = 400 * estimateStepMs(j.config);
    expect(estimateJobMs(j)).toBeGreaterThan(training);
    // one evaluation of the teacher's 4,096 held-out examples is 16 forward passes at T = 256
    expect(estimateJobMs(j)).toBeLessThan(training * 1.2);
  });

  it('grows with the steps, the evaluation axis and the curve', () => {
    expect(estimateJobMs(job({ steps: 800 }))).toBeGreaterThan(estimateJobMs(job()));
    expect(estimateJobMs(job({ evalCapacityFactors: [1, 2, null] }))).toBeGreaterThan(estimateJobMs(job()));
    expect(estimateJobMs(job({ curveEvery: 20 }))).toBeGreaterThan(estimateJobMs(job()));
    expect(evaluationsOf({ steps: 400, evalCapacityFactors: [1, null], curveEvery: 20 })).toBe(22);
  });

  it('scales with a step measured on this device', () => {
    const j = job();
    const fast = estimateJobMs(j, { config: j.config, ms: 1 });
    const slow = estimateJobMs(j, { config: j.config, ms: 10 });
    expect(slow).toBeGreaterThan(5 * fast);
  });

  it('counts a slower backend', () => {
    expect(estimateJobMs(job({}, { backend: 'cpu' }))).toBeGreaterThan(10 * estimateJobMs(job()));
  });
});
