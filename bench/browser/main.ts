/// <reference types="vite/client" />
// The training-step bench page: bench/trainStep.ts builds it with Vite, opens it in headless
// Chromium and calls window.benchCell(spec) once per (backend, T, E, k) cell. Each call builds
// a trainer, takes `warmup` steps, then times `steps` training steps and, when asked, forward
// passes on the sparse and the dense-mask path, interleaved round by round on the same batch.

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createTrainer, defaultConfig, ensureBackend } from '../../src/engine/model';
import { tf } from '../../src/engine/model/tf';

export interface CellSpec {
  backend: string;
  T: number;
  E: number;
  k: number;
  d: number;
  h: number;
  warmup: number;
  steps: number;
  /** also time forward on the sparse and on the dense-mask path */
  forward: boolean;
  dense: boolean;
}

export interface CellResult {
  backend: string;
  /** every timed training step, ms */
  stepMs: number[];
  forwardSparseMs: number[];
  forwardDenseMs: number[];
  /** the first (warm-up) step, ms: shader compilation and first allocations */
  firstStepMs: number;
  /** the task loss after the last step, to see that it trained */
  loss: number;
}

declare global {
  interface Window {
    benchCell(spec: CellSpec): Promise<CellResult>;
    webgpuStatus(): Promise<string>;
    benchReady: boolean;
  }
}

const wasmPaths = {
  'tfjs-backend-wasm.wasm': new URL(wasmPlain, location.href).href,
  'tfjs-backend-wasm-simd.wasm': new URL(wasmSimd, location.href).href,
  'tfjs-backend-wasm-threaded-simd.wasm': new URL(wasmThreaded, location.href).href,
};

const status = document.getElementById('status')!;

window.webgpuStatus = async () => {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'no navigator.gpu';
  const adapter = await gpu.requestAdapter();
  return adapter ? 'ok' : 'navigator.gpu has no adapter';
};

window.benchCell = async (spec: CellSpec): Promise<CellResult> => {
  status.textContent = `running ${JSON.stringify(spec)}`;
  await ensureBackend(spec.backend, { wasmPaths });
  const config = { ...defaultConfig(), tokens: spec.T, experts: spec.E, topK: spec.k, d: spec.d, h: spec.h };
  const trainer = await createTrainer(config, { backend: spec.backend });
  try {
    let t0 = performance.now();
    let m = await trainer.step();
    const firstStepMs = performance.now() - t0;
    for (let i = 1; i < spec.warmup; i++) m = await trainer.step();
    const stepMs: number[] = [];
    for (let i = 0; i < spec.steps; i++) {
      t0 = performance.now();
      m = await trainer.step();
      stepMs.push(performance.now() - t0);
    }
    const forwardSparseMs: number[] = [];
    const forwardDenseMs: number[] = [];
    if (spec.forward) {
      const batch = trainer.last!.batch;
      const paths = spec.dense ? (['sparse', 'dense'] as const) : (['sparse'] as const);
      for (const p of paths) trainer.forward(batch, p); // warm-up (webgl compiles the dense shaders here)
      for (let i = 0; i < spec.steps; i++) {
        for (const p of paths) {
          t0 = performance.now();
          trainer.forward(batch, p);
          (p === 'sparse' ? forwardSparseMs : forwardDenseMs).push(performance.now() - t0);
        }
      }
    }
    return { backend: trainer.backend, stepMs, forwardSparseMs, forwardDenseMs, firstStepMs, loss: m.taskLoss };
  } finally {
    trainer.dispose();
    status.textContent = `done; ${tf.memory().numTensors} tensors live`;
  }
};

window.benchReady = true;
status.textContent = 'ready';
