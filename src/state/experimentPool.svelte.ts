// STUB (the sweeprun helper replaces the implementation; the API below is the contract).
// A pool of workers that runs experiment jobs (src/engine/experiments/job.ts) off the main
// thread: progress, an estimate of the time left, cancel, and results from the cache.

import type { ExperimentJob, JobResult, JobRunner } from '../engine/experiments/job';

export interface PoolProgress {
  total: number;
  /** finished (run here or read from the cache), failed included */
  done: number;
  /** of done: read from the cache */
  cached: number;
  /** of done: the job threw (a diverged run is not a failure: its result says nonFinite) */
  failed: number;
  running: number;
  elapsedMs: number;
  /** the time left: from the estimate before any job finished, then from measured jobs; null when unknown */
  etaMs: number | null;
}

/** Results kept across reloads, per job id and app version. */
export interface ResultCache {
  get(key: string): Promise<JobResult | undefined>;
  put(key: string, result: JobResult): Promise<void>;
}

export interface PoolOptions {
  /** workers to run at once; default defaultWorkers() */
  workers?: number;
  /** default: a Web Worker running src/worker/sweep.worker.ts */
  makeRunner?: () => JobRunner;
  /** default: the browser's cache (none where there is no storage) */
  cache?: ResultCache | null;
  /** a job's expected wall time before any has run (ms), for the first estimate */
  estimateMs?: (job: ExperimentJob) => number;
}

// results are replaced whole as they arrive (a frozen map per update), never mutated in place
const EMPTY_RESULTS: ReadonlyMap<string, JobResult> = Object.freeze(new Map<string, JobResult>());
const EMPTY_ERRORS: ReadonlyMap<string, string> = Object.freeze(new Map<string, string>());

export type PoolStatus = 'idle' | 'running' | 'done' | 'cancelled';

/** The machine's cores minus one for the page, at least one. */
export function defaultWorkers(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, cores - 1);
}

export class ExperimentPool {
  status = $state<PoolStatus>('idle');
  progress = $state.raw<PoolProgress>({ total: 0, done: 0, cached: 0, failed: 0, running: 0, elapsedMs: 0, etaMs: null });
  /** by job id; replaced (not mutated) as each result arrives */
  results = $state.raw<ReadonlyMap<string, JobResult>>(EMPTY_RESULTS);
  /** by job id: why the job failed */
  errors = $state.raw<ReadonlyMap<string, string>>(EMPTY_ERRORS);

  constructor(readonly options: PoolOptions = {}) {}

  /** Runs the jobs (those in the cache are read, not run); resolves when all are done or on cancel. */
  async run(jobs: readonly ExperimentJob[]): Promise<void> {
    void jobs;
    throw new Error('ExperimentPool: not implemented yet');
  }

  /** Stops every running job at once (their workers are terminated); finished results stay. */
  cancel(): void {}

  /** The estimate of the whole run's wall time before it starts (ms), for "this will take N minutes". */
  estimate(jobs: readonly ExperimentJob[]): number {
    return jobs.reduce((sum, job) => sum + (this.options.estimateMs?.(job) ?? 0), 0) / (this.options.workers ?? defaultWorkers());
  }

  dispose(): void {
    this.cancel();
  }
}
