// EPLB's cost: one rebalanceExperts at DeepSeek-V3's inference layout (256 experts, 288 slots,
// 8 groups over 4 nodes of 8 GPUs), one layer, against one route() of a batch at the same E, both
// in the same run. Goal: rebalancing a layer costs less than routing one batch (ratio < 1). And the
// cluster view's other per-step work, the all-to-all count of that batch on the placement, against
// the same route().

import { randomLogits } from '../src/engine/datasets/randomLogits';
import { dispatchTraffic, rebalanceExperts, slotMapOf } from '../src/engine/placement';
import { keptChoices } from '../src/worker/clusterChoices';
import { route } from '../src/engine/routing';
import { mulberry32, normal } from '../src/engine/rng';
import { round, saveResults, timeInterleaved, type BenchRow } from './lib';

export interface PlacementSize {
  T: number;
  E: number;
  k: number;
  replicas: number;
  groups: number;
  nodes: number;
  gpus: number;
  reps: number;
}

export const PLACEMENT_FULL: PlacementSize = { T: 1024, E: 256, k: 8, replicas: 288, groups: 8, nodes: 4, gpus: 32, reps: 51 };
export const PLACEMENT_SMOKE: PlacementSize = { T: 64, E: 16, k: 2, replicas: 24, groups: 4, nodes: 2, gpus: 4, reps: 1 };

/** Tokens per expert as a trained router skews them: lognormal around T·k/E. */
function skewedLoad(T: number, E: number, k: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: E }, () => Math.round(((T * k) / E) * Math.exp(normal(rand) - 0.5)));
}

export function benchPlacement({ T, E, k, replicas, groups, nodes, gpus, reps }: PlacementSize = PLACEMENT_FULL): BenchRow[] {
  const logits = randomLogits(T, E, 42);
  const load = skewedLoad(T, E, k, 7);
  const cluster = { nodes, gpusPerNode: gpus / nodes };
  const slots = slotMapOf(rebalanceExperts(load, 1, E, replicas, groups, nodes, gpus), 0, gpus);
  const choices = keptChoices(route(logits, T, E, { scheme: 'token-choice', k }));
  const ms = timeInterleaved(
    {
      route: () => route(logits, T, E, { scheme: 'token-choice', k }),
      eplb: () => rebalanceExperts(load, 1, E, replicas, groups, nodes, gpus),
      traffic: () => dispatchTraffic(choices, T, k, slots, cluster),
    },
    reps,
  );
  const row = (name: string, variant: string, value: number): BenchRow => ({
    name,
    backend: `node ${process.version}`,
    variant,
    T,
    E,
    k,
    d: null,
    h: null,
    ms: round(value, 3),
    baselineMs: round(ms.route, 3),
    ratio: round(value / ms.route, 3),
    date: new Date().toISOString(),
  });
  return [
    row('rebalanceExperts', `eplb ${replicas} slots, ${groups} groups, ${nodes} nodes, ${gpus} GPUs`, ms.eplb),
    row('dispatchTraffic', `${T}×${k} choices onto ${replicas} slots, ${gpus} GPUs`, ms.traffic),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = benchPlacement();
  console.table(rows.map(({ variant, ms, baselineMs, ratio }) => ({ variant, ms, baselineMs, ratio })));
  console.log('saved', saveResults('placement', rows));
}
