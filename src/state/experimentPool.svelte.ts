// A pool of workers that runs experiment jobs (src/engine/experiments/job.ts) off the main
// thread: progress, an estimate of the time left, cancel, and results from the cache. The
// scheduling is experimentQueue.ts (plain TypeScript, so that bench/sweepPool.ts runs the same
// code in Node); this class holds its state in runes for the views.

import { estimateJobMs } from '../engine/experiments/estimate';
import type { ExperimentJob } from '../engine/experiments/job';
import { defaultWorkers, ExperimentQueue, IDLE_STATE, type PoolOptions, type PoolProgress, type PoolState, type PoolStatus } from './experimentQueue';
import { browserResultCache } from './resultCache';
import { browserSweepRunner } from './workerJobRunner';

export { defaultWorkers };
export type { PoolOptions, PoolProgress, PoolStatus };
export type { ResultCache } from './experimentQueue';

export class ExperimentPool {
  status = $state<PoolStatus>(IDLE_STATE.status);
  progress = $state.raw<PoolProgress>(IDLE_STATE.progress);
  /** by job id; replaced (not mutated) as each result arrives */
  results = $state.raw<PoolState['results']>(IDLE_STATE.results);
  /** by job id: why the job failed */
  errors = $state.raw<PoolState['errors']>(IDLE_STATE.errors);
  readonly #queue: ExperimentQueue;

  constructor(readonly options: PoolOptions = {}) {
    this.#queue = new ExperimentQueue(
      {
        ...options,
        workers: options.workers ?? defaultWorkers(),
        makeRunner: options.makeRunner ?? browserSweepRunner,
        cache: options.cache === undefined ? browserResultCache() : options.cache,
        // the engine's step-time model until a job has been measured
        estimateMs: options.estimateMs ?? ((job) => estimateJobMs(job)),
      },
      (state) => {
        this.status = state.status;
        this.progress = state.progress;
        this.results = state.results;
        this.errors = state.errors;
      },
    );
  }

  /** Runs the jobs (those in the cache are read, not run); resolves when all are done or on cancel. */
  run(jobs: readonly ExperimentJob[]): Promise<void> {
    return this.#queue.run(jobs);
  }

  /** Stops every running job at once (their workers are terminated); finished results stay. */
  cancel(): void {
    this.#queue.cancel();
  }

  /** The estimate of the whole run's wall time before it starts (ms), for "this will take N minutes". */
  estimate(jobs: readonly ExperimentJob[]): number {
    return this.#queue.estimate(jobs);
  }

  dispose(): void {
    this.#queue.dispose();
  }
}
