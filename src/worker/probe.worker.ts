// Measures the backends `auto` could use, in a worker of its own, so that the trainer worker
// never waits for it. The page starts it only while training is paused and ends it
// (terminate()) the moment training resumes, so it never competes with the run being watched.

import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { autoChoose, gpuCandidates } from './backendChoice';
import type { FromProbe, ToProbe } from './protocol';

const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

function post(message: FromProbe): void {
  (self as unknown as Worker).postMessage(message);
}

self.onmessage = async (event: MessageEvent<ToProbe>) => {
  try {
    const { candidates, skipped } = await gpuCandidates();
    const d = await autoChoose(event.data.config, candidates, { wasmPaths }, skipped);
    post({ type: 'probed', backend: d.backend, note: d.note, timings: d.timings ?? {} });
  } catch (err) {
    post({ type: 'probe-failed', message: err instanceof Error ? err.message : String(err) });
  }
};
