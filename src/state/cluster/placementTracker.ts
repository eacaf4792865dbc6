// The placement of the lab's live run on its cluster: every training step's kept load (the
// snapshots' history rows, so no step is missed between frames) feeds a moving average over the
// last `loadWindow` steps; EPLB places the experts from it at the first step and again at every
// multiple of `replaceEvery` (SmartMoE's and EPLB's dynamic rebalancing), and each step's balancedness
// is recorded for the current placement and for contiguous placement side by side. Plain
// TypeScript (clusterView.svelte.ts makes it reactive), so tests drive it without a page.

import type { ClusterKey, MoeConfig } from '../../engine/config';
import {
  balancedness,
  contiguousSlots,
  eplbSteps,
  gpuLoads,
  placeExperts,
  type ClusterShape,
  type EplbSteps,
  type PlacementPolicy,
  type SlotMap,
} from '../../engine/placement';
import type { HistoryRows } from '../../worker/protocol';

export type ClusterSettings = Pick<MoeConfig, ClusterKey>;

/** Balancedness (mean / max GPU load) per step, for the current placement and for contiguous. */
export interface BalanceSeries {
  step: number[];
  current: number[];
  contiguous: number[];
}

/** What the placement views draw: the placement now, how it came about, and the balance it gives. */
export interface PlacementState {
  E: number;
  cluster: ClusterShape;
  gpus: number;
  policy: PlacementPolicy;
  slots: SlotMap;
  contiguous: SlotMap;
  /** [E] the moving-average load the placement was made from, the steps it averaged, and the step it was made at */
  placedFrom: Float64Array;
  averaged: number;
  placedAt: number;
  /** [slots] 1 where the last re-placement changed the slot's expert (null before any) */
  moved: Uint8Array | null;
  movedAt: number | null;
  /** EPLB's three steps on placedFrom (null for the other policies) */
  explain: EplbSteps | null;
  /** [E] the latest step's kept load, and its [G] GPU loads under each placement */
  latest: Float64Array;
  gpuLoad: Float64Array;
  contiguousLoad: Float64Array;
  series: BalanceSeries;
  replacedAt: number[];
}

/** Physical expert slots: each GPU's share of the experts, ⌈E/G⌉, and its replica slots on top. */
export const physicalSlots = (E: number, gpus: number, replicaSlotsPerGpu: number): number =>
  gpus * (Math.ceil(E / gpus) + replicaSlotsPerGpu);

/** The most steps the balance series keeps; past it, every other point is dropped (older ones first thinned). */
export const SERIES_LIMIT = 4000;

const shapeKey = (s: ClusterSettings, E: number) => [E, s.nodes, s.gpusPerNode, s.replicaSlotsPerGpu, s.placement, s.loadWindow, s.replaceEvery].join(',');

export class PlacementTracker {
  #rows: Float64Array[] = [];
  #state: PlacementState | null = null;
  #shape = '';
  #groups = 1;
  #lastStep = -Infinity;

  get state(): PlacementState | null {
    return this.#state;
  }

  /** Forgets the run (a new model or a reset). */
  clear(): void {
    this.#rows = [];
    this.#state = null;
    this.#shape = '';
    this.#lastStep = -Infinity;
  }

