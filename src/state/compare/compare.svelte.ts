// An A/B comparison running: two training sessions (one worker each) and their histories, trained
// in lockstep (each arm runs to the same step, a few steps at a time, so neither is ever more than
// a chunk ahead), what the arms do not share, and the repeat over seeds on the experiment pool.
// Editing either arm rebuilds both from step 0, so they stay paired.

import { isBackendName, type MoeConfig } from '../../engine/config';
import { notShared, type NotShared } from '../../engine/experiments/sharedStart';
import type { ShownNotice } from '../app.svelte';
import { ExperimentPool } from '../experimentPool.svelte';
import { RunHistory } from '../history.svelte';
import { notice } from '../notices';
import { presetById } from '../presets';
import { schemaDefaults } from '../schema';
import { Settle } from '../settle';
import { TrainingSession } from '../training.svelte';
import { urlKeyOf } from '../urlKeys';
import { validateConfig, type Adjustment } from '../validate';
import type { SessionWorkers } from '../sessionWorkers';
import { ARMS, armConfig, COMPARE_LIMITS, pairOf, presetArm, type ArmId, type CompareDefinition } from './definition';
import { seedJobs, spreadOf, type ArmSpread } from './seedRuns';

export interface CompareOptions {
  /** the workers each arm's session starts (tests pass fakes) */
  workers?: SessionWorkers;
  /** makes the pool the seeds repeat runs on, when first asked for (tests pass one with a fake runner) */
  makePool?: () => ExperimentPool;
  /** steps an arm runs before waiting for the other: the most one is ever ahead */
  chunk?: number;
}

/** Steps per lockstep chunk: small enough to keep the arms together, large enough to keep both busy. */
export const LOCKSTEP_CHUNK = 5;
/** An edit restarts both arms once its control has rested this long (as the lab's rebuilds do). */
const EDIT_SETTLE_MS = 150;

/** Why the pair cannot train on: an arm stopped (a diverged loss, a worker error) or too large to build. */
export type ArmProblem = { arm: ArmId; kind: 'stopped'; why: string } | { arm: ArmId; kind: 'refused' };

let noticeIds = 0;

export class CompareState {
  definition = $state.raw<CompareDefinition>(pairOf(schemaDefaults()));
  readonly sessions: Readonly<Record<ArmId, TrainingSession>>;
  readonly histories: Readonly<Record<ArmId, RunHistory>>;
  /** the step a play or run-to is taking both arms to (Infinity: playing), or null when paused */
  goal = $state<number | null>(null);
  /** what an edit changed, and why (the link's own notices are the page's to show) */
  notices = $state<ShownNotice[]>([]);
  /** the jobs of the seeds repeat, per arm, by id; null before one is asked for */
  seedIds = $state.raw<Record<ArmId, readonly string[]> | null>(null);
  /** why the seeds repeat could not run */
  seedError = $state<string | null>(null);
  /** what the two arms do not share (weights by name, data, batches, noise, seed) */
  readonly notShared: NotShared[] = $derived(notShared(this.definition.a, this.definition.b));
  readonly chunk: number;
  #makePool: () => ExperimentPool;
  #pool = $state.raw<ExperimentPool | null>(null);
  /** an edit's restart of both arms waits for its control to rest */
  #settle = new Settle(EDIT_SETTLE_MS);
  /** bumped by every pause, reset and edit: a chunk that finishes after one is not continued */
  #generation = 0;

  constructor(definition: CompareDefinition, options: CompareOptions = {}) {
    this.definition = { ...definition, seeds: clampSeeds(definition.seeds) };
    this.chunk = Math.max(1, Math.floor(options.chunk ?? LOCKSTEP_CHUNK));
    this.#makePool = options.makePool ?? (() => new ExperimentPool());
    const session = (arm: ArmId) => new TrainingSession(armConfig(this.definition, arm), options.workers);
    this.sessions = { a: session('a'), b: session('b') };
    this.histories = { a: new RunHistory(), b: new RunHistory() };
    for (const arm of ARMS) this.sessions[arm].onSnapshot((s) => this.histories[arm].add(s));
  }

