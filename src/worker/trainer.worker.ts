// The trainer in a Web Worker: the page's main thread only draws and handles input.
// Steps run back to back while playing; a snapshot goes out at most once per frame (~16 ms).

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createTrainer, type StepMetrics, type Trainer } from '../engine/model';
import type { MoeConfig } from '../state/schema';
import { transferables, type FromWorker, type Snapshot, type ToWorker } from './protocol';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};
const FRAME_MS = 16;

let trainer: Trainer | null = null;
let config: MoeConfig | null = null;
let backendNote = '';
let playing = false;
let lastPost = 0;
let recentSteps: number[] = [];

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

/** wasm first (the fastest here without a GPU: see bench/); cpu if it cannot start */
async function build(c: MoeConfig): Promise<void> {
  trainer?.dispose();
  trainer = null;
  const wanted = c.backend === 'auto' ? 'wasm' : c.backend;
  const { ensureBackend } = await import('../engine/model/backend');
  try {
    await ensureBackend(wanted, { wasmPaths });
    backendNote = c.backend === 'auto' ? 'auto' : '';
  } catch (err) {
    await ensureBackend('cpu');
    backendNote = `${wanted} could not start (${err instanceof Error ? err.message : String(err)}); using cpu`;
  }
  trainer = await createTrainer(c, { backend: (await import('../engine/model/tf')).tf.getBackend() });
  post({ type: 'ready', backend: trainer.backend, note: backendNote, thread: self.constructor.name });
}

function snapshotOf(m: StepMetrics, t: Trainer): Snapshot {
  const r = t.last!.routing;
  const now = performance.now();
  recentSteps = recentSteps.filter((x) => now - x < 1000);
  return {
    step: m.step,
    taskLoss: m.taskLoss,
    accuracy: m.accuracy,
    balanceLoss: m.balanceLoss,
    zLoss: m.zLoss,
    dropRate: m.dropRate,
    entropy: m.entropy,
    load: m.load.slice(),
    kept: m.kept.slice(),
    capacity: m.capacity,
    T: r.T,
    k: r.k,
    experts: r.experts.slice(),
    weights: r.weights.slice(),
    dropped: r.dropped.slice(),
    stepsPerSecond: recentSteps.length,
  };
}

async function stepOnce(force: boolean): Promise<boolean> {
  if (!trainer) return false;
  const m = await trainer.step();
  recentSteps.push(performance.now());
  if (m.nonFinite) {
    playing = false;
    post({ type: 'paused', reason: m.nonFinite });
    return false;
  }
  const now = performance.now();
  if (force || now - lastPost >= FRAME_MS) {
    lastPost = now;
    const s = snapshotOf(m, trainer);
    post({ type: 'snapshot', snapshot: s }, transferables(s));
  }
  return true;
}

async function loop(): Promise<void> {
  while (playing && (await stepOnce(false))) {
    // yield to the message queue so pause and set arrive between steps
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'configure':
      config = msg.config;
      playing = false;
      await build(config);
      break;
    case 'reset':
      playing = false;
      if (config) await build(config);
      break;
    case 'play':
      if (!playing) {
        playing = true;
        void loop();
      }
      break;
    case 'pause':
      playing = false;
      post({ type: 'paused', reason: null });
      break;
    case 'step':
      playing = false;
      await stepOnce(true);
      break;
    case 'set':
      if (config) (config as unknown as Record<string, unknown>)[msg.key] = msg.value;
      trainer?.set(msg.key, msg.value);
      break;
  }
}

// one message at a time, in order: a step never overlaps a rebuild
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  queue = queue
    .then(() => handle(event.data))
    .catch((err: unknown) => {
      playing = false;
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    });
};
