// The ready-made sweeps, and the definition of one's own that a link without `sw.x` starts from.
// Each names its axes, steps, seeds and metric; `base` holds the settings it needs beyond the
// page's (applied when it is picked, not when a link is read: a link writes its settings itself).

import type { MoeConfig } from '../schema';
import { validateConfig } from '../validate';
import { pinBackend, type ReadyMadeId, type SweepDefinition, type SweepKind, type SweepPlan } from './definition';


export interface ReadyMade extends SweepPlan {
  id: ReadyMadeId;
  base: Partial<MoeConfig>;
}

export const READY_MADE: readonly ReadyMade[] = [
  {
    // ST-MoE (Zoph et al. 2022), its table of training and evaluation capacity factors against
    // top-k, on the default teacher task with Switch gates (softmax → top-k) as bench/fidelity.ts
    // runs it: training CF × top-k cells, each model evaluated at every evaluation CF
    id: 'st-moe',
    base: { dataset: 'teacher', experts: 8, tokens: 256, scheme: 'token-choice', normalize: 'softmax-topk', dropPolicy: 'slot-major', fineGrain: 1, sharedExperts: 0 },
    x: { key: 'capacityFactor', values: [0.75, 1, 1.25, 2] },
    y: { key: 'topK', values: [1, 2, 3] },
    evalCfs: [0.75, 1, 1.25, 2, 3],
    steps: 400,
    seeds: 3,
    metric: 'loss',
  },
  {
    // the balance loss's weight from none (collapse onto few experts) to ten times Switch's 0.01,
    // with the collapse preset's router and training settings on the default task
    id: 'alpha',
    base: { topK: 1, normalize: 'softmax-topk', zLossCoef: 0, lr: 0.05 },
    x: { key: 'balanceCoef', values: [0, 0.001, 0.003, 0.01, 0.03, 0.1] },
    y: null,
    evalCfs: [],
    steps: 400,
    seeds: 3,
    metric: 'busiest',
  },
  {
    // DeepSeekMoE's fine-grained experts: m splits each expert into m of width h/m and routes to
    // k·m of E·m (engine/config.ts effectiveSizes), so the compute per token stays the same
    id: 'fine-grained',
    base: { fineGrain: 1, sharedExperts: 0 },
    x: { key: 'fineGrain', values: [1, 2, 4, 8] },
    y: null,
    evalCfs: [],
    steps: 400,
    seeds: 3,
    metric: 'loss',
  },
  {
    // DeepSeekMoE's shared experts, which every token passes through beside its routed ones
    id: 'shared',
    base: {},
    x: { key: 'sharedExperts', values: [0, 1, 2, 3, 4] },
    y: null,
    evalCfs: [],
    steps: 400,
    seeds: 3,
    metric: 'loss',
  },
];

/** A definition of one's own before anything is chosen: the training capacity factor. */
export const CUSTOM_PLAN: SweepPlan = {
  x: { key: 'capacityFactor', values: [0.75, 1, 1.25, 2] },
  y: null,
  evalCfs: [],
  steps: 300,
  seeds: 2,
  metric: 'loss',
};

export function readyMadeById(id: string): ReadyMade | undefined {
  return READY_MADE.find((r) => r.id === id);
}

/** The plan a kind of sweep starts from: a ready-made's, or the custom one. */
export function planOf(kind: SweepKind): SweepPlan {
  return kind === 'custom' ? CUSTOM_PLAN : readyMadeById(kind)!;
}

/** A definition from a plan on a base (its backend pinned). */
export function definitionOf(kind: SweepKind, base: MoeConfig, workers: number | null = null): SweepDefinition {
  const { x, y, evalCfs, steps, seeds, metric } = planOf(kind);
  return { kind, base: pinBackend(base), x, y, evalCfs, steps, seeds, metric, workers };
}

/** A ready-made sweep picked on the page: its own settings over the page's, made valid. */
export function readyMadeDefinition(id: ReadyMadeId, base: MoeConfig, workers: number | null = null): SweepDefinition {
  const config = validateConfig({ ...base, ...readyMadeById(id)!.base }).config;
  return definitionOf(id, config, workers);
}