  /**
   * Takes a snapshot's rows: E experts (after fine-grained splitting), the expert groups DeepSeek's
   * router uses (EPLB keeps a group on one node), and the page's cluster settings now. A step at
   * or before the last one starts a new run.
   */
  add(rows: HistoryRows, E: number, groups: number, settings: ClusterSettings): void {
    if (this.#state && E !== this.#state.E) this.clear();
    this.#groups = groups > 0 && E % groups === 0 ? groups : 1;
    for (let i = 0; i < rows.step.length; i++) {
      const step = rows.step[i];
      if (step < this.#lastStep) this.clear();
      else if (step === this.#lastStep) continue;
      this.#lastStep = step;
      this.#takeRow(step, Float64Array.from(rows.kept.subarray(i * E, (i + 1) * E)), E, settings);
    }
  }

  /**
   * Applies changed cluster settings at once (paused runs too), placing again from the recent load:
   * placed at the last step taken, so the status and the next re-placement count from there.
   */
  settle(settings: ClusterSettings): void {
    const s = this.#state;
    if (!s || shapeKey(settings, s.E) === this.#shape) return;
    this.#place(this.#lastStep, s.E, settings, true);
    // the chart starts again on the new cluster, from the step on show (a paused run has no next one)
    this.#record(this.#lastStep, this.#state!.latest);
  }

  #takeRow(step: number, load: Float64Array, E: number, settings: ClusterSettings): void {
    this.#rows.push(load);
    if (this.#rows.length > settings.loadWindow) this.#rows.splice(0, this.#rows.length - settings.loadWindow);
    const s = this.#state;
    const changed = !s || shapeKey(settings, E) !== this.#shape;
    // at every multiple of the period (0, 50, 100, …), however the run reached it (a link's
    // step=N starts drawing at step 1)
    const every = settings.replaceEvery;
    const due = s && settings.placement === 'eplb' && every > 0 && Math.floor(step / every) > Math.floor(s.placedAt / every);
    if (changed || due) this.#place(step, E, settings, changed);
    this.#record(step, load);
  }

  #average(E: number, window: number): Float64Array {
    const mean = new Float64Array(E);
    const rows = this.#rows.slice(-window);
    for (const row of rows) for (let e = 0; e < E; e++) mean[e] += row[e] / rows.length;
    return mean;
  }

  #place(step: number, E: number, settings: ClusterSettings, fresh: boolean): void {
    const cluster = { nodes: settings.nodes, gpusPerNode: settings.gpusPerNode };
    const gpus = cluster.nodes * cluster.gpusPerNode;
    const slotCount = physicalSlots(E, gpus, settings.replicaSlotsPerGpu);
    const policy = settings.placement;
    const load = this.#average(E, settings.loadWindow);
    const slots = placeExperts(policy, load, E, slotCount, this.#groups, cluster);
    const before = this.#state;
    const moved = !fresh && before ? movedSlots(before.slots, slots) : null;
    const latest = before && !fresh ? before.latest : (this.#rows.at(-1) ?? new Float64Array(E));
    this.#shape = shapeKey(settings, E);
    this.#state = {
      E,
      cluster,
      gpus,
      policy,
      slots,
      contiguous: contiguousSlots(E, gpus),
      placedFrom: load,
      averaged: Math.min(settings.loadWindow, this.#rows.length),
      placedAt: step,
      moved,
      movedAt: moved ? step : null,
      explain: policy === 'eplb' ? eplbSteps(load, E, slotCount, this.#groups, cluster.nodes, gpus) : null,
      latest,
      gpuLoad: gpuLoads(slots, latest, gpus),
      contiguousLoad: gpuLoads(contiguousSlots(E, gpus), latest, gpus),
      series: fresh || !before ? { step: [], current: [], contiguous: [] } : before.series,
      replacedAt: fresh || !before ? [step] : [...before.replacedAt, step],
    };
  }

  #record(step: number, load: Float64Array): void {
    const s = this.#state!;
    s.latest = load;
    s.gpuLoad = gpuLoads(s.slots, load, s.gpus);
    s.contiguousLoad = gpuLoads(s.contiguous, load, s.gpus);
    const series = s.series;
    series.step.push(step);
    series.current.push(balancedness(s.gpuLoad));
    series.contiguous.push(balancedness(s.contiguousLoad));
    if (series.step.length > SERIES_LIMIT) {
      const keep = (_: number, i: number) => i % 2 === 1 || i === series.step.length - 1;
      series.step = series.step.filter(keep);
      series.current = series.current.filter(keep);
      series.contiguous = series.contiguous.filter(keep);
      s.replacedAt = s.replacedAt.filter((r) => r >= series.step[0]);
    }
  }
}

/** [slots] 1 where the slot holds an expert its GPU did not hold before the re-placement. */
export function movedSlots(before: SlotMap, after: SlotMap): Uint8Array {
  // a move is an expert's weights arriving on a GPU that did not hold them: a slot that only
  // swapped places with another on its GPU, or copies an expert its GPU already had, moved nothing
  const held = new Set<number>();
  const E = after.replicas.length;
  for (let s = 0; s < before.expert.length; s++) held.add(before.gpu[s] * E + before.expert[s]);
  const out = new Uint8Array(after.expert.length);
  for (let s = 0; s < out.length; s++) out[s] = held.has(after.gpu[s] * E + after.expert[s]) ? 0 : 1;
  return out;
}
