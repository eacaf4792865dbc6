// Backend selection. cpu and webgl come with tfjs; wasm and webgpu are imported on demand so a
// page that never uses them never loads them. Callers in the browser pass the wasm file URLs.

import { tf } from './tf';

export const BACKEND_NAMES = ['wasm', 'webgl', 'webgpu', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendOptions {
  /** wasm: where the .wasm binaries are served from (a prefix, or per-file URLs) */
  wasmPaths?: string | Record<string, string>;
}

async function register(name: string, opts: BackendOptions): Promise<void> {
  if (tf.findBackendFactory(name)) return;
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // single-threaded: an embedding page cannot give the COOP/COEP headers threads need
    if (opts.wasmPaths) wasm.setWasmPaths(opts.wasmPaths as string, true);
  } else if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  } else if (name !== 'cpu' && name !== 'webgl') {
    throw new RangeError(`unknown backend '${name}'`);
  }
}

/** Makes `name` the active backend, or throws with the reason it cannot run here. */
export async function ensureBackend(name: string, opts: BackendOptions = {}): Promise<string> {
  if (tf.getBackend() === name) return name;
  await register(name, opts);
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`the ${name} backend could not start here`);
  await tf.ready();
  return name;
}
