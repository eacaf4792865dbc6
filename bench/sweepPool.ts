// Does the experiment pool use the cores? A 2 × 2 sweep (capacity factor 1, 2 × k 1, 2 on the
// default teacher task, wasm) through the pool's scheduling (src/state/experimentQueue.ts, the
// code ExperimentPool wraps) with runners over Node worker threads (sweepThread.ts, the sweep
// worker's handler), forced onto 1 worker and onto 2, alternating, median of 3 runs each. Each
// run starts its workers afresh, as the page's pool does. The goal: 2 workers at least 1.6× as
// fast as 1 on a 2-core machine. Measured on the 2-vCPU dev VM (Dec 2026), idle: 1.36–1.43×.
// Not the pool's doing: each thread's step takes 1.3× as long while the other thread trains
// (3.8 → 5.0 ms), and one worker alone already keeps 1.15 cores busy (V8's helper threads use the
// second core); a pure arithmetic loop does scale 2× there. othersCores says how much of the
// machine other processes took during the runs.
//   node --import tsx bench/sweepPool.ts [--smoke]

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
export const SWEEP_POOL_FULL: SweepPoolPlan = { steps: 1000, runs: 3 };
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

/** The machine's busy CPU time so far, ms (Linux /proc/stat, in USER_HZ = 100 ticks); null elsewhere. */
function machineBusyMs(): number | null {
  try {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return (ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) * 10;
  } catch {
    return null;
  }
}

/** One whole sweep on `workers` threads: wall ms, and the cores other processes kept busy meanwhile; throws if a job failed. */
async function sweepOnce(jobs: ExperimentJob[], workers: number): Promise<{ ms: number; jobMs: number[]; othersCores: number | null }> {
  const queue = new ExperimentQueue({ workers, makeRunner: threadRunner, cache: null });
  const busy0 = machineBusyMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await queue.run(jobs);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const busy1 = machineBusyMs();
  const othersCores = busy0 === null || busy1 === null ? null : Math.max(0, busy1 - busy0 - (cpu.user + cpu.system) / 1000) / ms;
  const { errors, results } = queue.state;
  if (errors.size > 0) throw new Error(`sweep pool bench: ${[...errors.values()].join('; ')}`);
  return { ms, jobMs: jobs.map((j) => results.get(j.id)!.ms), othersCores };
}

export async function benchSweepPool(plan: SweepPoolPlan = SWEEP_POOL_FULL): Promise<BenchRow[]> {
  const jobs = sweepJobs(plan.steps);
  const cores = availableParallelism();
  const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const jobTimes: number[] = [];
  const others: number[] = [];
  for (let r = 0; r < plan.runs; r++) {
    for (const workers of [1, 2] as const) {
      const { ms, jobMs, othersCores } = await sweepOnce(jobs, workers);
      times[workers].push(round(ms, 1));
      if (workers === 1) jobTimes.push(...jobMs);
      if (othersCores !== null) others.push(othersCores);
    }
  }
  const othersCores = others.length ? round(others.reduce((a, b) => a + b, 0) / others.length, 2) : undefined;
  const one = median(times[1]);
  const two = median(times[2]);
  const estimate = jobs.reduce((s, j) => s + estimateJobMs(j), 0);
  console.log(`sweep pool: other processes kept ${othersCores ?? '?'} of ${cores} cores busy meanwhile (per run: ${others.map((x) => round(x, 2)).join(', ')})`);
  console.log(`sweep pool: 4 jobs × ${plan.steps} steps; one job ${round(median(jobTimes), 0)} ms in its thread (median), the engine's estimate ${round(estimate / 4, 0)} ms (Chromium-calibrated)`);
  const date = new Date().toISOString();
  // k: 0, since the sweep runs k = 1 and 2
  const base = { name: 'sweep-pool', backend: 'wasm', T: jobs[0].config.tokens, E: jobs[0].config.experts, k: 0, d: jobs[0].config.d, h: jobs[0].config.h, date, steps: plan.steps, runs: plan.runs, cores, othersCores };
  return [
    { ...base, variant: '1 worker', ms: round(one, 1), samples: times[1] },
    { ...base, variant: '2 workers', ms: round(two, 1), baselineMs: round(one, 1), ratio: round(one / two, 2), samples: times[2] },
  ];
}

// run alone: npm run bench runs it through bench/run.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  const rows = await benchSweepPool(smoke ? SWEEP_POOL_SMOKE : SWEEP_POOL_FULL);
  console.table(rows.map(({ variant, ms, ratio, samples, cores, othersCores }) => ({ variant, ms, ratio, samples: samples?.join(', '), cores, othersCores })));
  if (!smoke) console.log('saved', saveResults('sweep-pool', rows));
}
