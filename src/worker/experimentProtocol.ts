// The messages between a pool's runner (src/state/workerJobRunner.ts) and a sweep worker
// (sweep.worker.ts in the browser, a Node worker thread in bench/sweepPool.ts): a job in, its
// result or why it failed out. Results are plain objects (structured clone keeps NaN).

import type { ExperimentJob, JobResult } from '../engine/experiments/job';

/** ownText: the user's text, with a job on it (dataset 'own'): the worker keeps it by its hash */
export type ToSweepWorker = { type: 'run'; job: ExperimentJob; ownText?: string };

export type FromSweepWorker = { type: 'result'; id: string; result: JobResult } | { type: 'error'; id: string; message: string };
