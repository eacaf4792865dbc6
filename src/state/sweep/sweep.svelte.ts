// The sweep page's state: the definition, its cells and jobs, the pool of workers that runs them,
// the results as table rows, the estimate before a run ("about N minutes") and the progress during
// one. A run that was going when the page was closed can be resumed: the pool reads the finished
// jobs from its cache, so only the rest train again.

import type { JobResult } from '../../engine/experiments/job';
import { hashString } from '../../engine/rng';
import { defaultWorkers, ExperimentPool, type PoolOptions, type PoolProgress, type PoolStatus } from '../experimentPool.svelte';
import type { SweepDefinition, SweepKind } from './definition';
import { sweepCells, sweepJobs, type SweepCell } from './jobs';
import { fitCells, sweepParts } from './link';
import { definitionOf, readyMadeDefinition } from './readyMade';
import type { PaperPoint } from './stMoePaper';
import { APP_VERSION } from '../appVersion';
import { mergeResults, sweepRows, toyLossAt, type SweepRow } from './table';

/** Above this estimate the page says how long a sweep will take before it starts. */
export const LONG_SWEEP_MS = 3 * 60_000;
const NO_RESULTS: ReadonlyMap<string, JobResult> = Object.freeze(new Map<string, JobResult>());

/** Where a started run is remembered, so that a reload offers to resume it. */
const RUNNING_KEY = 'moe-playground.sweep.running';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SweepStateOptions {
  /** the pool's runner and cache (tests: a fake runner, no cache); its workers and estimate are the sweep's */
  pool?: Omit<PoolOptions, 'workers' | 'estimateMs'>;
  appVersion?: string;
  /** where a started run is remembered across reloads; default the browser's localStorage, null for none */
  storage?: Store | null;
}

function browserStorage(): Store | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null; // storage blocked (a sandboxed frame)
  }
}

export class SweepState {
  definition = $state.raw<SweepDefinition>() as SweepDefinition;
  pool = $state.raw<ExperimentPool>() as ExperimentPool;
  /** a run of this very definition was going when the page was last closed */
  resumable = $state(false);
  readonly appVersion: string;
  /** results of pools replaced when the workers changed */
  #kept = $state.raw<ReadonlyMap<string, JobResult>>(NO_RESULTS);
  readonly #options: SweepStateOptions;
  readonly #storage: Store | null;
  #poolWorkers = 0;

  readonly cells: SweepCell[] = $derived(sweepCells(this.definition));
  readonly jobs = $derived(sweepJobs(this.definition, this.cells));
  readonly results: ReadonlyMap<string, JobResult> = $derived(mergeResults(this.#kept, this.pool.results));
  readonly rows: SweepRow[] = $derived(sweepRows(this.definition, this.cells, this.results, this.pool.errors));
  /** the sweep's part of a link (`sweep=st-moe&sw.n=200`) */
  readonly link = $derived(sweepParts(this.definition).join('&'));
  /** what a started run is remembered by: every job it runs (the link alone leaves out the base settings) */
  readonly #mark = $derived(hashString(this.jobs.map((j) => j.id).join(','), 3).toString(36));
  readonly workers = $derived(this.definition.workers ?? defaultWorkers());
  /** the wall time of the jobs not finished yet, before a run starts (ms) */
  readonly estimateMs = $derived(this.pool.estimate(this.jobs.filter((j) => !this.results.has(j.id))));
  readonly long = $derived(this.estimateMs > LONG_SWEEP_MS);
  readonly status: PoolStatus = $derived(this.pool.status);
  readonly progress: PoolProgress = $derived(this.pool.progress);
  readonly running = $derived(this.pool.status === 'running');
  /** how many cells train the same settings as an earlier one, and how many had values changed to fit */
  readonly repeats = $derived(this.cells.filter((c) => c.sameAs !== null).length);
  readonly adjusted = $derived(this.cells.filter((c) => c.adjustments.length > 0).length);

  constructor(definition: SweepDefinition, options: SweepStateOptions = {}) {
    this.#options = options;
    this.appVersion = options.appVersion ?? APP_VERSION;
    this.#storage = options.storage === undefined ? browserStorage() : options.storage;
    this.definition = fitCells(definition);
    this.pool = this.#makePool(definition.workers ?? defaultWorkers());
    this.resumable = this.#read() === this.#mark;
  }

  #makePool(workers: number): ExperimentPool {
    this.#poolWorkers = workers;
    return new ExperimentPool({ ...this.#options.pool, workers });
  }

  /** A new definition (not while running): the pool is replaced when the workers change. */
  setDefinition(def: SweepDefinition): void {
    if (this.running) return;
    const workers = def.workers ?? defaultWorkers();
    this.definition = fitCells(def);
    if (workers !== this.#poolWorkers) {
      this.#kept = this.results;
      this.pool.dispose();
      this.pool = this.#makePool(workers);
    }
    this.resumable = false;
  }

  /** A ready-made sweep (its own settings over the current base), or a custom one on the current base. */
  pick(kind: SweepKind): void {
    const { base, workers } = this.definition;
    this.setDefinition(kind === 'custom' ? definitionOf('custom', base, workers) : readyMadeDefinition(kind, base, workers));
  }

  async run(): Promise<void> {
    if (this.running) return;
    const mark = this.#mark;
    this.#write(mark);
    this.resumable = false;
    await this.pool.run(this.jobs);
    // finished or cancelled by the person: nothing to resume (a reload mid-run leaves the mark)
    if (this.#read() === mark) this.#write(null);
  }

  cancel(): void {
    this.pool.cancel();
    this.#write(null);
  }

  dispose(): void {
    this.pool.dispose();
  }

  /** The toy's mean held-out loss at a point of ST-MoE's table, or null where the sweep has none yet. */
  toyLoss(p: PaperPoint): number | null {
    return toyLossAt(this.definition, this.cells, this.results, this.pool.errors, p);
  }

  #read(): string | null {
    try {
      return this.#storage?.getItem(RUNNING_KEY) ?? null;
    } catch {
      return null;
    }
  }

  #write(mark: string | null): void {
    try {
      if (mark === null) this.#storage?.removeItem(RUNNING_KEY);
      else this.#storage?.setItem(RUNNING_KEY, mark);
    } catch {
      // storage full or blocked: a reload then starts over, from the cache
    }
  }
}
