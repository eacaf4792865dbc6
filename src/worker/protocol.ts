// The typed messages between the page and the trainer worker. Snapshots carry plain typed
// arrays, transferred, never tensors.

import type { PartitionGridData } from '../engine/model/partition';
import type { LiveKey, StepMetrics } from '../engine/model/trainerApi';
import type { Routing } from '../engine/routing/types';
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
  | { type: 'set'; key: LiveKey; value: MoeConfig[LiveKey] }
  /** the user's own text, sent once before a configure whose `ownText` is its hash (the worker keeps a few) */
  | { type: 'text'; hash: number; text: string };

/** What the views need to know about the data, sent once per model. */
export type DataInfo =
  | { kind: 'points'; classes: number }
  | {
      kind: 'text';
      /** id → token; id 0 is the pad token '' */
      vocab: string[];
      /** display names, indexed by a token's domain */
      domains: string[];
    }
  /** the teacher task: a token's `domain` is its teacher expert, 0..experts-1 */
  | { kind: 'teacher'; classes: number; experts: number; inputDim: number };

/** The metrics a snapshot's history carries for every step: the scalars of StepMetrics. */
export const HISTORY_METRICS = ['taskLoss', 'accuracy', 'balanceLoss', 'zLoss', 'dropRate', 'entropy'] as const satisfies readonly (keyof StepMetrics)[];
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

/** Metrics of every training step since the previous snapshot, oldest first: a row per step. */
export interface HistoryRows extends Record<HistoryMetric, Float32Array> {
  step: Int32Array;
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

/**
 * One step as the views see it: the step's metrics (StepMetrics: step, losses, accuracy, drop
 * rate, entropy, [E] load and kept before and after dropping, capacity; balanceLoss is NaN where
 * not defined), the displayed batch's size (the one this step trained on: T tokens, k slots per
 * token, E experts), its slots and inputs, and what the worker gathered around it.
 */
/** Expert merging in a snapshot: of the whole batch, whatever tokens the per-token arrays sample. */
export interface SnapshotMerge {
  /** tokens per group (a sequence, or a Lory segment); token t is in group floor(t / groupLen) */
  groupLen: number;
  /** [E] each expert's merge weight averaged over the batch's tokens */
  mean: Float32Array;
  /** [G*E] each group's merge weights, when G·E ≤ PROBS_LIMIT */
  weights?: Float32Array;
  /** [G] the group whose logits gave group g's weights (g; g − 1 for Lory; −1: its own, gradient stopped), with weights */
  from?: Int32Array;
}

export interface Snapshot extends Omit<StepMetrics, 'nonFinite'>, Pick<Routing, 'E' | 'T' | 'k'> {
  /**
   * The settings this batch was trained and routed with: the trainer's, which lag the page's
   * while a change is on its way to the worker. Views interpret the arrays below by these (which
   * scheme filled the slots, what k and the capacity were), never by the page's current settings.
   */
  routedWith: Readonly<MoeConfig>;
  // MH-MoE (routedWith.heads = H > 1): T and every per-token array below count the routed
  // sub-tokens, T·H of them, row i being head i mod H of token ⌊i/H⌋; the inputs, labels and
  // predictions are the token's, repeated on each of its H rows (src/state/heads.ts)
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
  /**
   * [T*k] every token's kept choices (expert, or -1 for a pad or a dropped choice), when the
   * slots above are a sample: the cluster view counts the whole batch's traffic. Absent: derive
   * them from experts and dropped, which then hold the whole batch.
   */
  choices?: Int32Array;
  /**
   * deepseek with fewer groups kept than there are: [T*k] the kept choices of the same logits
   * routed with every group open (clusterChoices.ts), for what the device limit saves
   */
  unlimited?: Int32Array;
  /** [T*E] router scores (softmax; sigmoid for DeepSeek-V3's); only when T*E ≤ PROBS_LIMIT (T: the tokens carried) */
  probs?: Float32Array;
  /** deepseek: [E] the selection bias that steered this batch */
  bias?: Float32Array;
  /** deepseek with fewer groups kept than there are: [T*kept] the groups (devices) each token could use, best first */
  keptGroups?: Int32Array;
  /** sinkhorn in training: [T*E] the Sinkhorn-balanced scores it ranked (with the probs, within PROBS_LIMIT) */
  balanced?: Float32Array;
  /** sinkhorn in training: the balancing's passes and whether it met its tolerance */
  sinkhorn?: { passes: number; converged: boolean };
  /** base in training: [E] the experts' prices, which certify the balanced assignment */
  prices?: Float32Array;
  /** expert merging (SMEAR, Lory): the groups' merge weights and each expert's mean (snapshotMerge.ts) */
  merge?: SnapshotMerge;
  /**
   * the batch's inputs: points [T*2] with their class (teacher: its input's first two
   * coordinates, and its teacher expert as `domain`), or text: the current token id and its domain
   */
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
  /** text: [domains*E] share of each domain's kept choices per expert, over recent steps; teacher: of each teacher expert's */
  domainShare?: Float32Array;
  /** steps per second over the last second of play */
  stepsPerSecond: number;
  /** how long the latest training step took, ms (0 before the first) */
  stepMs: number;
}

/** Which of the batch's tokens and slots a snapshot carries (Snapshot.sample). */
export interface BatchSample {
  /** tokens carried: the batch's tokens 0, stride, 2·stride, … (MH-MoE: rows, each such token's H sub-tokens) */
  T: number;
  stride: number;
  /** MH-MoE's H when above 1: rows come in groups of a token's H sub-tokens, the stride counts tokens */
  heads?: number;
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

/**
 * The buffers of a snapshot's typed arrays, to transfer rather than copy: every one the snapshot
 * holds, directly or in a nested plain object or array (history, grid, sample), each once.
 */
export function transferables(s: Snapshot): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const walk = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (isPlainObject(value)) {
      Object.values(value).forEach(walk);
    }
  };
  walk(s);
  return [...buffers];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The page asks the backend probe to measure, on the current settings. */
export interface ToProbe {
  config: MoeConfig;
}

export type FromProbe =
  /** the fastest correct backend, why (timings, and what was left out), ms per step of each timed */
  | { type: 'probed'; backend: string; note: string; timings: Partial<Record<string, number>> }
  | { type: 'probe-failed'; message: string };

