// Which tfjs backend trains: a pinned one, or `auto`. `auto` trains at once on wasm (or the
// backend cached for this device) and measures the others in a separate worker while training
// is paused (probe.worker.ts): each GPU backend is checked against cpu on a small fixed run
// (software WebGPU has been seen returning wrong numbers), then timed on the current model
// against wasm. GPU backends that run in software (SwiftShader, llvmpipe) are not offered: they
// are slower than wasm and their shaders take seconds to compile. The page caches the choice.

import { createTrainer, ensureBackend, type MoeConfig } from '../engine/model';
import type { BackendOptions } from '../engine/model/backend';
import { isBackendName, type BackendChoice, type BackendName } from '../engine/config';

/** The order backends are tried in when one fails: fastest first without a GPU (see bench/). */
export const FALLBACK_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

export interface BackendDecision {
  backend: BackendName;
  /** for the page: why this one (timings, or the failures that led here) */
  note: string;
  /** the backend asked for failed and another one runs */
  fellBack: boolean;
  /** timings of the auto check, ms per step, for the cache and the status line */
  timings?: Partial<Record<BackendName, number>>;
  /** why `auto` runs this backend: wasm on a first visit, or the one measured fastest here before */
  auto?: 'first' | 'measured';
}

/** Makes a backend the running one, or throws why it cannot run here (ensureBackend, or a test's stand-in). */
export type StartBackend = (name: BackendName) => Promise<unknown>;

const CHECK_STEPS = 3;
const CHECK_TOLERANCE = 2e-3;
const TIME_STEPS = 4;

function checkConfig(base: MoeConfig): MoeConfig {
  return { ...base, dataset: 'clusters', dataSize: 200, seed: 7, tokens: 64, experts: 4, topK: 2, fineGrain: 1, scheme: 'token-choice', normalize: 'topk-softmax', capacityFactor: 1.25, sharedExperts: 1, sharedGate: false, d: 8, h: 16, lr: 0.01 };
}

async function lossesOn(backend: string, config: MoeConfig, opts: BackendOptions): Promise<number[]> {
  await ensureBackend(backend, opts);
  const trainer = await createTrainer(config, { backend });
  try {
    const losses: number[] = [];
    for (let i = 0; i < CHECK_STEPS; i++) losses.push((await trainer.step()).taskLoss);
    return losses;
  } finally {
    trainer.dispose();
  }
}

