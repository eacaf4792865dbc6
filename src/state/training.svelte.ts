// The page's handle on the trainer worker: commands out, snapshots in, as reactive state. The model
// is built as the page opens (prepare), so step 0 is drawn before anything trains; a setting the
// time and memory guard finds heavy is built only on Play or Step, and one it refuses never.

import { guardVerdict, type GuardVerdict } from '../engine/model/budgetGuard';
import { isLiveKey } from '../engine/config';
import type { DataInfo, FromWorker, PartitionGrid, Snapshot, ToWorker } from '../worker/protocol';
import { BackendProbe } from './backendProbe';
import { readCachedAuto } from './deviceCache';
import { SCHEMA, schemaDefaults, type MoeConfig } from './schema';
import { browserWorkers, postConfigure, type SessionWorkers } from './sessionWorkers';
import { SnapshotPacer } from './snapshotPacer';
import { StepSpeed } from './stepSpeed.svelte';
import { Settle } from './settle';
import { StepWatch } from './stepWatch';

/** A rebuild waits this long for the next change, so dragging a slider rebuilds once. */
const REBUILD_SETTLE_MS = 150;

export class TrainingSession {
  snapshot = $state.raw<Snapshot | null>(null);
  /** the latest partition grid (2D data): snapshots carry one only every few frames */
  grid = $state.raw<PartitionGrid | null>(null);
  playing = $state(false);
  /** a model is being built */
  building = $state(false);
  backend = $state<string | null>(null);
  thread = $state<string | null>(null);
  note = $state('');
  fellBack = $state(false);
  /** why `auto` runs this backend, when it is not a fallback */
  autoReason = $state<'first' | 'measured' | null>(null);
  /** `auto` measured another backend faster while paused: used from the next rebuild or reset */
  fasterBackend = $state<string | null>(null);
  data = $state.raw<DataInfo | null>(null);
  /** why training stopped by itself (a diverged loss), or a worker error */
  problem = $state<string | null>(null);
  /** the config the page shows; replaced as a whole by configure() */
  config = $state.raw<MoeConfig>(schemaDefaults());
  /** steps per second while playing; null: as fast as the backend goes */
  speed = $state<number | null>(null);
  /** when the page started waiting for a heavy setting's build and first step (performance.now()) */
  waitingSince = $state<number | null>(null);
  /** how fast a step ran on this device, which scales the guard's estimate */
  readonly speedHere = new StepSpeed();
  /** the guard's estimate of a step's time and memory at the current settings */
  readonly guard: GuardVerdict = $derived(guardVerdict(this.config, this.speedHere.calibrationFor(this.config, this.backend)));
  #worker: Worker | null = null;
  /** the config the worker has; null: it needs a full configure before training */
  #sent: MoeConfig | null = null;
  /** whether a play, step or runTo may hold the worker in a step */
  #steps = new StepWatch();
  #listeners: ((s: Snapshot) => void)[] = [];
  #onPaused: (() => void) | null = null;
  #pacer = new SnapshotPacer((batch) => this.#show(batch));
  /** a slider dragged across many values rebuilds once, when it rests */
  #settle = new Settle(REBUILD_SETTLE_MS);
  readonly #workers: SessionWorkers;
  readonly #probe: BackendProbe;

