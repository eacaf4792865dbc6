// A trace layer on the lab's cluster: the same PlacementState and TrafficFrame the lab's placement
// and traffic panels draw, built from a recorded router's choices instead of the live run's
// steps. The placement is made once, from the whole layer's load (a trace is replayed, not
// trained, so there is nothing to re-place from); the balance chart follows the trace's steps
// under that placement and under contiguous; the traffic counts the last step's tokens as one
// batch (every token when the trace has no steps), on the same placement. Counts-only layers
// place and balance, but have no tokens to dispatch.

import { balancedness, contiguousSlots, dispatchWithSpread, eplbSteps, gpuLoads, placeExperts, trafficBytes } from '../../engine/placement';
import { memo } from '../../engine/traces/memo';
import { hasTokenLayers, traceLayerLoad } from '../../engine/traces/stats';
import type { Trace, TraceLayer } from '../../engine/traces/types';
import { loadAt, utilisationGrid } from '../../engine/traces/utilisation';
import { physicalSlots, type BalanceSeries, type ClusterSettings, type PlacementState } from '../cluster/placementTracker';
import { wireOf, type TrafficFrame } from '../cluster/trafficFrame';

/** Why a layer cannot be drawn on the cluster. */
export type TraceClusterProblem =
  /** the layer routed nothing (no choices, or no counts) */
  | { problem: 'empty' }
  /** the placement refused the layer on these settings: the engine's reason */
  | { problem: 'no-fit'; detail: string };

export interface TraceClusterView {
  placement: PlacementState;
  /** the choices the placement was made from, and the steps they span (0 without steps) */
  choices: number;
  steps: number;
  /** the all-to-all of the traffic's tokens, or 'needs-tokens' for a counts-only trace */
  traffic: TrafficFrame | 'needs-tokens';
  /** the step whose tokens the traffic counts; null when it counts every token */
  trafficStep: number | null;
}

/** Trace layers have no router groups: EPLB takes its global path whenever there is more than one node. */
const GROUPS = 1;

/** The placement and traffic of `layer` on the cluster the settings describe. */
export function traceCluster(trace: Trace, layer: number, settings: ClusterSettings): TraceClusterView | TraceClusterProblem {
  return memo(trace, `cluster ${layer} ${JSON.stringify(settings)}`, () => placeLayer(trace, layer, settings));
}

function placeLayer(trace: Trace, layer: number, settings: ClusterSettings): TraceClusterView | TraceClusterProblem {
  const load = traceLayerLoad(trace, layer);
  const E = load.length;
  const choices = load.reduce((a, b) => a + b, 0);
  if (E === 0 || choices === 0) return { problem: 'empty' };
  try {
    return build(trace, layer, settings, load, choices);
  } catch (e) {
    if (e instanceof RangeError) return { problem: 'no-fit', detail: e.message };
    throw e;
  }
}

function build(trace: Trace, layer: number, settings: ClusterSettings, load: Float64Array, choices: number): TraceClusterView {
  const E = load.length;
  const cluster = { nodes: settings.nodes, gpusPerNode: settings.gpusPerNode };
  const gpus = cluster.nodes * cluster.gpusPerNode;
  const slotCount = physicalSlots(E, gpus, settings.replicaSlotsPerGpu);
  const policy = settings.placement;
  const slots = placeExperts(policy, load, E, slotCount, GROUPS, cluster);
  const contiguous = contiguousSlots(E, gpus);
  const grid = utilisationGrid(trace, layer);
  const series: BalanceSeries = { step: [], current: [], contiguous: [] };
  // balance over the trace's steps (step buckets past 200 steps); token buckets are no time axis
  if (grid?.by === 'step') {
    for (let c = 0; c < grid.cols; c++) {
      if (grid.total[c] === 0) continue;
      const at = loadAt(grid, c);
      series.step.push(grid.from[c]);
      series.current.push(balancedness(gpuLoads(slots, at, gpus)));
      series.contiguous.push(balancedness(gpuLoads(contiguous, at, gpus)));
    }
  }
  const steps = series.step.length;
  const lastStep = steps ? (grid?.to[grid.cols - 1] ?? 0) : 0;
  const placement: PlacementState = {
    E,
    cluster,
    gpus,
    policy,
    slots,
    contiguous,
    placedFrom: load,
    averaged: Math.max(1, steps),
    placedAt: lastStep,
    moved: null,
    movedAt: null,
    explain: policy === 'eplb' ? eplbSteps(load, E, slotCount, GROUPS, cluster.nodes, gpus) : null,
    latest: load,
    gpuLoad: gpuLoads(slots, load, gpus),
    contiguousLoad: gpuLoads(contiguous, load, gpus),
    series,
    replacedAt: [],
  };
  const tokens = hasTokenLayers(trace) ? trace.layers[layer] : undefined;
  if (!tokens) return { placement, choices, steps, traffic: 'needs-tokens', trafficStep: null };
  const { batch, step } = lastBatch(tokens);
  const sent = dispatchWithSpread(batch.experts, batch.T, tokens.k, slots, cluster);
  const wire = wireOf(settings);
  const traffic: TrafficFrame = {
    step: step ?? 0,
    T: batch.T,
    k: tokens.k,
    traffic: sent.traffic,
    bytes: trafficBytes(sent.traffic, wire),
    wire,
    gpusPerToken: sent.gpusPerToken,
    nodesPerToken: sent.nodesPerToken,
    limited: null,
  };
  return { placement, choices, steps, traffic, trafficStep: step };
}

/** The tokens of the layer's last step, in order (every token when the layer has no steps). */
export function lastBatch(layer: TraceLayer): { batch: { T: number; experts: Int32Array }; step: number | null } {
  const { step, k, T, experts } = layer;
  if (!step || T === 0) return { batch: { T, experts }, step: null };
  let last = step[0];
  for (let t = 1; t < T; t++) if (step[t] > last) last = step[t];
  let n = 0;
  for (let t = 0; t < T; t++) if (step[t] === last) n++;
  const out = new Int32Array(n * k);
  let i = 0;
  for (let t = 0; t < T; t++) if (step[t] === last) out.set(experts.subarray(t * k, (t + 1) * k), k * i++);
  return { batch: { T: n, experts: out }, step: last };
}
