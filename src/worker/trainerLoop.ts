// The trainer worker's loop: builds a trainer for the page's settings, steps it back to back
// while playing, and sends a snapshot at most once per frame (~16 ms), carrying the metrics of
// every step since the previous one, so the charts miss nothing. Its messaging, trainer factory
// and clock come from outside: trainer.worker.ts wires the worker's, tests drive it in Node.

import { drawsPlane, type BackendName, type MoeConfig } from '../engine/config';
import { rememberOwnText } from '../engine/datasets/own/store';
import { effectiveSizes } from '../engine/model/config';
import type { LiveKey, StepMetrics, Trainer } from '../engine/model/trainerApi';
import { chooseBackend } from './backendChoice';
import { DomainShare, HistoryBuffer } from './collect';
import { transferables, type DataInfo, type EvalResult, type FromWorker, type ToWorker } from './protocol';
import { snapshotOf } from './snapshotOf';

export type Post = (message: FromWorker, transfer?: ArrayBuffer[]) => void;

export interface LoopClock {
  /** milliseconds, monotonic (performance.now) */
  now(): number;
  /** resolves after `ms`; even 0 lets the messages waiting (pause, set) in first */
  sleep(ms: number): Promise<void>;
}

/** How the loop gets a trainer: start a backend (throws when it cannot run here), build on it. */
export interface TrainerFactory {
  startBackend(name: BackendName): Promise<unknown>;
  createTrainer(config: MoeConfig, backend: BackendName): Promise<Trainer>;
}

export interface LoopOptions {
  post: Post;
  factory: TrainerFactory;
  clock: LoopClock;
  /** the thread the ready message names (the worker's global scope) */
  thread: string;
}

const FRAME_MS = 16;
/** the held-out split and the partition grid are refreshed at most this often while playing */
const EVAL_EVERY_MS = 500;
const GRID_EVERY_MS = 250;
const GRID_N = 40;

function dataInfo(t: Trainer): DataInfo {
  const d = t.data;
  if (d.kind === 'teacher') return { kind: 'teacher', classes: d.classes, experts: d.experts, inputDim: d.inputDim };
  return d.kind === 'points' ? { kind: 'points', classes: d.classes } : { kind: 'text', vocab: d.vocab, domains: [...d.domains] };
}

