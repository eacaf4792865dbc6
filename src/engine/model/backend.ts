// Backend selection. Every backend is imported on demand, so a worker parses only the one it
// runs (the browser build's tfjs is tfjs-core alone, tfSlim.ts; in Node the union has already
// registered cpu and webgl). Callers in the browser pass the wasm file URLs.

import { tf } from './tf';

export { BACKEND_NAMES, type BackendName } from '../config';

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
  } else if (name === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
  } else if (name === 'cpu') {
    await import('@tensorflow/tfjs-backend-cpu');
  } else {
    throw new RangeError(`unknown backend '${name}'`);
  }
}

/** The backend in use; null before the first is set (with none registered, tfjs throws). */
function activeBackend(): string | null {
  try {
    return tf.getBackend();
  } catch {
    return null;
  }
}

/** Makes `name` the active backend, or throws with the reason it cannot run here. */
export async function ensureBackend(name: string, opts: BackendOptions = {}): Promise<string> {
  if (activeBackend() !== name) {
    await register(name, opts);
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`the ${name} backend could not start here`);
    await tf.ready();
  }
  if (name === 'wasm') shareDataOnIdentity();
  return name;
}

/**
 * Backends that keep tensors in plain memory (wasm's heap, cpu's arrays): reading a tensor costs a
 * copy, not a GPU stall, so losses, Adam and the gate gradient are computed there in JavaScript or
 * with the kernels that run fast on a CPU. The GPU backends (webgl, webgpu) keep tfjs ops.
 */
export const keepsTensorsInMemory = (backend: string) => backend === 'wasm' || backend === 'cpu';

/** wasm copies a typed array into its heap when it makes a tensor, so the array can be reused */
export const copiesOnUpload = (backend: string) => backend === 'wasm';

/** The few methods of tfjs-wasm's backend used here (public on its class, not in tfjs's types). */
interface WasmBackend {
  incRef(dataId: object): void;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * tfjs-wasm's Identity kernel copies the tensor, and the engine runs one for every tensor a
 * gradient saves for the backward pass (54 in a training step at the defaults, about 0.6 ms in
 * Chromium). Tensors never change in place, so the copy can share the data instead, as tfjs-wasm's
 * own Reshape does and as Identity does on cpu and WebGL. Strings keep the original kernel.
 */
function shareDataOnIdentity(): void {
  const original = tf.getKernel('Identity', 'wasm');
  if (!original || (original.kernelFunc as { shares?: boolean }).shares) return;
  const kernelFunc: tf.KernelFunc = (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as unknown as WasmBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  (kernelFunc as { shares?: boolean }).shares = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}

/**
 * A float32 tensor's data without a copy, to read at once, where the backend keeps it in plain
 * memory: on wasm a view of its heap (valid until the next tensor is made), on cpu the tensor's
 * own array. null on the GPU backends.
 */
export function viewOf(t: tf.Tensor): Float32Array | null {
  if (t.dtype !== 'float32') return null;
  const backend = tf.getBackend();
  if (backend === 'wasm') return (tf.backend() as unknown as WasmBackend).typedArrayFromHeap(t) as Float32Array;
  if (backend === 'cpu') return t.dataSync() as Float32Array;
  return null;
}
