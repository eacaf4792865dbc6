// The heavy-setting guard: before a model is built, its estimated step time and memory
// (budget.ts) against what this browser can give, and the settings that would help most.

import { estimateBytes, estimateStepMs, GiB, gpu, resolved } from './budget';
import { defaultConfig, type MoeConfig } from './config';

/**
 * Bytes the guard lets a model and its step take. wasm32's heap stops at 4 GiB and tfjs-wasm
 * grows it without shrinking, next to the JS arrays (Adam's moments, route()): 1.5 GiB leaves
 * room for fragmentation and the page, and stays under what a phone's tab is allowed. cpu keeps
 * everything in JS arrays: the same. GPU memory is unknown before building and WebGPU buffers
 * may be capped per binding: 1 GiB.
 */
export function memoryCap(backend: string): number {
  return gpu(backend) ? 1 * GiB : 1.5 * GiB;
}

export interface GuardVerdict {
  kind: 'ok' | 'slow' | 'refuse';
  ms: number;
  bytes: number;
  cap: number;
  /** the settings to lower, biggest effect first: on memory when refused, on time when slow */
  lower: (keyof MoeConfig)[];
}

/** a step slower than this gets a warning and a progress line */
export const SLOW_MS = 1000;

const LOWERABLE = ['tokens', 'experts', 'topK', 'fineGrain', 'h', 'd', 'sharedExperts', 'context', 'capacityFactor'] as const;

/**
 * Each setting lowered to its default where above it (a dropless capacity factor counts as
 * above), or halved where it is not (never the capacity factor); kept when that saves at least
 * 10% of the estimate (above default) or 30% (a dominant term at its default), biggest first.
 */
function settingsToLower(c: MoeConfig, estimate: (x: MoeConfig) => number): (keyof MoeConfig)[] {
  const base = estimate(c);
  const defaults = defaultConfig();
  const gains: [keyof MoeConfig, number][] = [];
  for (const key of LOWERABLE) {
    const value = c[key];
    const def = defaults[key];
    let lowered: number | null;
    let above: boolean;
    if (key === 'capacityFactor') {
      // below the default it drops tokens: only ever suggested back down to the default
      above = value === null || (def !== null && value > def);
      lowered = above ? def : value;
    } else {
      above = (value as number) > (def as number);
      lowered = above ? (def as number) : Math.max(1, Math.floor((value as number) / 2));
    }
    if (lowered === value) continue;
    const gain = (base - estimate({ ...c, [key]: lowered })) / base;
    if (gain >= (above ? 0.1 : 0.3)) gains.push([key, gain]);
  }
  return gains.sort((a, b) => b[1] - a[1]).map(([key]) => key);
}

/** ok, slow (over SLOW_MS a step) or refuse (over the memory cap), with what to lower. */
export function guardVerdict(c: MoeConfig, measured?: { config: MoeConfig; ms: number }): GuardVerdict {
  const backend = resolved(c.backend);
  const ms = estimateStepMs(c, measured);
  const bytes = estimateBytes(c, backend);
  const cap = memoryCap(backend);
  if (bytes > cap) return { kind: 'refuse', ms, bytes, cap, lower: settingsToLower(c, (x) => estimateBytes(x, backend)) };
  if (ms > SLOW_MS) return { kind: 'slow', ms, bytes, cap, lower: settingsToLower(c, (x) => estimateStepMs(x, measured)) };
  return { kind: 'ok', ms, bytes, cap, lower: [] };
}
