// One training run of an experiment (a sweep's cell on one seed, or one arm of an A/B comparison
// on one seed), what it reports, and the runner contract a pool of workers fulfils. The run itself
// is runJob.ts; it runs the same in a Web Worker (src/worker/sweep.worker.ts) and in Node (bench/).

import type { MoeConfig } from '../config';

export interface ExperimentJob {
  /** stable across reloads and machines: the result cache is keyed by it */
  id: string;
  /** complete and valid (the page validated it), its backend pinned: never 'auto' */
  config: MoeConfig;
  /** training steps */
  steps: number;
  /**
   * The evaluation axis: the one trained model is evaluated at each of these capacity factors
   * (null: dropless) after the last step, not retrained. [config.evalCapacityFactor] when the
   * experiment has no evaluation axis.
   */
  evalCapacityFactors: (number | null)[];
  /** record a curve point every this many steps (A/B bands); none when absent */
  curveEvery?: number;
}

export interface HeldOut {
  evalCapacityFactor: number | null;
  loss: number;
  accuracy: number;
  dropRate: number;
}

export interface CurvePoint {
  step: number;
  /** the training task loss at this step */
  taskLoss: number;
  /** the held-out loss at the run's evaluation capacity factor */
  heldOutLoss: number;
}

export interface JobResult {
  id: string;
  /** one per evaluation capacity factor, in the job's order */
  heldOut: HeldOut[];
  /** training metrics, each the mean over the last tenth of the steps (at least one) */
  train: {
    taskLoss: number;
    /** NaN where the scheme has no balance loss */
    balanceLoss: number;
    entropy: number;
    dropRate: number;
    /** the busiest expert's choices over the mean expert's (1: even; E: all on one) */
    busiest: number;
    stepMs: number;
  };
  curve?: CurvePoint[];
  /** the run diverged: where and what (the metrics are those before it); not an error */
  nonFinite?: string;
  /** the backend that ran it */
  backend: string;
  /** wall time of the whole run, build and evaluation included */
  ms: number;
}

/** Runs jobs one at a time (one per worker); a pool holds several. */
export interface JobRunner {
  run(job: ExperimentJob): Promise<JobResult>;
  /** stops a run in progress at once (a Web Worker is terminated) and frees the runner */
  dispose(): void;
}
