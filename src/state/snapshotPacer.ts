// Hands the worker's snapshots to the page at display pace. The worker sends up to one per frame;
// every snapshot still reaches the listener, in order, so the charts miss no step, but the views
// redraw at ~12 Hz and the main thread keeps its tasks short while training runs at full speed.

import type { Snapshot } from '../worker/protocol';

const DISPLAY_INTERVAL_MS = 80;

export class SnapshotPacer {
  #pending: Snapshot[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastFlush = -Infinity;

  /** `deliver` gets every snapshot since the last flush, oldest first (never an empty list). */
  constructor(private readonly deliver: (batch: Snapshot[]) => void) {}

  push(s: Snapshot): void {
    this.#pending.push(s);
    if (this.#timer) return;
    const wait = Math.max(0, DISPLAY_INTERVAL_MS - (performance.now() - this.#lastFlush));
    this.#timer = setTimeout(() => this.flush(), wait);
  }

  /** Delivers what is pending now (training stopped: show where, not at the next tick). */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#lastFlush = performance.now();
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length) this.deliver(batch);
  }

  /** Forgets what is pending (the model was rebuilt: those steps belong to the old one). */
  drop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = [];
  }
}
