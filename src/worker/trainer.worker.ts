// The trainer in a Web Worker, so that the page's main thread only draws and handles input: the
// loop (trainerLoop.ts) with this worker's messaging, clock and tfjs backends.

import { tfjsTrainerFactory } from './backendChoice';
import type { ToWorker } from './protocol';
import { TrainerLoop } from './trainerLoop';
import { wasmPaths } from './wasmPaths';

const loop = new TrainerLoop({
  post: (message, transfer = []) => (self as unknown as Worker).postMessage(message, transfer),
  factory: tfjsTrainerFactory({ wasmPaths }),
  clock: {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
  thread: self.constructor.name,
});

self.onmessage = (event: MessageEvent<ToWorker>) => void loop.handle(event.data);