  /** The step an arm has shown (0 before its first snapshot). */
  stepOf(arm: ArmId): number {
    return this.sessions[arm].snapshot?.step ?? 0;
  }

  /** Training both, or running both to a step. */
  get playing(): boolean {
    return this.goal !== null && !this.problem;
  }

  /** An arm that stopped by itself (a diverged loss, a worker error) or that the guard refuses. */
  get problem(): ArmProblem | null {
    for (const arm of ARMS) {
      const s = this.sessions[arm];
      if (s.problem) return { arm, kind: 'stopped', why: s.problem };
      if (s.guard.kind === 'refuse') return { arm, kind: 'refused' };
    }
    return null;
  }

  /** The pool of the seeds repeat, once one was asked for: its status, progress and results. */
  get pool(): ExperimentPool | null {
    return this.#pool;
  }

  /** Each arm's spread over the seeds that have come back; null before a repeat. */
  get spread(): Record<ArmId, ArmSpread> | null {
    const ids = this.seedIds;
    return ids && this.#pool ? spreadOf(ids, this.#pool.results) : null;
  }

  /** What the link asks for on opening: train both to its step (then pause), and repeat over its seeds. */
  start(): void {
    const step = this.definition.step;
    if (step !== undefined && step > 0) this.runTo(step);
    else for (const arm of ARMS) this.sessions[arm].prepare();
    if (this.definition.seeds > 1) void this.runSeeds();
  }

  play(): void {
    this.#drive(Infinity);
  }

  pause(): void {
    this.#generation++;
    this.goal = null;
    for (const arm of ARMS) this.sessions[arm].pause();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** One step on the arm behind (both, when level): they end level. */
  step(): void {
    this.#drive(Math.min(this.stepOf('a'), this.stepOf('b')) + 1);
  }

  /** Both arms to step n, a chunk at a time, then pause; done once both are there (or stopped). */
  runTo(n: number, done?: () => void): void {
    this.#drive(n, done);
  }

  #drive(goal: number, done?: () => void): void {
    // an edit still waiting for its control to rest: the run is for the edited pair
    if (this.#settle.pending) this.#restart();
    if (this.problem) return;
    const generation = ++this.#generation;
    this.goal = goal;
    this.#chunk(goal, generation, -1, done);
  }

  /** Runs both arms to the next chunk's end; when both are there, the next chunk. */
  #chunk(goal: number, generation: number, before: number, done?: () => void): void {
    if (generation !== this.#generation) return;
    const low = Math.min(this.stepOf('a'), this.stepOf('b'));
    // there, stopped, or a round that moved neither arm (a worker that cannot step): stop here
    if (low >= goal || this.problem || low <= before) {
      this.goal = null;
      done?.();
      return;
    }
    const next = Math.min(goal, low + this.chunk);
    let waiting = ARMS.length;
    const arrived = () => {
      if (--waiting === 0) this.#chunk(goal, generation, low, done);
    };
    for (const arm of ARMS) {
      if (this.stepOf(arm) >= next) arrived();
      else this.sessions[arm].runTo(next, arrived);
    }
  }

  /** Both arms back to step 0 on fresh models (the same start, so still paired). */
  reset(): void {
    this.pause();
    this.#restart();
  }

  /**
   * A change to one arm's settings, made valid (what that changed is noted). The seed is the
   * comparison's: a new one moves both arms. Both arms rebuild from step 0.
   */
  setArm(arm: ArmId, patch: Partial<MoeConfig>): void {
    const { config, adjustments } = validateConfig({ ...armConfig(this.definition, arm), ...patch });
    this.#note(arm, adjustments);
    const other: ArmId = arm === 'a' ? 'b' : 'a';
    const otherConfig = armConfig(this.definition, other);
    this.#replace({ ...this.definition, [arm]: config, [other]: patch.seed !== undefined ? { ...otherConfig, seed: config.seed } : otherConfig });
  }

  /** An arm becomes a preset (on the comparison's seed and backend): "Switch vs Mixtral". */
  applyPreset(arm: ArmId, id: string): void {
    if (!presetById(id)) return;
    const config = presetArm(id, armConfig(this.definition, arm));
    this.#replace({ ...this.definition, [arm]: config, [arm === 'a' ? 'presetA' : 'presetB']: id });
  }

  /** B takes A's place and A B's. */
  swap(): void {
    const { a, b, presetA, presetB } = this.definition;
    const next: CompareDefinition = { ...this.definition, a: b, b: a };
    delete next.presetA;
    delete next.presetB;
    if (presetB !== undefined) next.presetA = presetB;
    if (presetA !== undefined) next.presetB = presetA;
    this.#replace(next);
  }

  /** The number of seeds of the repeat (1..8); a running repeat is cancelled. */
  setSeeds(n: number): void {
    this.#cancelSeeds();
    this.definition = { ...this.definition, seeds: clampSeeds(n) };
  }

  /** Runs both arms on each seed in the pool, curves recorded; resolves when all are back or cancelled. */
  async runSeeds(): Promise<void> {
    this.#cancelSeeds();
    const jobs = seedJobs(this.definition, { a: this.sessions.a.backend, b: this.sessions.b.backend });
    this.seedIds = { a: jobs.a.map((j) => j.id), b: jobs.b.map((j) => j.id) };
    this.#pool ??= this.#makePool();
    // a job both arms share (two equal configs) runs once
    const all = [...jobs.a, ...jobs.b];
    const unique = all.filter((job, i) => all.findIndex((j) => j.id === job.id) === i);
    try {
      await this.#pool.run(unique);
    } catch (err) {
      this.seedError = err instanceof Error ? err.message : String(err);
    }
  }

  cancelSeeds(): void {
    this.#pool?.cancel();
  }

  #cancelSeeds(): void {
    this.#pool?.cancel();
    this.seedIds = null;
    this.seedError = null;
  }