async function msPerStep(backend: string, config: MoeConfig, opts: BackendOptions): Promise<number> {
  await ensureBackend(backend, opts);
  // the probe is never sent the user's text: the corpus, a text task of a larger vocabulary, times in its place
  const trainer = await createTrainer(config.dataset === 'own' ? { ...config, dataset: 'corpus' } : config, { backend });
  try {
    // the first steps compile shaders (webgl) and warm caches: not timed
    await trainer.step();
    await trainer.step();
    const start = performance.now();
    for (let i = 0; i < TIME_STEPS; i++) await trainer.step();
    return (performance.now() - start) / TIME_STEPS;
  } finally {
    trainer.dispose();
  }
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Measures the GPU candidates for `auto` against wasm, the backend `auto` starts on; never
 * throws. With no candidate (no GPU, or a software one) it measures nothing and keeps wasm.
 * cpu is the reference for correctness, not a contender: it is never faster than wasm.
 */
export async function autoChoose(config: MoeConfig, candidates: readonly BackendName[], opts: BackendOptions, skipped: readonly string[] = []): Promise<BackendDecision> {
  if (candidates.length === 0) return { backend: 'wasm', note: ['wasm', ...skipped].join('; '), fellBack: false, timings: {} };
  const small = checkConfig(config);
  const reference = await lossesOn('cpu', small, opts);
  const timings: Partial<Record<BackendName, number>> = {};
  const rejected: string[] = [...skipped];
  for (const name of ['wasm' as const, ...candidates.filter((c) => c !== 'wasm')]) {
    try {
      if (name !== 'wasm') {
        const losses = await lossesOn(name, small, opts);
        const agrees = losses.every((l, i) => Math.abs(l - reference[i]) <= CHECK_TOLERANCE * Math.max(1, Math.abs(reference[i])));
        if (!agrees) {
          rejected.push(`${name}: wrong results`);
          continue;
        }
      }
      timings[name] = await msPerStep(name, config, opts);
    } catch (err) {
      rejected.push(`${name}: ${errorText(err)}`);
    }
  }
  const ranked = (Object.entries(timings) as [BackendName, number][]).sort((a, b) => a[1] - b[1]);
  const best = ranked[0]?.[0] ?? 'wasm';
  const note = [ranked.map(([n, ms]) => `${n} ${ms.toFixed(1)} ms/step`).join(', '), ...rejected].filter(Boolean).join('; ');
  return { backend: best, note, fellBack: false, timings };
}

/** Starts `wanted`, or the next backend in FALLBACK_ORDER that starts, saying why. */
export async function startBackend(wanted: BackendName, start: StartBackend, skip: readonly string[] = []): Promise<BackendDecision> {
  const order = [wanted, ...FALLBACK_ORDER.filter((b) => b !== wanted)].filter((b) => !skip.includes(b));
  const failures: string[] = [];
  for (const name of order) {
    try {
      await start(name);
      return { backend: name, note: failures.join('; '), fellBack: name !== wanted };
    } catch (err) {
      failures.push(`${name} could not start (${errorText(err)})`);
    }
  }
  // cpu cannot fail to register; reaching here means tfjs itself is broken
  throw new Error(failures.join('; '));
}

/**
 * The backend a run trains on, started: a pinned one, or for `auto` at once the backend measured
 * fastest on this device before (`cachedAuto`, the page keeps it) or else wasm, which runs
 * everywhere. Measuring the others happens in a separate worker while training is paused
 * (probe.worker.ts), never before the first step. `failed`: backends that failed this run.
 */
export async function chooseBackend(choice: BackendChoice, cachedAuto: string | null, start: StartBackend, failed: readonly string[] = []): Promise<BackendDecision> {
  if (choice !== 'auto') return startBackend(choice, start, failed);
  const measured = cachedAuto !== null && isBackendName(cachedAuto) && !failed.includes(cachedAuto) ? cachedAuto : null;
  const d = await startBackend(measured ?? 'wasm', start, failed);
  return d.fellBack ? d : { ...d, auto: measured ? 'measured' : 'first' };
}

/** How a worker makes its backends and trainers: tfjs's, with the wasm binaries at `opts.wasmPaths`. */
export function tfjsTrainerFactory(opts: BackendOptions) {
  return {
    startBackend: (name: BackendName) => ensureBackend(name, opts),
    createTrainer: (config: MoeConfig, backend: BackendName) => createTrainer(config, { backend }),
  };
}

/** A renderer or adapter name that means the GPU API runs on the CPU. */
export const isSoftwareRenderer = (name: string) => /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i.test(name);

function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}

async function webgpuAdapter(): Promise<string | null> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } } | undefined)?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter) return 'fallback adapter (software)';
    const i = adapter.info ?? {};
    return [i.vendor, i.architecture, i.description].filter(Boolean).join(' ') || 'unknown adapter';
  } catch {
    return null;
  }
}

/**
 * The GPU backends worth measuring against wasm here: those with a hardware renderer. `skipped`
 * says why the others were left out, for the status line.
 */
export async function gpuCandidates(): Promise<{ candidates: BackendName[]; skipped: string[] }> {
  const candidates: BackendName[] = [];
  const skipped: string[] = [];
  const consider = (name: BackendName, renderer: string | null) => {
    if (renderer === null) skipped.push(`${name}: not available`);
    else if (isSoftwareRenderer(renderer)) skipped.push(`${name}: software renderer (${renderer})`);
    else candidates.push(name);
  };
  consider('webgl', webglRenderer());
  consider('webgpu', await webgpuAdapter());
  return { candidates, skipped };
}
