// Made-up job results for the sweep tests: a loss per job, diverged or not.

import type { ExperimentJob, JobResult } from '../../src/engine/experiments/job';

/** A result whose held-out loss at the i-th evaluation CF is `loss + i / 100`. */
export function fakeResult(job: ExperimentJob, loss: number, over: Partial<JobResult> = {}): JobResult {
  return {
    id: job.id,
    heldOut: job.evalCapacityFactors.map((cf, i) => ({ evalCapacityFactor: cf, loss: loss + i / 100, accuracy: 0.5, dropRate: 0.1 })),
    train: { taskLoss: loss, balanceLoss: 1.01, entropy: 1.5, dropRate: 0.05, busiest: 1.4, stepMs: 3 },
    backend: 'wasm',
    ms: 100,
    ...over,
  };
}