  #replace(next: CompareDefinition): void {
    this.#cancelSeeds();
    this.definition = next;
    this.pause();
    // both start over, paired (a live setting alone would go on from the current step), once the
    // control rests: a dragged slider restarts them once
    this.#settle.schedule(false, () => this.#restart());
  }

  #restart(): void {
    this.#settle.take();
    for (const arm of ARMS) {
      // configure then reset: one rebuild, now, whatever the setting
      this.sessions[arm].configure(armConfig(this.definition, arm));
      this.sessions[arm].reset();
      this.histories[arm].clear();
    }
  }

  #note(arm: ArmId, changes: readonly Adjustment[]): void {
    if (!changes.length) return;
    const shown = changes.map((c) => ({ ...notice({ id: 'adjusted', reason: c.reason }, `${arm.toUpperCase()}.${urlKeyOf(c.key)}`, String(c.from), String(c.to)), id: ++noticeIds }));
    this.notices = [...this.notices, ...shown];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** The definition to share: an arm on `auto` pinned to the backend it trained on, so the link replays it. */
  get shareDefinition(): CompareDefinition {
    const pin = (arm: ArmId): MoeConfig => {
      const c = armConfig(this.definition, arm);
      const ran = this.sessions[arm].backend;
      return c.backend === 'auto' && ran && isBackendName(ran) ? { ...c, backend: ran } : c;
    };
    return { ...this.definition, a: pin('a'), b: pin('b') };
  }

  dispose(): void {
    this.#generation++;
    this.#settle.take();
    this.#pool?.dispose();
    for (const arm of ARMS) this.sessions[arm].dispose();
  }
}

function clampSeeds(n: number): number {
  return Number.isFinite(n) ? Math.min(COMPARE_LIMITS.seedsMax, Math.max(COMPARE_LIMITS.seedsMin, Math.round(n))) : COMPARE_LIMITS.seedsMin;
}
