// One experiment job, start to end: build the model on the job's pinned backend, train it, keep
// a curve and the mean training metrics of the last tenth of the steps, then evaluate the one
// trained model at every evaluation capacity factor (the evaluation axis is not retrained). The
// same code runs in a Web Worker (src/worker/sweep.worker.ts), in Node's worker threads
// (bench/sweepPool.ts) and in the tests; the trainer is always disposed, so a sweep of many
// jobs in one worker keeps its tensor count flat.

import { createTrainer as createTfjsTrainer } from '../model/trainer';
import type { EvalMetrics, StepMetrics, Trainer } from '../model/trainerApi';
import type { MoeConfig } from '../config';
import type { CurvePoint, ExperimentJob, HeldOut, JobResult } from './job';

export interface RunJobOptions {
  /** the trainer factory (tests wrap it); default the engine's tfjs trainer */
  createTrainer?: (config: MoeConfig, opts: { backend: string }) => Promise<Trainer>;
  /** the clock, ms (tests pin it so that two runs compare equal) */
  now?: () => number;
}

/** The steps whose metrics are averaged: the last tenth, at least one. */
export const windowSteps = (steps: number) => Math.max(1, Math.ceil(steps / 10));

/** The busiest expert's choices over the mean expert's, from choices summed per expert; NaN when none. */
export function busiestOf(load: ArrayLike<number>): number {
  let sum = 0;
  let max = 0;
  for (let e = 0; e < load.length; e++) {
    sum += load[e];
    max = Math.max(max, load[e]);
  }
  return sum > 0 ? (max * load.length) / sum : NaN;
}

function meanTrain(last: readonly StepMetrics[], stepMs: number): JobResult['train'] {
  const mean = (pick: (m: StepMetrics) => number) => (last.length ? last.reduce((s, m) => s + pick(m), 0) / last.length : NaN);
  const load = new Float64Array(last[0]?.load.length ?? 0);
  for (const m of last) for (let e = 0; e < load.length; e++) load[e] += m.load[e];
  return {
    taskLoss: mean((m) => m.taskLoss),
    balanceLoss: mean((m) => m.balanceLoss),
    entropy: mean((m) => m.entropy),
    dropRate: mean((m) => m.dropRate),
    busiest: busiestOf(load),
    stepMs,
  };
}

/** An evaluation; NaN where the weights have diverged (route() refuses non-finite logits). */
async function evaluateSafely(trainer: Trainer, cf: number | null): Promise<EvalMetrics> {
  try {
    return await trainer.evaluate(cf);
  } catch (err) {
    if (err instanceof RangeError && /finite/.test(err.message)) return { taskLoss: NaN, accuracy: NaN, dropRate: NaN, examples: 0 };
    throw err;
  }
}

export async function runJob(job: ExperimentJob, opts: RunJobOptions = {}): Promise<JobResult> {
  const now = opts.now ?? (() => performance.now());
  const create = opts.createTrainer ?? createTfjsTrainer;
  const { config } = job;
  // the page pins the backend before it makes jobs: a job must run the same wherever it runs
  if (config.backend === 'auto') throw new RangeError(`job ${job.id}: the backend must be pinned, not 'auto'`);
  const start = now();
  const trainer = await create(config, { backend: config.backend });
  try {
    const keep = windowSteps(job.steps);
    // the last `keep` finite steps: the last tenth, or those before a divergence
    const last: StepMetrics[] = [];
    const curve: CurvePoint[] = [];
    let nonFinite: string | undefined;
    let stepTime = 0;
    let trained = 0;
    for (let step = 1; step <= job.steps; step++) {
      const t0 = now();
      const m = await trainer.step();
      stepTime += now() - t0;
      if (m.nonFinite) {
        nonFinite = m.nonFinite;
        break;
      }
      trained++;
      last.push(m);
      if (last.length > keep) last.shift();
      if (job.curveEvery && step % job.curveEvery === 0) {
        const heldOut = await evaluateSafely(trainer, config.evalCapacityFactor);
        curve.push({ step, taskLoss: m.taskLoss, heldOutLoss: heldOut.taskLoss });
      }
    }
    const heldOut: HeldOut[] = [];
    for (const cf of job.evalCapacityFactors) {
      const e = await evaluateSafely(trainer, cf);
      heldOut.push({ evalCapacityFactor: cf, loss: e.taskLoss, accuracy: e.accuracy, dropRate: e.dropRate });
    }
    // the diverged step took time too: it counts in the mean
    const stepsTimed = trained + (nonFinite ? 1 : 0);
    const result: JobResult = {
      id: job.id,
      heldOut,
      train: meanTrain(last, stepsTimed ? stepTime / stepsTimed : NaN),
      backend: trainer.backend,
      ms: 0,
    };
    if (job.curveEvery) result.curve = curve;
    if (nonFinite) result.nonFinite = nonFinite;
    result.ms = now() - start;
    return result;
  } finally {
    trainer.dispose();
  }
}
