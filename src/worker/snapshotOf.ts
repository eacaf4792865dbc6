// One snapshot from one step: the step's metrics as they are (fresh copies of its arrays, so
// the snapshot can be transferred), the batch's sampled slots and inputs (snapshotSample.ts), and
// what the worker gathered around it. The worker and the views' test fixtures both build
// snapshots here, so a fixture has the shape the worker sends. Pure: no worker or DOM globals.

import type { Batch } from '../engine/model/network';
import type { StepMetrics, StepView } from '../engine/model/trainerApi';
import type { Routing } from '../engine/routing/types';
import { PROBS_LIMIT, type Snapshot } from './protocol';
import { sampleBatch, type SampledRouting } from './snapshotSample';
import { keptChoices, unlimitedChoices } from './clusterChoices';
import { snapshotMerge } from './snapshotMerge';
import type { MoeConfig } from '../engine/config';

/** What a snapshot takes of a step's view: its routing's slots and scores, the batch, the predictions and the bias. */
export interface SnapshotView extends Pick<StepView, 'predicted' | 'bias'>, Partial<Pick<StepView, 'logits'>> {
  routing: SampledRouting & Pick<Routing, 'sinkhorn' | 'prices' | 'merge'>;
  batch: Pick<Batch, 'points' | 'labels' | 'tokenIds' | 'domain'>;
}

/** What the worker adds to a step: the settings it ran with, the rows since the previous snapshot, and the pace. */
export type SnapshotContext = Pick<Snapshot, 'routedWith' | 'history' | 'evaluation' | 'domainShare' | 'grid' | 'stepsPerSecond' | 'stepMs'>;

/** How much of the batch a snapshot carries at most (defaults: PROBS_LIMIT, SAMPLE_TOKENS, SAMPLE_SLOTS). */
export interface SnapshotLimits {
  probs?: number;
  tokens?: number;
  slots?: number;
}

export function snapshotOf(m: StepMetrics, view: SnapshotView, context: SnapshotContext, limits: SnapshotLimits = {}): Snapshot {
  const r = view.routing;
  const sampled = sampleBatch(r, view.batch, view.predicted, limits.probs ?? PROBS_LIMIT, limits);
  const unlimited = view.logits ? unlimitedChoices({ logits: view.logits, routing: r, bias: view.bias }, context.routedWith as MoeConfig) : null;
  return {
    ...stepMetrics(m),
    E: r.E,
    T: r.T,
    k: r.k,
    ...sampled,
    choices: sampled.sample ? keptChoices(r) : undefined,
    unlimited: unlimited ?? undefined,
    bias: view.bias?.slice(),
    prices: r.prices?.slice(),
    sinkhorn: r.sinkhorn && { ...r.sinkhorn },
    merge: snapshotMerge(r, limits.probs ?? PROBS_LIMIT),
    ...context,
  };
}

/** The step's metrics without the divergence flag (a diverged step sends no snapshot), arrays copied. */
function stepMetrics({ nonFinite: _nonFinite, ...m }: StepMetrics): Omit<StepMetrics, 'nonFinite'> {
  return { ...m, load: m.load.slice(), kept: m.kept.slice() };
}
