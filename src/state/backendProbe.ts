// Measures the other backends for `auto` without slowing the run being watched: in a worker of
// its own, started only after training has been idle for a moment, and terminated the moment
// training resumes (so it provably does not compete). A result is cached for this device; a
// faster backend is used from the next rebuild or reset, never mid-run, which would change the
// trajectory.

import type { FromProbe, ToProbe } from '../worker/protocol';
import { readCachedAuto, writeCachedAuto } from './deviceCache';
import type { MoeConfig } from './schema';

/** Training must have been idle this long before measuring starts. */
const IDLE_MS = 1500;

export interface ProbeResult {
  backend: string;
  note: string;
}

export class BackendProbe {
  #worker: Worker | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #done = readCachedAuto() !== null;

  constructor(
    private readonly makeWorker: () => Worker,
    private readonly onResult: (r: ProbeResult) => void,
  ) {}

  /** Training went idle: measure after a moment, unless this device's choice is known. */
  idle(config: MoeConfig): void {
    if (this.#done || config.backend !== 'auto' || this.#worker || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#start(config);
    }, IDLE_MS);
  }

  /** Training is about to run: stop measuring at once. It starts over at the next idle moment. */
  busy(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#worker?.terminate();
    this.#worker = null;
  }

  get running(): boolean {
    return this.#worker !== null;
  }

  #start(config: MoeConfig): void {
    let worker: Worker;
    try {
      worker = this.makeWorker();
    } catch {
      this.#done = true;
      return;
    }
    this.#worker = worker;
    worker.onmessage = (e: MessageEvent<FromProbe>) => {
      this.busy();
      this.#done = true;
      if (e.data.type === 'probed') {
        writeCachedAuto(e.data.backend);
        this.onResult({ backend: e.data.backend, note: e.data.note });
      }
    };
    worker.onerror = () => {
      this.busy();
      this.#done = true;
    };
    worker.postMessage({ config: { ...config } } satisfies ToProbe);
  }

  dispose(): void {
    this.busy();
  }
}
