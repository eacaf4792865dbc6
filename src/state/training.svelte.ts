// The page's handle on the trainer worker: commands out, snapshots in, as reactive state.
// The worker (and with it tfjs) starts on the first command, so the page loads without it.

import type { LiveKey } from '../engine/model/trainerApi';
import type { DataInfo, FromWorker, PartitionGrid, Snapshot, ToWorker } from '../worker/protocol';
import { SCHEMA, schemaDefaults, type MoeConfig } from './schema';

/** Where the backend `auto` picked on this device is remembered (timing every load is slow). */
export const AUTO_BACKEND_KEY = 'moe-playground:auto-backend:v1';
const AUTO_BACKEND_TTL_MS = 30 * 24 * 3600 * 1000;

function readCachedAuto(): string | null {
  try {
    const raw = globalThis.localStorage?.getItem(AUTO_BACKEND_KEY);
    if (!raw) return null;
    const { backend, at } = JSON.parse(raw) as { backend?: unknown; at?: unknown };
    if (typeof backend !== 'string' || typeof at !== 'number' || Date.now() - at > AUTO_BACKEND_TTL_MS) return null;
    return backend;
  } catch {
    // storage blocked (a sandboxed iframe) or corrupt: measure again
    return null;
  }
}

function writeCachedAuto(backend: string): void {
  try {
    globalThis.localStorage?.setItem(AUTO_BACKEND_KEY, JSON.stringify({ backend, at: Date.now() }));
  } catch {
    // not cached: the next load measures again
  }
}

export function forgetCachedBackend(): void {
  try {
    globalThis.localStorage?.removeItem(AUTO_BACKEND_KEY);
  } catch {
    // nothing to forget
  }
}

/**
 * The page takes snapshots at most this often (the worker sends up to one per frame): every
 * snapshot still reaches the listeners, in order, so the charts miss no step, but the views
 * redraw at ~12 Hz and the main thread keeps its tasks short while training runs at full speed.
 */
export const DISPLAY_INTERVAL_MS = 80;

/** A rebuild waits this long for the next change, so dragging a slider rebuilds once. */
const REBUILD_SETTLE_MS = 150;

export class TrainingSession {
  snapshot = $state.raw<Snapshot | null>(null);
  /** the latest partition grid (2D data): snapshots carry one only every few frames */
  grid = $state.raw<PartitionGrid | null>(null);
  playing = $state(false);
  /** a model is being built (or `auto` is measuring backends) */
  building = $state(false);
  backend = $state<string | null>(null);
  thread = $state<string | null>(null);
  note = $state('');
  fellBack = $state(false);
  data = $state.raw<DataInfo | null>(null);
  /** why training stopped by itself (a diverged loss), or a worker error */
  problem = $state<string | null>(null);
  /** the config the worker trains; replaced as a whole by configure() */
  config = $state.raw<MoeConfig>(schemaDefaults());
  /** steps per second while playing; null: as fast as the backend goes */
  speed = $state<number | null>(null);
  #worker: Worker | null = null;
  #listeners: ((s: Snapshot) => void)[] = [];
  #onPaused: (() => void) | null = null;
  #pending: Snapshot[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #lastFlush = -Infinity;
  #rebuildTimer: ReturnType<typeof setTimeout> | null = null;
  #resumeAfterRebuild = false;

  constructor(config: Partial<MoeConfig> = {}) {
    this.config = { ...schemaDefaults(), ...config };
  }

  get supported(): boolean {
    return typeof Worker !== 'undefined';
  }

  get started(): boolean {
    return this.#worker !== null;
  }

  /** Called with every snapshot (the run history listens here). */
  onSnapshot(listener: (s: Snapshot) => void): void {
    this.#listeners.push(listener);
  }

