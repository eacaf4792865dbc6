// The balanced-assignment routers against token choice on the same logits, in the same run:
// Sinkhorn (S-BASE) and BASE layers at T = 1,024 and 4,096 over E = 64, and Sinkhorn at
// T = 16,384 over E = 256 (also with a strongly skewed popularity, where its loop runs to its
// cap), all at k = 1 (BASE's only k; S-BASE's). Goal (the BASE issue): BASE within 10× token
// choice at T = 4,096, E = 64. The Sinkhorn rows say how many passes its balancing took.

import { randomLogits } from '../src/engine/datasets/randomLogits';
import { route, type RouterSpec } from '../src/engine/routing';
import { SINKHORN_MAX_PASSES, sinkhornScores } from '../src/engine/routing/sinkhorn';
import { round, saveResults, timeInterleaved, type BenchRow } from './lib';

/** The busiest expert's top-1 load over the mean, selecting by the balanced scores after `passes` passes. */
function busiestAfter(logits: Float32Array, T: number, E: number, passes: number): number {
  const { balanced } = sinkhornScores(logits, T, E, passes);
  const load = new Int32Array(E);
  for (let t = 0; t < T; t++) {
    let best = 0;
    for (let e = 1; e < E; e++) if (balanced[t * E + e] > balanced[t * E + best]) best = e;
    load[best]++;
  }
  return round(Math.max(...load) / (T / E));
}

interface Cell {
  T: number;
  E: number;
  base: boolean;
  /** spread of the experts' popularity in the logits (randomLogits' skew) */
  skew: number;
}

export const BALANCED_FULL = {
  cells: [
    { T: 1024, E: 64, base: true, skew: 1 },
    { T: 4096, E: 64, base: true, skew: 1 },
    { T: 16384, E: 256, base: false, skew: 1 },
    // strongly skewed popularity: Megatron's absolute tolerance is not met, and the cap ends the loop
    { T: 16384, E: 256, base: false, skew: 1.5 },
  ] as Cell[],
  reps: 7,
};
export const BALANCED_SMOKE = { cells: [{ T: 256, E: 16, base: true, skew: 1 }] as Cell[], reps: 1 };

export function benchBalancedRouting({ cells, reps } = BALANCED_FULL): BenchRow[] {
  const rows: BenchRow[] = [];
  const date = new Date().toISOString();
  for (const { T, E, base, skew } of cells) {
    // the same logits for every router
    const logits = randomLogits(T, E, 42, skew);
    const variants: Record<string, RouterSpec> = {
      'token-choice': { scheme: 'token-choice', k: 1, capacityFactor: 1.25, normalize: 'softmax-topk' },
      sinkhorn: { scheme: 'sinkhorn', k: 1, capacityFactor: 1.25 },
      ...(base ? { base: { scheme: 'base', k: 1 } as RouterSpec } : {}),
    };
    const candidates = Object.fromEntries(Object.entries(variants).map(([name, spec]) => [name, () => route(logits, T, E, spec)]));
    const ms = timeInterleaved(candidates, reps);
    const passes = route(logits, T, E, variants.sinkhorn).sinkhorn!;
    // where the loop runs to its cap: how evenly the choices spread after 10 passes and at the cap
    const spread = passes.converged ? '' : `; busiest expert ${busiestAfter(logits, T, E, 10)}× the mean after 10 passes, ${busiestAfter(logits, T, E, SINKHORN_MAX_PASSES)}× after ${SINKHORN_MAX_PASSES}`;
    for (const name of Object.keys(variants)) {
      if (name === 'token-choice') continue;
      const popularity = skew === 1 ? '' : `, popularity skew ${skew}`;
      const note = name === 'sinkhorn' ? ` (${passes.passes} passes${passes.converged ? '' : ', not converged'}${popularity}${spread})` : '';
      rows.push({
        name: 'route-balanced',
        backend: `node ${process.version}`,
        variant: `${name}${note}`,
        T,
        E,
        k: 1,
        d: null,
        h: null,
        ms: round(ms[name]),
        baselineMs: round(ms['token-choice']),
        ratio: round(ms[name] / ms['token-choice']),
        date,
      });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = benchBalancedRouting();
  console.table(rows.map(({ variant, T, E, ms, baselineMs, ratio }) => ({ variant, T, E, ms, baselineMs, ratio })));
  console.log('saved', saveResults('routing-balanced', rows));
}
