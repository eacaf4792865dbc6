// How long a job will take before it runs, for "this sweep will take about N minutes": the
// engine's step-time model (budget.ts estimateStepMs, the estimate the guard warns with) times
// the steps, plus the evaluations (forward passes over the held-out set at the training batch
// size) and the model's build. Once the page has measured a step on this device, pass it as the
// calibration: the model then scales the measured step by the work ratio.

import { isTextDataset, type MoeConfig } from '../config';
import { TEACHER_TEST_SIZE } from '../datasets/teacher';
import { estimateStepMs } from '../model/budget';
import type { ExperimentJob } from './job';

/** a forward pass against a whole training step (forward, backward about twice it, Adam) */
const FORWARD_SHARE = 0.35;
/** building the model and its dataset, ms (Node wasm, the default teacher: 40–80 ms) */
const BUILD_MS = 80;
/** held-out examples an evaluation reads on the fixed sets at most (trainingData.ts evalExamples) */
const EVAL_MAX_EXAMPLES = 2048;
/** the 2D sets hold out this share of their points (datasets/index.ts) */
const POINTS_TEST_FRACTION = 0.2;

/** Held-out examples one evaluation reads (text: the bound, its sets vary). */
function evalExamples(c: MoeConfig): number {
  if (c.dataset === 'teacher') return TEACHER_TEST_SIZE;
  if (isTextDataset(c.dataset)) return EVAL_MAX_EXAMPLES;
  return Math.min(EVAL_MAX_EXAMPLES, Math.round(c.dataSize * POINTS_TEST_FRACTION));
}

/** Evaluations a job runs: one per evaluation capacity factor, one per curve point. */
export function evaluationsOf(job: Pick<ExperimentJob, 'steps' | 'evalCapacityFactors' | 'curveEvery'>): number {
  return job.evalCapacityFactors.length + (job.curveEvery ? Math.floor(job.steps / job.curveEvery) : 0);
}

/** The expected wall time of a job, ms. calibration: a step measured on this device, perhaps at another setting. */
export function estimateJobMs(job: ExperimentJob, calibration?: { config: MoeConfig; ms: number }): number {
  const stepMs = estimateStepMs(job.config, calibration);
  const examples = evalExamples(job.config);
  const passes = Math.max(1, Math.floor(examples / Math.max(1, Math.min(job.config.tokens, examples))));
  return BUILD_MS + job.steps * stepMs + evaluationsOf(job) * passes * FORWARD_SHARE * stepMs;
}
