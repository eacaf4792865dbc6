// The workers a training session starts: the trainer, and the backend probe. Tests pass fakes
// that record what the page sends and answer as the workers would.

import type { ToWorker } from '../worker/protocol';
import { sendOwnText } from './ownText/ownTextSender';

export interface SessionWorkers {
  trainer: () => Worker;
  probe: () => Worker;
}

/** Vite bundles each worker from the `new URL(…, import.meta.url)` written out here. */
export const browserWorkers: SessionWorkers = {
  trainer: () => new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module' }),
  probe: () => new Worker(new URL('../worker/probe.worker.ts', import.meta.url), { type: 'module' }),
};

/** A configure for the trainer, after the own text it needs where the worker lacks it (ownTextSender.ts). */
export function postConfigure(worker: Worker, msg: Extract<ToWorker, { type: 'configure' }>): void {
  sendOwnText(worker, msg.config);
  worker.postMessage(msg);
}
