// An A/B comparison without a browser: its two sessions on fake trainer workers (A's first), and a
// pool whose jobs "run" at once with a curve made from the job's seed, so each seed's curve differs.

import type { ExperimentJob, JobResult } from '../../src/engine/experiments/job';
import { CompareState } from '../../src/state/compare/compare.svelte';
import { pairOf, type CompareDefinition } from '../../src/state/compare/definition';
import { ExperimentPool } from '../../src/state/experimentPool.svelte';
import { schemaDefaults } from '../../src/state/schema';
import { FakeWorker, ready } from './sessionHarness';

export class InstantPool extends ExperimentPool {
  ran: ExperimentJob[][] = [];
  override async run(jobs: readonly ExperimentJob[]): Promise<void> {
    this.ran.push([...jobs]);
    const results = new Map(this.results);
    for (const job of jobs) results.set(job.id, curveResult(job));
    this.results = results;
  }
}

/** seed/step for the task loss, (seed + 1)/step held out, every curveEvery steps */
function curveResult(job: ExperimentJob): JobResult {
  const every = job.curveEvery ?? 1;
  const curve = Array.from({ length: Math.floor(job.steps / every) }, (_, i) => {
    const step = (i + 1) * every;
    return { step, taskLoss: job.config.seed / step, heldOutLoss: (job.config.seed + 1) / step };
  });
  const train = { taskLoss: 1, balanceLoss: 1, entropy: 1, dropRate: 0, busiest: 1, stepMs: 1 };
  return { id: job.id, heldOut: [], train, curve, backend: job.config.backend, ms: 1 };
}

export function comparePair(def: CompareDefinition = pairOf({ ...schemaDefaults(), backend: 'wasm' }), chunk = 5) {
  const trainers: FakeWorker[] = [];
  const make = (list: FakeWorker[]) => () => {
    const w = new FakeWorker();
    list.push(w);
    return w as unknown as Worker;
  };
  let pool: InstantPool | null = null;
  const compare = new CompareState(def, {
    workers: { trainer: make(trainers), probe: make([]) },
    chunk,
    makePool: () => (pool = new InstantPool({ workers: 2, cache: null })),
  });
  const [a, b] = trainers;
  for (const w of [a, b]) w.reply(ready);
  return { compare, a, b, trainers, pool: () => pool };
}
