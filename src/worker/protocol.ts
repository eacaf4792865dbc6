// The typed messages between the page and the trainer worker. Snapshots carry plain typed
// arrays, transferred, never tensors.

import type { LiveKey } from '../engine/model/trainer';
import type { MoeConfig } from '../state/schema';

export type ToWorker =
  | { type: 'configure'; config: MoeConfig }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  | { type: 'set'; key: LiveKey; value: MoeConfig[LiveKey] };

export interface Snapshot {
  step: number;
  taskLoss: number;
  accuracy: number;
  /** NaN where not defined (expert choice, soft) */
  balanceLoss: number;
  zLoss: number;
  dropRate: number;
  entropy: number;
  load: Int32Array;
  kept: Int32Array;
  capacity: number | null;
  /** the displayed batch: k slots per token */
  T: number;
  k: number;
  experts: Int32Array;
  weights: Float32Array;
  dropped: Uint8Array;
  /** steps per second over the last second of play */
  stepsPerSecond: number;
}

export type FromWorker =
  | { type: 'ready'; backend: string; note: string; thread: string }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'paused'; reason: string | null }
  | { type: 'error'; message: string };

/** The arrays of a snapshot, to transfer rather than copy. */
export function transferables(s: Snapshot): ArrayBuffer[] {
  return [s.load, s.kept, s.experts, s.weights, s.dropped].map((a) => a.buffer as ArrayBuffer);
}
