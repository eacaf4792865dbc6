// Which tfjs backend trains: a pinned one, or `auto`, which first checks each available backend
// against cpu on a small fixed training run (software WebGPU has been seen returning wrong
// numbers), then times the current model on those that agree and keeps the fastest. The page
// caches the choice per device, so this runs once, not on every load.

import { createTrainer, ensureBackend, type MoeConfig } from '../engine/model';
import type { BackendOptions } from '../engine/model/backend';
import { tf } from '../engine/model/tf';

export type Candidate = 'wasm' | 'webgl' | 'webgpu' | 'cpu';

/** The order backends are tried in when one fails: fastest first without a GPU (see bench/). */
export const FALLBACK_ORDER: readonly Candidate[] = ['wasm', 'webgl', 'cpu'];

export interface BackendDecision {
  backend: Candidate;
  /** for the page: why this one (timings, or the failures that led here) */
  note: string;
  /** the backend asked for failed and another one runs */
  fellBack: boolean;
  /** timings of the auto check, ms per step, for the cache and the status line */
  timings?: Partial<Record<Candidate, number>>;
}

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
  const trainer = await createTrainer(config, { backend });
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

/** Measures the candidates for `auto`; never throws (cpu always works). */
export async function autoChoose(config: MoeConfig, candidates: readonly Candidate[], opts: BackendOptions): Promise<BackendDecision> {
  const small = checkConfig(config);
  const reference = await lossesOn('cpu', small, opts);
  const timings: Partial<Record<Candidate, number>> = {};
  const rejected: string[] = [];
  for (const name of candidates) {
    if (name === 'cpu') continue;
    try {
      const losses = await lossesOn(name, small, opts);
      const agrees = losses.every((l, i) => Math.abs(l - reference[i]) <= CHECK_TOLERANCE * Math.max(1, Math.abs(reference[i])));
      if (!agrees) {
        rejected.push(`${name}: wrong results`);
        continue;
      }
      timings[name] = await msPerStep(name, config, opts);
    } catch (err) {
      rejected.push(`${name}: ${errorText(err)}`);
    }
  }
  timings.cpu = await msPerStep('cpu', config, opts);
  const ranked = (Object.entries(timings) as [Candidate, number][]).sort((a, b) => a[1] - b[1]);
  const [best] = ranked[0];
  const note = [ranked.map(([n, ms]) => `${n} ${ms.toFixed(1)} ms/step`).join(', '), ...rejected].join('; ');
  await ensureBackend(best, opts);
  return { backend: best, note, fellBack: false, timings };
}

/** Starts `wanted`, or the next backend in FALLBACK_ORDER that starts, saying why. */
export async function startBackend(wanted: Candidate, opts: BackendOptions, skip: readonly string[] = []): Promise<BackendDecision> {
  const order = [wanted, ...FALLBACK_ORDER.filter((b) => b !== wanted)].filter((b) => !skip.includes(b));
  const failures: string[] = [];
  for (const name of order) {
    try {
      await ensureBackend(name, opts);
      return { backend: name, note: failures.join('; '), fellBack: name !== wanted };
    } catch (err) {
      failures.push(`${name} could not start (${errorText(err)})`);
    }
  }
  // cpu cannot fail to register; reaching here means tfjs itself is broken
  throw new Error(failures.join('; '));
}

/** Backends this browser could run at all, in the order auto considers them. */
export function availableCandidates(): Candidate[] {
  const list: Candidate[] = ['wasm'];
  if (typeof OffscreenCanvas !== 'undefined') list.push('webgl');
  if (typeof navigator !== 'undefined' && 'gpu' in navigator) list.push('webgpu');
  list.push('cpu');
  return list;
}

export function currentBackend(): string {
  return tf.getBackend();
}
