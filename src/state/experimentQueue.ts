// The scheduling behind the experiment pool (experimentPool.svelte.ts wraps it in $state for the
// views; bench/sweepPool.ts runs it as is in Node, where a .svelte.ts file's runes cannot run):
// results from the cache first, then at most `workers` jobs at once, each lane on its own runner,
// with progress and an estimate of the time left after every change, and a cancel that stops
// every runner at once.

import type { ExperimentJob, JobResult, JobRunner } from '../engine/experiments/job';
import { APP_VERSION } from './appVersion';

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
  /** the clock, ms; default performance.now */
  now?: () => number;
}

export type PoolStatus = 'idle' | 'running' | 'done' | 'cancelled';

export interface PoolState {
  status: PoolStatus;
  progress: PoolProgress;
  /** by job id; replaced (not mutated) as each result arrives */
  results: ReadonlyMap<string, JobResult>;
  /** by job id: why the job failed */
  errors: ReadonlyMap<string, string>;
}

/** The machine's cores minus one for the page, at least one. */
export function defaultWorkers(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, cores - 1);
}

/** A result's key in the cache: a result of another version of the app is not read. */
export const cacheKey = (job: ExperimentJob) => `${APP_VERSION}:${job.id}`;

const freeze = <K, V>(map: Map<K, V>): ReadonlyMap<K, V> => Object.freeze(map);
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const IDLE_STATE: PoolState = Object.freeze({
  status: 'idle',
  progress: Object.freeze({ total: 0, done: 0, cached: 0, failed: 0, running: 0, elapsedMs: 0, etaMs: null }),
  results: freeze(new Map<string, JobResult>()),
  errors: freeze(new Map<string, string>()),
});

export type QueueOptions = Required<Pick<PoolOptions, 'workers' | 'makeRunner'>> & Omit<PoolOptions, 'workers' | 'makeRunner'>;

export class ExperimentQueue {
  state: PoolState = IDLE_STATE;
  /** bumped by every run and cancel: a lane of an older run stops touching the state */
  private generation = 0;
  private runners = new Set<JobRunner>();
  private stopWaiting: (() => void) | null = null;
  private readonly now: () => number;

