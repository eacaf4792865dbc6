// The typed messages between the page and the trainer worker. Snapshots carry plain typed
// arrays, transferred, never tensors.

import type { PartitionGridData } from '../engine/model/partition';
import type { LiveKey } from '../engine/model/trainerApi';
import type { MoeConfig } from '../engine/config';

export type ToWorker =
  /**
   * cachedAuto: the backend `auto` chose on this device before (the page keeps it);
   * preview (default true): draw step 0, the untrained router on the first batch, once built
   */
  | { type: 'configure'; config: MoeConfig; cachedAuto?: string | null; preview?: boolean }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  /** train without drawing until step `step`, then pause (a link's step=N) */
  | { type: 'runTo'; step: number }
  | { type: 'reset' }
  /** at most this many steps per second while playing (slow motion for teaching); null: as fast as it goes */
  | { type: 'speed'; stepsPerSecond: number | null }
  | { type: 'set'; key: LiveKey; value: MoeConfig[LiveKey] };

/** What the views need to know about the data, sent once per model. */
export type DataInfo =
  | { kind: 'points'; classes: number }
  | {
      kind: 'text';
      /** id → token; id 0 is the pad token '' */
      vocab: string[];
      /** display names, indexed by a token's domain */
      domains: string[];
    };

/** Metrics of every training step since the previous snapshot, oldest first. */
export interface HistoryRows {
  step: Int32Array;
  taskLoss: Float32Array;
  accuracy: Float32Array;
  balanceLoss: Float32Array;
  zLoss: Float32Array;
  dropRate: Float32Array;
  entropy: Float32Array;
  /** [rows*E] kept choices per expert at each step (the utilisation heatmap) */
  kept: Int32Array;
}

/** The held-out split, evaluated with the evaluation capacity factor. */
export interface EvalResult {
  step: number;
  taskLoss: number;
  accuracy: number;
  dropRate: number;
  capacityFactor: number | null;
}

/** 2D data: the partition grid, as the engine computes it. */
export type PartitionGrid = PartitionGridData;

export interface Snapshot {
  step: number;
  /**
   * The settings this batch was trained and routed with: the trainer's, which lag the page's
   * while a change is on its way to the worker. Views interpret the arrays below by these (which
   * scheme filled the slots, what k and the capacity were), never by the page's current settings.
   */
  routedWith: Readonly<MoeConfig>;
  E: number;
  taskLoss: number;
  accuracy: number;
  /** NaN where not defined (expert choice, soft) */
  balanceLoss: number;
  zLoss: number;
  dropRate: number;
  entropy: number;
  /** [E] choices per expert before and after dropping */
  load: Int32Array;
  kept: Int32Array;
  capacity: number | null;
  /** the displayed batch (the one this step trained on): T tokens, k slots per token */
  T: number;
  k: number;
  /**
   * Set when the per-token arrays below carry a sample of the batch, not all of it (a large T,
   * or many slots per token: soft MoE, expert choice; snapshotSample.ts): they hold sample.T
   * tokens, the batch's tokens 0, stride, 2·stride, …, each with its sample.k highest-weight
   * slots. Absent: they hold all T tokens and k slots. The views draw the sample and say so;
   * load, kept and the metrics above are always over the whole batch.
   */
  sample?: BatchSample;
  /** [T*k] expert of each slot, slots by descending weight, -1 pads (a sample: [sample.T*sample.k]) */
  experts: Int32Array;
  /** [T*k] gate weight of each slot before dropping */
  weights: Float32Array;
  /** [T*k] 1 where the choice was dropped for capacity */
  dropped: Uint8Array;
  /** [T*E] router scores (softmax; sigmoid for deepseek); only when T*E ≤ PROBS_LIMIT (T: the tokens carried) */
  probs?: Float32Array;
  /** deepseek: [E] the selection bias that steered this batch */
  bias?: Float32Array;
  /** the batch's inputs: points [T*2] with their class, or text: the current token id and its domain */
  points?: Float32Array;
  labels: Int32Array;
  tokens?: Int32Array;
  domain?: Uint8Array;
  /** [T] the model's prediction per token */
  predicted: Int32Array;
  history: HistoryRows;
  /** the latest held-out evaluation, when one ran since the previous snapshot */
  evaluation?: EvalResult;
  grid?: PartitionGrid;
  /** text: [domains*E] share of each domain's kept choices per expert, over recent steps */
  domainShare?: Float32Array;
  /** steps per second over the last second of play */
  stepsPerSecond: number;
  /** how long the latest training step took, ms (0 before the first) */
  stepMs: number;
}

/** Which of the batch's tokens and slots a snapshot carries (Snapshot.sample). */
export interface BatchSample {
  /** tokens carried: the batch's tokens 0, stride, 2·stride, … */
  T: number;
  stride: number;
  /** slots carried per token: its highest-weight ones */
  k: number;
}

/** Above this many T*E scores, a snapshot leaves the probs out (the inspector says so). */
export const PROBS_LIMIT = 1 << 18;

export type FromWorker =
  | {
      type: 'ready';
      backend: string;
      /** why this backend: the auto choice's timings, or a fallback's cause */
      note: string;
      thread: string;
      data: DataInfo;
      /** true when the backend differs from the one asked for (a fallback) */
      fellBack: boolean;
      /** why `auto` runs this backend: wasm on a first visit, or the one measured fastest here before */
      auto?: 'first' | 'measured';
    }
  /** a configure or reset reached the worker: it is past any step it was in */
  | { type: 'building' }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'paused'; reason: string | null; step: number }
  | { type: 'error'; message: string };

/** The arrays of a snapshot, to transfer rather than copy. */
export function transferables(s: Snapshot): ArrayBuffer[] {
  const arrays: (ArrayBufferView | undefined)[] = [
    s.load,
    s.kept,
    s.experts,
    s.weights,
    s.dropped,
    s.probs,
    s.bias,
    s.points,
    s.labels,
    s.tokens,
    s.domain,
    s.predicted,
    ...Object.values(s.history),
    s.grid?.expert,
    s.grid?.prob,
    s.grid?.predicted,
    s.grid?.expertProbs,
    s.domainShare,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a) buffers.add(a.buffer as ArrayBuffer);
  return [...buffers];
}

/** The page asks the backend probe to measure, on the current settings. */
export interface ToProbe {
  config: MoeConfig;
}

export type FromProbe =
  /** the fastest correct backend, why (timings, and what was left out), ms per step of each timed */
  | { type: 'probed'; backend: string; note: string; timings: Partial<Record<string, number>> }
  | { type: 'probe-failed'; message: string };

