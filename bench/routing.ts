// Routing throughput: route() against one plain row-wise softmax over the same logits, the
// work no router can skip. Goal (issue 2): token-choice at T=16384, E=256, k=8 within 2×.

import { randomLogits } from '../src/engine/datasets/randomLogits';
import { route, type RouterSpec } from '../src/engine/routing';
import { softmaxRows } from '../src/engine/routing/scores';
import { round, saveResults, timeInterleaved, type BenchRow } from './lib';

export interface RoutingSize {
  T: number;
  E: number;
  k: number;
  reps: number;
}

/** the size of the goal */
export const ROUTING_FULL: RoutingSize = { T: 16384, E: 256, k: 8, reps: 11 };
/** every router once at a small size: a check that the bench runs, in well under a second */
export const ROUTING_SMOKE: RoutingSize = { T: 256, E: 16, k: 2, reps: 1 };

export function benchRouting({ T, E, k, reps }: RoutingSize = ROUTING_FULL): BenchRow[] {
  const logits = randomLogits(T, E, 42);
  const tokenIds = Int32Array.from({ length: T }, (_, i) => i);
  const base = { k, capacityFactor: 1.25 };
  const variants: Record<string, RouterSpec> = {
    'token-choice slot-major': { scheme: 'token-choice', ...base, dropPolicy: 'slot-major' },
    'token-choice position': { scheme: 'token-choice', ...base, dropPolicy: 'position' },
    'token-choice probs': { scheme: 'token-choice', ...base, dropPolicy: 'probs' },
    'token-choice bpr': { scheme: 'token-choice', ...base, dropPolicy: 'bpr' },
    'token-choice dropless': { scheme: 'token-choice', k, capacityFactor: null },
    'deepseek 8 groups keep 4': { scheme: 'deepseek', ...base, groups: 8, topkGroups: 4, routedScale: 2.5 },
    'noisy-topk': { scheme: 'noisy-topk', ...base, noise: randomLogits(T, E, 7, 0) },
    hash: { scheme: 'hash', ...base, tokenIds },
    'expert-choice': { scheme: 'expert-choice', k, capacityFactor: 2 },
    soft: { scheme: 'soft', k },
  };
  const candidates: Record<string, () => unknown> = {
    softmax: () => softmaxRows(logits, T, E, new Float32Array(T * E)),
  };
  for (const [name, spec] of Object.entries(variants)) candidates[name] = () => route(logits, T, E, spec);
  const ms = timeInterleaved(candidates, reps);
  const date = new Date().toISOString();
  return Object.keys(variants).map((variant) => ({
    name: 'route',
    backend: `node ${process.version}`,
    variant,
    T,
    E,
    k,
    d: null,
    h: null,
    ms: round(ms[variant]),
    baselineMs: round(ms.softmax),
    ratio: round(ms[variant] / ms.softmax),
    date,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = benchRouting();
  console.table(rows.map(({ variant, ms, baselineMs, ratio }) => ({ variant, ms, baselineMs, ratio })));
  console.log('saved', saveResults('routing', rows));
}