  constructor(
    private readonly options: QueueOptions,
    private readonly onChange: (state: PoolState) => void = () => {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  private publish(patch: Partial<PoolState>): void {
    this.state = Object.freeze({ ...this.state, ...patch });
    this.onChange(this.state);
  }

  private lanes(jobs: number): number {
    return Math.max(1, Math.min(Math.floor(this.options.workers), jobs));
  }

  /** The estimate of the whole run's wall time before it starts (ms); 0 without estimateMs. */
  estimate(jobs: readonly ExperimentJob[]): number {
    const unique = uniqueById(jobs);
    const estimateMs = this.options.estimateMs;
    return unique.reduce((sum, job) => sum + (estimateMs?.(job) ?? 0), 0) / this.lanes(unique.length);
  }

  /** Runs the jobs (those in the cache are read, not run); resolves when all are done or on cancel. */
  async run(jobs: readonly ExperimentJob[]): Promise<void> {
    this.stopRunners();
    const generation = ++this.generation;
    const stopped = new Promise<void>((resolve) => (this.stopWaiting = resolve));
    await Promise.race([this.runAll(generation, uniqueById(jobs)), stopped]);
  }

  private async runAll(generation: number, jobs: ExperimentJob[]): Promise<void> {
    const live = () => generation === this.generation;
    const { cache, estimateMs } = this.options;
    const start = this.now();
    const results = new Map<string, JobResult>();
    const errors = new Map<string, string>();
    const counts = { done: 0, cached: 0, failed: 0 };
    const queue: ExperimentJob[] = [];
    const running = new Map<string, { job: ExperimentJob; since: number }>();
    const durations: number[] = [];

    const etaMs = (t: number): number | null => {
      const left = queue.length + running.size;
      if (left === 0) return 0;
      const mean = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null;
      if (mean === null && !estimateMs) return null;
      const expected = (job: ExperimentJob) => mean ?? estimateMs!(job);
      let work = queue.reduce((sum, job) => sum + expected(job), 0);
      for (const r of running.values()) work += Math.max(0, expected(r.job) - (t - r.since));
      return work / this.lanes(left);
    };
    const update = () => {
      const t = this.now();
      this.publish({
        progress: Object.freeze({ total: jobs.length, ...counts, running: running.size, elapsedMs: t - start, etaMs: etaMs(t) }),
        results: freeze(new Map(results)),
        errors: freeze(new Map(errors)),
      });
    };

    this.publish({ status: 'running' });
    update();
    const hits = await Promise.all(jobs.map((job) => readCache(cache, job)));
    if (!live()) return;
    jobs.forEach((job, i) => {
      const hit = hits[i];
      if (hit) results.set(job.id, hit);
      else queue.push(job);
    });
    counts.done = counts.cached = results.size;
    update();

    const lane = async () => {
      let runner: JobRunner | null = null;
      try {
        while (queue.length > 0 && live()) {
          const job = queue.shift()!;
          const since = this.now();
          running.set(job.id, { job, since });
          update();
          try {
            if (!runner) this.runners.add((runner = this.options.makeRunner()));
            const result = await runner.run(job);
            if (!live()) return;
            results.set(job.id, result);
            durations.push(this.now() - since);
            // not awaited: a slow or stuck storage never holds the run back
            if (cache) void writeCache(cache, job, result);
          } catch (err) {
            if (!live()) return;
            errors.set(job.id, errorText(err));
            counts.failed++;
            // a runner that failed may be broken (its worker died): the next job gets a fresh one
            if (runner) this.release(runner);
            runner = null;
          }
          running.delete(job.id);
          counts.done++;
          update();
        }
      } finally {
        if (runner) this.release(runner);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.lanes(queue.length), queue.length) }, lane));
    if (!live()) return;
    this.stopWaiting = null;
    this.publish({ status: 'done' });
    update();
  }

  private release(runner: JobRunner): void {
    if (!this.runners.delete(runner)) return;
    try {
      runner.dispose();
    } catch {
      // a runner that cannot even stop is gone as far as the pool is concerned
    }
  }

  /** Disposes every runner at once and lets the run's promise resolve. */
  private stopRunners(): void {
    this.generation++;
    for (const runner of [...this.runners]) this.release(runner);
    this.stopWaiting?.();
    this.stopWaiting = null;
  }

  /** Stops every running job at once (their runners are disposed); finished results stay. */
  cancel(): void {
    if (this.state.status !== 'running') return;
    this.stopRunners();
    const elapsedMs = this.state.progress.elapsedMs;
    this.publish({ status: 'cancelled', progress: Object.freeze({ ...this.state.progress, running: 0, etaMs: null, elapsedMs }) });
  }

  dispose(): void {
    this.cancel();
    this.stopRunners();
  }
}

function uniqueById(jobs: readonly ExperimentJob[]): ExperimentJob[] {
  const seen = new Map<string, ExperimentJob>();
  for (const job of jobs) if (!seen.has(job.id)) seen.set(job.id, job);
  return [...seen.values()];
}

/** A cached result, or undefined on a miss or any failure of the cache (it never stops a run). */
async function readCache(cache: ResultCache | null | undefined, job: ExperimentJob): Promise<JobResult | undefined> {
  if (!cache) return undefined;
  try {
    const hit = await cache.get(cacheKey(job));
    return hit && hit.id === job.id ? hit : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(cache: ResultCache, job: ExperimentJob, result: JobResult): Promise<void> {
  try {
    await cache.put(cacheKey(job), result);
  } catch {
    // a full or missing storage loses the cache, not the result
  }
}
