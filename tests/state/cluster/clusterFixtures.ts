// History rows, cluster settings and snapshots for the cluster tests: every step's kept load by
// hand, the other metrics constant (the placement reads only `step` and `kept`); a step's snapshot
// made by the real router and the worker's snapshotOf.

import { CLUSTER_KEYS, DEFAULT_CONFIG, type MoeConfig } from '../../../src/engine/config';
import { randomLogits } from '../../../src/engine/datasets/randomLogits';
import { routeSettings } from '../../../src/engine/model/config';
import { routingMetrics } from '../../../src/engine/model/metrics';
import type { StepMetrics } from '../../../src/engine/model/trainerApi';
import { route } from '../../../src/engine/routing';
import type { ClusterSettings } from '../../../src/state/cluster/placementTracker';
import { HISTORY_METRICS, type HistoryRows, type Snapshot } from '../../../src/worker/protocol';
import { snapshotOf, type SnapshotLimits } from '../../../src/worker/snapshotOf';

/** The default cluster settings with some changed. */
export function clusterSettings(over: Partial<ClusterSettings> = {}): ClusterSettings {
  return { ...(Object.fromEntries(CLUSTER_KEYS.map((k) => [k, DEFAULT_CONFIG[k]])) as ClusterSettings), ...over };
}

/** Rows for `steps`, step i's kept load being loadAt(step) ([E] each). */
export function historyRows(steps: readonly number[], loadAt: (step: number) => readonly number[]): HistoryRows {
  const loads = steps.map(loadAt);
  const metrics = Object.fromEntries(HISTORY_METRICS.map((m) => [m, new Float32Array(steps.length).fill(0.5)]));
  return { ...metrics, step: Int32Array.from(steps), kept: Int32Array.from(loads.flat()) } as HistoryRows;
}

/** Steps from..to, both included. */
export const stepRange = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * One step's snapshot as the worker builds it (snapshotOf, with the step's logits, so DeepSeek's
 * device-unlimited routing is attached), for a run of config `c` on seeded logits. `limits`: past
 * them the snapshot carries a sample and the whole batch's choices apart.
 */
export function routedSnapshot(c: MoeConfig, opts: { T?: number; seed?: number; step?: number; limits?: SnapshotLimits } = {}): Snapshot {
  const T = opts.T ?? 64;
  const step = opts.step ?? 10;
  const E = c.experts * c.fineGrain;
  const logits = randomLogits(T, E, opts.seed ?? 3);
  const routing = route(logits, T, E, routeSettings(c, c.capacityFactor));
  const metrics: StepMetrics = { step, taskLoss: 0.9, accuracy: 0.5, ...routingMetrics(routing, logits), load: routing.load, kept: routing.kept, capacity: routing.capacity };
  const batch = { labels: new Int32Array(T), tokenIds: new Int32Array(T), points: new Float32Array(2 * T) };
  return snapshotOf(
    metrics,
    { routing, batch, predicted: new Int32Array(T), logits },
    { routedWith: c, history: historyRows([step], () => Array.from(routing.kept)), stepsPerSecond: 10, stepMs: 5 },
    opts.limits ?? { probs: Infinity, tokens: Infinity, slots: Infinity },
  );
}
