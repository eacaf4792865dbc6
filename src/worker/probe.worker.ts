// Measures the backends `auto` could use, in a worker of its own, so that the trainer worker
// never waits for it. The page starts it only while training is paused and ends it
// (terminate()) the moment training resumes, so it never competes with the run being watched.

import { autoChoose, gpuCandidates } from './backendChoice';
import type { FromProbe, ToProbe } from './protocol';
import { wasmPaths } from './wasmPaths';

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