  /** eager: load the worker's script now (the lab); false: at the first build (an experiment page's lab) */
  constructor(config: Partial<MoeConfig> = {}, workers: SessionWorkers = browserWorkers, eager = true) {
    this.config = { ...schemaDefaults(), ...config };
    this.#workers = workers;
    this.#probe = new BackendProbe(workers.probe, (r) => {
      if (this.config.backend !== 'auto' || r.backend === this.backend) return;
      this.fasterBackend = r.backend;
      this.note = `auto: ${r.note}`;
    });
    // the worker's script (tfjs, about a megabyte) loads while the page renders, not after
    if (eager && this.supported && this.guard.kind === 'ok') this.#worker = this.#spawn();
  }

  get supported(): boolean {
    return this.#workers !== browserWorkers || typeof Worker !== 'undefined';
  }

  /** a model was asked for (it may still be building) */
  get started(): boolean {
    return this.#sent !== null;
  }

  /** Called with every snapshot (the run history listens here). */
  onSnapshot(listener: (s: Snapshot) => void): void {
    this.#listeners.push(listener);
  }

  /** Builds the model now and draws step 0, where the guard finds the setting light. */
  prepare(): void {
    if (this.supported && !this.#sent && this.guard.kind === 'ok') this.#configureMessage();
  }

  #post(msg: ToWorker): void {
    // a rebuild waits for a slider to rest: a command now is meant for the new model
    if (this.#settle.pending) {
      this.#settle.take();
      this.#rebuildNow(false);
    }
    if (!this.#worker || !this.#sent) {
      // asked to run before anything was built (autoplay, step=N, Play on a heavy setting): the
      // first step is drawn moments later, so step 0 is not worth its forward pass and evaluation
      if (msg.type !== 'configure') this.#configureMessage(false);
    }
    this.#worker!.postMessage(msg);
  }

  #spawn(): Worker {
    const worker = this.#workers.trainer();
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.#receive(e.data);
    worker.onerror = (e) => {
      this.problem = e.message || 'the training worker failed to start';
      this.playing = false;
      this.building = false;
      this.waitingSince = null;
    };
    return worker;
  }

  #configureMessage(preview = this.guard.kind === 'ok'): void {
    this.#worker ??= this.#spawn();
    this.building = true;
    this.#sent = { ...this.config };
    if (this.guard.kind === 'slow') this.waitingSince ??= performance.now();
    this.#steps.configured();
    postConfigure(this.#worker, { type: 'configure', config: { ...this.config }, cachedAuto: readCachedAuto(), preview });
    if (this.speed !== null) this.#worker.postMessage({ type: 'speed', stepsPerSecond: this.speed } satisfies ToWorker);
  }

  /**
   * Reset or rebuild: a configure for the worker. If it was stepping and has not reached that
   * configure within STUCK_MS, a long step holds it: end it, build in a fresh one, and play on
   * there if training should resume.
   */
  #rebuildNow(resume: boolean): void {
    const held = this.#steps.stepping;
    this.#configureMessage();
    if (resume) this.play();
    const worker = this.#worker;
    this.#steps.watch(held, () => {
      if (this.#worker !== worker) return;
      worker?.terminate();
      this.#worker = null;
      this.#steps.idle();
      this.#configureMessage();
      if (resume) this.play();
    });
  }

  #receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'building':
        this.#steps.building();
        break;
      case 'ready':
        this.building = false;
        this.backend = msg.backend;
        this.note = msg.note;
        this.thread = msg.thread;
        this.fellBack = msg.fellBack;
        this.autoReason = msg.auto ?? null;
        this.data = msg.data;
        if (this.fasterBackend === msg.backend) this.fasterBackend = null;
        if (!this.playing) this.#probe.idle(this.config);
        break;
      case 'snapshot':
        if (msg.snapshot.stepMs > 0) this.#measure(msg.snapshot);
        if (!this.playing && msg.snapshot.step > 0) this.#steps.idle();
        this.#pacer.push(msg.snapshot);
        break;
      case 'paused': {
        const done = this.#onPaused; // taken before it runs: a callback that asks for another runTo sets its own
        this.#onPaused = null;
        this.#pacer.flush();
        this.#steps.idle();
        this.playing = false;
        this.waitingSince = null;
        if (msg.reason) this.problem = msg.reason;
        done?.();
        this.#probe.idle(this.config);
        break;
      }
      case 'error':
        this.building = false;
        this.playing = false;
        this.#steps.idle();
        this.waitingSince = null;
        this.problem = msg.message;
        break;
    }
  }

  #measure(s: Snapshot): void {
    if (this.waitingSince !== null) this.waitingSince = null;
    if (this.#sent && this.backend) this.speedHere.record(this.#sent, this.backend, s.stepMs);
  }
  #show(batch: Snapshot[]): void {
    for (const s of batch) {
      if (s.grid) this.grid = s.grid;
      for (const listener of this.#listeners) listener(s);
    }
    this.snapshot = batch[batch.length - 1];
  }
  /** Training is about to run: true when the guard lets it, and the worker will step. */
  #toRun(): boolean {
    if (this.guard.kind === 'refuse') return false;
    this.#probe.busy();
    this.#steps.run();
    this.problem = null;
    if (this.guard.kind === 'slow' && !(this.snapshot && this.snapshot.step > 0)) this.waitingSince ??= performance.now();
    return true;
  }

  play(): void {
    if (!this.#toRun()) return;
    this.playing = true;
    this.#post({ type: 'play' });
  }
  pause(): void {
    this.playing = false;
    this.waitingSince = null;
    if (this.#worker) this.#worker.postMessage({ type: 'pause' } satisfies ToWorker);
  }
  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }
  step(): void {
    this.playing = false;
    if (this.#toRun()) this.#post({ type: 'step' });
  }
  /** Slow motion: at most `rate` steps per second; null for full speed. */
  setSpeed(rate: number | null): void {
    this.speed = rate;
    if (this.#worker) this.#worker.postMessage({ type: 'speed', stepsPerSecond: rate } satisfies ToWorker);
  }
  /** Train to step n without drawing every step, then pause (a link's step=N). */
  runTo(n: number, done?: () => void): void {
    this.playing = false;
    if (!this.#toRun()) return;
    this.#onPaused = done ?? null;
    this.#post({ type: 'runTo', step: n });
  }

  #clearRun(): void {
    this.#pacer.drop();
    this.playing = false;
    this.snapshot = null;
    this.grid = null;
    this.problem = null;
    this.waitingSince = null;
    this.#probe.busy();
  }

  reset(): void {
    this.#settle.take(); // a rebuild waiting for a control to rest is this one
    this.#clearRun();
    if (this.#worker && this.guard.kind !== 'refuse') this.#rebuildNow(false);
  }

  /**
   * A new config. Values the trainer takes live are sent one by one and training goes on;
   * anything else rebuilds the model (and reports true, so the page can archive the run).
   * A config the guard refuses is not sent: the worker keeps the old model, unused, until the
   * settings are lowered, and then builds afresh.
   */
  configure(next: MoeConfig): boolean {
    const prev = this.config;
    this.config = { ...next };
    const changed = (Object.keys(next) as (keyof MoeConfig)[]).filter((k) => prev[k] !== next[k]);
    if (changed.length === 0) return false;
    const rebuild = changed.some((k) => SCHEMA[k].rebuild);
    if (this.guard.kind === 'refuse') {
      if (this.#worker) this.#worker.postMessage({ type: 'pause' } satisfies ToWorker);
      this.#clearRun();
      this.#sent = null;
      return true;
    }
    if (!this.#sent) {
      this.prepare();
      return rebuild;
    }
    if (rebuild) {
      const playing = this.playing;
      this.#clearRun();
      this.#settle.schedule(playing, (resume) => this.#rebuildNow(resume));
      return true;
    }
    for (const key of changed) if (isLiveKey(key)) this.#post({ type: 'set', key, value: next[key] });
    this.#sent = { ...next };
    return false;
  }

  dispose(): void {
    this.#pacer.drop();
    this.#probe.dispose();
    this.#steps.cancel();
    this.#worker?.terminate();
    this.#worker = null;
  }
}
