// The page's handle on the trainer worker: commands out, snapshots in, as reactive state.
// The worker (and with it tfjs) starts on the first command, so the page loads without it.

import type { FromWorker, Snapshot, ToWorker } from '../worker/protocol';
import { schemaDefaults, type MoeConfig } from './schema';

export class TrainingSession {
  snapshot = $state.raw<Snapshot | null>(null);
  playing = $state(false);
  backend = $state<string | null>(null);
  thread = $state<string | null>(null);
  note = $state('');
  /** why training stopped by itself (a diverged loss), or a worker error */
  problem = $state<string | null>(null);
  readonly config: MoeConfig;
  #worker: Worker | null = null;

  constructor(config: Partial<MoeConfig> = {}) {
    this.config = { ...schemaDefaults(), ...config };
  }

  get supported(): boolean {
    return typeof Worker !== 'undefined';
  }

  #send(msg: ToWorker): void {
    if (!this.#worker) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off URL for Vite's worker bundling, not state
      this.#worker = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (e: MessageEvent<FromWorker>) => this.#receive(e.data);
      this.#worker.onerror = (e) => {
        this.problem = e.message || 'the training worker failed to start';
        this.playing = false;
      };
      this.#worker.postMessage({ type: 'configure', config: $state.snapshot(this.config) } satisfies ToWorker);
    }
    this.#worker.postMessage(msg);
  }

  #receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready':
        this.backend = msg.backend;
        this.note = msg.note;
        this.thread = msg.thread;
        break;
      case 'snapshot':
        this.snapshot = msg.snapshot;
        break;
      case 'paused':
        this.playing = false;
        if (msg.reason) this.problem = msg.reason;
        break;
      case 'error':
        this.playing = false;
        this.problem = msg.message;
        break;
    }
  }

  play(): void {
    this.problem = null;
    this.playing = true;
    this.#send({ type: 'play' });
  }
  pause(): void {
    this.playing = false;
    this.#send({ type: 'pause' });
  }
  step(): void {
    this.playing = false;
    this.#send({ type: 'step' });
  }
  reset(): void {
    this.playing = false;
    this.snapshot = null;
    this.problem = null;
    this.#send({ type: 'reset' });
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