  #post(msg: ToWorker): void {
    if (!this.#worker) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off URL for Vite's worker bundling, not state
      this.#worker = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (e: MessageEvent<FromWorker>) => this.#receive(e.data);
      this.#worker.onerror = (e) => {
        this.problem = e.message || 'the training worker failed to start';
        this.playing = false;
        this.building = false;
      };
      if (msg.type !== 'configure') this.#configureMessage();
    }
    this.#worker.postMessage(msg);
  }

  #configureMessage(): void {
    this.building = true;
    const message: ToWorker = { type: 'configure', config: { ...this.config }, cachedAuto: readCachedAuto() };
    if (this.#worker) this.#worker.postMessage(message);
    else this.#post(message);
    if (this.speed !== null) this.#worker!.postMessage({ type: 'speed', stepsPerSecond: this.speed } satisfies ToWorker);
  }

  #receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready':
        this.building = false;
        this.backend = msg.backend;
        this.note = msg.note;
        this.thread = msg.thread;
        this.fellBack = msg.fellBack;
        this.data = msg.data;
        if (msg.autoChoice) writeCachedAuto(msg.autoChoice);
        break;
      case 'snapshot':
        this.#pending.push(msg.snapshot);
        if (!this.#flushTimer) {
          const wait = Math.max(0, DISPLAY_INTERVAL_MS - (performance.now() - this.#lastFlush));
          this.#flushTimer = setTimeout(() => this.#flush(), wait);
        }
        break;
      case 'paused':
        // show where training stopped now, not at the next display tick
        if (this.#pending.length) {
          if (this.#flushTimer) clearTimeout(this.#flushTimer);
          this.#flush();
        }
        this.playing = false;
        if (msg.reason) this.problem = msg.reason;
        this.#onPaused?.();
        this.#onPaused = null;
        break;
      case 'error':
        this.building = false;
        this.playing = false;
        this.problem = msg.message;
        break;
    }
  }

  #flush(): void {
    this.#flushTimer = null;
    this.#lastFlush = performance.now();
    const batch = this.#pending;
    this.#pending = [];
    if (!batch.length) return;
    for (const s of batch) {
      if (s.grid) this.grid = s.grid;
      for (const listener of this.#listeners) listener(s);
    }
    this.snapshot = batch[batch.length - 1];
  }

  #dropPending(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    this.#pending = [];
  }

  play(): void {
    this.problem = null;
    this.playing = true;
    this.#post({ type: 'play' });
  }
  pause(): void {
    this.playing = false;
    this.#post({ type: 'pause' });
  }
  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }
  step(): void {
    this.playing = false;
    this.#post({ type: 'step' });
  }
  /** Slow motion: at most `rate` steps per second; null for full speed. */
  setSpeed(rate: number | null): void {
    this.speed = rate;
    if (this.#worker) this.#post({ type: 'speed', stepsPerSecond: rate });
  }
  /** Train to step n without drawing every step, then pause (a link's step=N). */
  runTo(n: number, done?: () => void): void {
    this.playing = false;
    this.#onPaused = done ?? null;
    this.#post({ type: 'runTo', step: n });
  }
  reset(): void {
    this.#dropPending();
    this.playing = false;
    this.snapshot = null;
    this.grid = null;
    this.problem = null;
    if (this.#worker) this.#configureMessage();
  }

  /**
   * A new config. Values the trainer takes live are sent one by one and training goes on;
   * anything else rebuilds the model (and reports true, so the page can archive the run).
   */
  configure(next: MoeConfig): boolean {
    const prev = this.config;
    this.config = { ...next };
    const changed = (Object.keys(next) as (keyof MoeConfig)[]).filter((k) => prev[k] !== next[k]);
    if (changed.length === 0) return false;
    const rebuild = changed.some((k) => SCHEMA[k].rebuild);
    if (!this.#worker) return rebuild;
    if (rebuild) {
      const wasPlaying = this.playing || this.#resumeAfterRebuild;
      this.#dropPending();
      this.playing = false;
      this.snapshot = null;
      this.grid = null;
      this.problem = null;
      // a slider dragged across many values rebuilds once, when it rests
      if (this.#rebuildTimer) clearTimeout(this.#rebuildTimer);
      this.#resumeAfterRebuild = wasPlaying;
      this.#rebuildTimer = setTimeout(() => {
        this.#rebuildTimer = null;
        this.#resumeAfterRebuild = false;
        this.#configureMessage();
        if (wasPlaying) this.play();
      }, REBUILD_SETTLE_MS);
    } else {
      for (const key of changed) this.#post({ type: 'set', key: key as LiveKey, value: next[key as LiveKey] });
    }
    return rebuild;
  }

  dispose(): void {
    this.#dropPending();
    this.#worker?.terminate();
    this.#worker = null;
  }
}