function withSetting<K extends LiveKey>(c: MoeConfig, key: K, value: MoeConfig[K]): MoeConfig {
  const next = { ...c };
  next[key] = value;
  return next;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class TrainerLoop {
  readonly #post: Post;
  readonly #factory: TrainerFactory;
  readonly #clock: LoopClock;
  readonly #thread: string;

  #trainer: Trainer | null = null;
  #config: MoeConfig | null = null;
  #cachedAuto: string | null = null;
  #preview = true;
  #playing = false;
  /** at most this many steps per second while playing; null: as fast as it goes */
  #maxRate: number | null = null;
  /** how long the last training step took, ms (the page's time guard learns this device's speed) */
  #lastStepMs = 0;
  #lastPost = 0;
  #lastEval = -Infinity;
  #lastGrid = -Infinity;
  #recentSteps: number[] = [];
  // what gathers between snapshots
  #history = new HistoryBuffer(1);
  #domainShare: DomainShare | null = null;
  #pendingEval: EvalResult | undefined;

  #queue: Promise<void> = Promise.resolve();
  #run: Promise<void> = Promise.resolve();

  constructor(opts: LoopOptions) {
    this.#post = opts.post;
    this.#factory = opts.factory;
    this.#clock = opts.clock;
    this.#thread = opts.thread;
  }

  /** The trainer running now (null while building, or after a failed build). */
  get trainer(): Trainer | null {
    return this.#trainer;
  }

  get playing(): boolean {
    return this.#playing;
  }

  /**
   * Takes the page's messages one at a time, in order, so a step never overlaps a rebuild.
   * Resolves once this one is handled (Play: once the loop has started, not ended).
   */
  handle(msg: ToWorker): Promise<void> {
    this.#queue = this.#queue.then(() => this.#handle(msg)).catch((err: unknown) => this.#fail(err));
    return this.#queue;
  }

  /** Resolves when the messages so far are handled and the play loop has stopped. */
  async idle(): Promise<void> {
    await this.#queue;
    await this.#run;
  }

  async #handle(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'configure':
        this.#config = msg.config;
        this.#cachedAuto = msg.cachedAuto ?? null;
        this.#preview = msg.preview !== false;
        this.#playing = false;
        this.#post({ type: 'building' });
        await this.#build(msg.config);
        break;
      case 'reset':
        this.#playing = false;
        this.#post({ type: 'building' });
        if (this.#config) await this.#build(this.#config);
        break;
      case 'play':
        if (!this.#playing) {
          this.#playing = true;
          this.#run = this.#loop();
        }
        break;
      case 'pause':
        this.#playing = false;
        this.#post({ type: 'paused', reason: null, step: this.#trainer?.steps ?? 0 });
        break;
      case 'step':
        this.#playing = false;
        await this.#stepOnce(true);
        break;
      case 'runTo':
        await this.#runTo(msg.step);
        break;
      case 'speed':
        this.#maxRate = msg.stepsPerSecond;
        break;
      case 'set':
        if (this.#config) this.#config = withSetting(this.#config, msg.key, msg.value);
        this.#trainer?.set(msg.key, msg.value);
        break;
      case 'text':
        // kept under its own hash, so a text that is not the one a configure names never trains as it
        rememberOwnText(msg.text);
        break;
    }
  }

  async #build(c: MoeConfig, failed: string[] = []): Promise<void> {
    this.#trainer?.dispose();
    this.#trainer = null;
    const decision = await chooseBackend(c.backend, this.#cachedAuto, (name) => this.#factory.startBackend(name), failed);
    const trainer = await this.#factory.createTrainer(c, decision.backend);
    this.#trainer = trainer;
    const { E } = effectiveSizes(c);
    this.#history = new HistoryBuffer(E);
    const d = trainer.data;
    // the teacher's experts play the part of text's domains: which student experts each one uses
    this.#domainShare = d.kind === 'points' ? null : new DomainShare(d.kind === 'text' ? d.domains.length : d.experts, E);
    // with step 0 drawn, its snapshot evaluates first; without (autoplay), the first training
    // snapshot goes out at once and the held-out split and the grid follow a few frames later
    this.#lastEval = this.#preview ? -Infinity : this.#clock.now() - EVAL_EVERY_MS / 2;
    this.#lastGrid = this.#preview ? -Infinity : this.#clock.now() - GRID_EVERY_MS / 2;
    this.#pendingEval = undefined;
    this.#post({
      type: 'ready',
      backend: trainer.backend,
      note: failed.length ? `${failed.join(', ')} failed; ${decision.note}` : decision.note,
      thread: this.#thread,
      data: dataInfo(trainer),
      fellBack: decision.fellBack || failed.length > 0,
      auto: decision.auto,
    });
    if (this.#preview) await this.#showStepZero(trainer);
  }

  /** The untrained router on the first batch, drawn in every panel before anything trains. */
  async #showStepZero(t: Trainer): Promise<void> {
    const m = t.preview();
    await this.#maybeEvaluate(t, true);
    this.#record(t, m);
    this.#sendSnapshot(t, m, true);
  }

  async #maybeEvaluate(t: Trainer, force: boolean): Promise<void> {
    const now = this.#clock.now();
    if (!force && now - this.#lastEval < EVAL_EVERY_MS) return;
    this.#lastEval = now;
    const cf = t.config.evalCapacityFactor;
    const e = await t.evaluate(cf);
    this.#pendingEval = { step: t.steps, taskLoss: e.taskLoss, accuracy: e.accuracy, dropRate: e.dropRate, capacityFactor: cf };
  }

  #record(t: Trainer, m: StepMetrics): void {
    this.#history.push(m);
    if (this.#domainShare && t.last?.batch.domain) this.#domainShare.add(t.last.routing, t.last.batch.domain);
  }

  #sendSnapshot(t: Trainer, m: StepMetrics, force: boolean): void {
    const now = this.#clock.now();
    this.#recentSteps = this.#recentSteps.filter((x) => now - x < 1000);
    const s = snapshotOf(m, t.last!, {
      routedWith: { ...t.config },
      history: this.#history.drain(),
      evaluation: this.#pendingEval,
      domainShare: this.#domainShare?.share(),
      stepsPerSecond: this.#recentSteps.length,
      stepMs: this.#lastStepMs,
    });
    this.#pendingEval = undefined;
    if (drawsPlane(t.config) && (force || now - this.#lastGrid >= GRID_EVERY_MS)) {
      this.#lastGrid = now;
      s.grid = t.partitionGrid(GRID_N) ?? undefined;
    }
    this.#post({ type: 'snapshot', snapshot: s }, transferables(s));
  }

  /** One training step; sends a snapshot when a frame's time has passed (or `force`). */
  async #stepOnce(force: boolean, quiet = false): Promise<boolean> {
    const t = this.#trainer;
    if (!t) return false;
    const started = this.#clock.now();
    const m = await t.step();
    // a rebuild that came in while a GPU step awaited its data: that trainer is gone, and so is its step
    if (t !== this.#trainer) return false;
    this.#recentSteps.push(this.#clock.now());
    this.#lastStepMs = this.#clock.now() - started;
    if (m.nonFinite) {
      this.#playing = false;
      const c = t.config;
      const settings = `lr ${c.lr}, α ${c.balanceCoef}, β ${c.zLossCoef}, router ${c.scheme}, E ${c.experts}, k ${c.topK}`;
      this.#post({ type: 'paused', reason: `${m.nonFinite} (${settings})`, step: t.steps });
      return false;
    }
    this.#record(t, m);
    if (!quiet && (force || this.#clock.now() - this.#lastPost >= FRAME_MS)) {
      await this.#maybeEvaluate(t, force);
      this.#lastPost = this.#clock.now();
      this.#sendSnapshot(t, m, force);
    }
    return true;
  }

  async #loop(): Promise<void> {
    try {
      let due = this.#clock.now();
      while (this.#playing && (await this.#stepOnce(this.#maxRate !== null))) {
        // yield to the message queue so pause and set arrive between steps; slow motion waits longer
        const now = this.#clock.now();
        due = this.#maxRate === null ? now : Math.max(due + 1000 / this.#maxRate, now);
        await this.#clock.sleep(Math.max(0, due - this.#clock.now()));
      }
    } catch (err) {
      await this.#fail(err);
    }
  }

  async #runTo(target: number): Promise<void> {
    this.#playing = false;
    while (this.#trainer && this.#trainer.steps < target - 1) {
      if (!(await this.#stepOnce(false, true))) return;
    }
    if (this.#trainer && this.#trainer.steps < target) await this.#stepOnce(true);
    this.#post({ type: 'paused', reason: null, step: this.#trainer?.steps ?? 0 });
  }

  async #fail(err: unknown): Promise<void> {
    this.#playing = false;
    // a RangeError is a setting the engine rejects, not a broken backend
    if (err instanceof RangeError || !(await this.#recover(err))) this.#post({ type: 'error', message: errorText(err) });
  }

  /** A backend that fails mid-run (a lost WebGL context, a missing kernel): rebuild on the next one. */
  async #recover(err: unknown): Promise<boolean> {
    const failedBackend = this.#trainer?.backend;
    if (!this.#config || !failedBackend || failedBackend === 'cpu') return false;
    await this.#build(this.#config, [failedBackend]).catch(() => undefined);
    if (!this.#trainer) return false;
    this.#post({ type: 'error', message: `${failedBackend} failed (${errorText(err)}); training restarted on ${this.#trainer.backend} with the same settings` });
    return true;
  }
}
