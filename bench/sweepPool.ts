// Does the experiment pool use the cores? A 2 × 2 sweep (capacity factor 1, 2 × k 1, 2 on the
// default teacher task, wasm) through the pool's scheduling (src/state/experimentQueue.ts, the
// code ExperimentPool wraps) with runners over Node worker threads (sweepThread.ts, the sweep
// worker's handler), forced onto 1 worker and onto 2, alternating, median of 3 runs each. Each
// run starts its workers afresh, as the page's pool does. The goal: 2 workers at least 1.6× as
// fast as 1 on a 2-core machine.
//   node --import tsx bench/sweepPool.ts [--smoke]

import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { defaultConfig } from '../src/engine/model/config';
import { jobId } from '../src/engine/experiments/jobId';
import { estimateJobMs } from '../src/engine/experiments/estimate';
import type { ExperimentJob, JobRunner } from '../src/engine/experiments/job';
import { ExperimentQueue } from '../src/state/experimentQueue';
import { workerJobRunner, type SweepPort } from '../src/state/workerJobRunner';
import type { FromSweepWorker } from '../src/worker/experimentProtocol';
import { median, round, saveResults, type BenchRow } from './lib';

export interface SweepPoolPlan {
  steps: number;
  runs: number;
}
export const SWEEP_POOL_FULL: SweepPoolPlan = { steps: 500, runs: 3 };
export const SWEEP_POOL_SMOKE: SweepPoolPlan = { steps: 10, runs: 1 };

const CAPACITY_FACTORS = [1, 2];
const TOP_KS = [1, 2];

export function sweepJobs(steps: number): ExperimentJob[] {
  return CAPACITY_FACTORS.flatMap((capacityFactor) =>
    TOP_KS.map((topK) => {
      const config = { ...defaultConfig(), capacityFactor, topK, backend: 'wasm' as const };
      const spec = { config, steps, evalCapacityFactors: [config.evalCapacityFactor] };
      return { id: jobId(spec), ...spec };
    }),
  );
}

/**
 * A worker thread as the runner's port. Node 20 does not pass tsx's loader on to a thread, so
 * the thread registers it before importing the TypeScript entry.
 */
const THREAD_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./sweepThread.ts', import.meta.url).href)}); });`;

function threadPort(): SweepPort {
  const thread = new Worker(THREAD_BOOT, { eval: true });
  return {
    post: (message) => thread.postMessage(message),
    listen(onMessage, onFailure) {
      thread.on('message', (message: FromSweepWorker) => onMessage(message));
      thread.on('error', (err) => onFailure(err.message));
      thread.on('exit', (code) => onFailure(`the sweep thread exited (${code})`));
    },
    terminate: () => void thread.terminate(),
  };
}

/** A job runner over a fresh worker thread: the page's sweep worker, in Node. */
export const threadRunner = (): JobRunner => workerJobRunner(threadPort);

/** One whole sweep on `workers` threads, wall ms; throws if a job failed. */
async function sweepOnce(jobs: ExperimentJob[], workers: number): Promise<{ ms: number; jobMs: number[] }> {
  const queue = new ExperimentQueue({ workers, makeRunner: threadRunner, cache: null });
  const t0 = performance.now();
  await queue.run(jobs);
  const ms = performance.now() - t0;
  const { errors, results } = queue.state;
  if (errors.size > 0) throw new Error(`sweep pool bench: ${[...errors.values()].join('; ')}`);
  return { ms, jobMs: jobs.map((j) => results.get(j.id)!.ms) };
}

export async function benchSweepPool(plan: SweepPoolPlan = SWEEP_POOL_FULL): Promise<BenchRow[]> {
  const jobs = sweepJobs(plan.steps);
  const cores = availableParallelism();
  const loadAvg = round(loadavg()[0], 2);
  const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const jobTimes: number[] = [];
  for (let r = 0; r < plan.runs; r++) {
    for (const workers of [1, 2] as const) {
      const { ms, jobMs } = await sweepOnce(jobs, workers);
      times[workers].push(round(ms, 1));
      if (workers === 1) jobTimes.push(...jobMs);
    }
  }
  const one = median(times[1]);
  const two = median(times[2]);
  const estimate = jobs.reduce((s, j) => s + estimateJobMs(j), 0);
  console.log(`sweep pool: 4 jobs × ${plan.steps} steps; one job ${round(median(jobTimes), 0)} ms in its thread (median), the engine's estimate ${round(estimate / 4, 0)} ms (Chromium-calibrated)`);
  const date = new Date().toISOString();
  const base = { name: 'sweep-pool', backend: 'wasm', T: jobs[0].config.tokens, E: jobs[0].config.experts, k: 0, d: jobs[0].config.d, h: jobs[0].config.h, date, steps: plan.steps, runs: plan.runs, cores, loadAvg };
  return [
    { ...base, variant: '1 worker', ms: round(one, 1), samples: times[1] },
    { ...base, variant: '2 workers', ms: round(two, 1), baselineMs: round(one, 1), ratio: round(one / two, 2), samples: times[2] },
  ];
}

// run alone: npm run bench runs it through bench/run.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  const rows = await benchSweepPool(smoke ? SWEEP_POOL_SMOKE : SWEEP_POOL_FULL);
  console.table(rows.map(({ variant, ms, ratio, samples, cores, loadAvg }) => ({ variant, ms, ratio, samples: samples?.join(', '), cores, loadAvg })));
  if (!smoke) console.log('saved', saveResults('sweep-pool', rows));
}
