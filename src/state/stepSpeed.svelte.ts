// How fast a training step ran on this device: the time guard scales its cost model by it. Kept
// across visits (deviceCache), and updated at most every 2 s while training, since the guard,
// and every panel line that reads it, is derived again at each update.

import { readCachedAuto, readMeasuredStep, writeMeasuredStep, type MeasuredStep } from './deviceCache';
import type { MoeConfig } from './schema';

const EVERY_MS = 2000;

export class StepSpeed {
  /** the last training step measured here */
  last = $state.raw<MeasuredStep | null>(readMeasuredStep());
  #at = -Infinity;

  record(config: MoeConfig, backend: string, ms: number): void {
    const now = performance.now();
    if (now - this.#at < EVERY_MS && this.last) return;
    this.#at = now;
    this.last = { config, backend, ms };
    writeMeasuredStep(this.last);
  }

  /** The measured step, where it ran on the backend `config` would use (`running`: the one in use). */
  calibrationFor(config: MoeConfig, running: string | null): MeasuredStep | undefined {
    const backend = config.backend === 'auto' ? (running ?? readCachedAuto() ?? 'wasm') : config.backend;
    return this.last && this.last.backend === backend ? this.last : undefined;
  }
}
