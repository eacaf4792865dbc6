// What a trainer promises its callers (the worker, tests, benchmarks): what one step reports,
// what the views get of it, the settings it takes live, and the Trainer interface itself.
// trainer.ts implements it.

import type { Dataset } from '../datasets';
import type { RouteMode, Routing } from '../routing/types';
import type { LiveKey } from '../config';
import type { MoeConfig } from './config';
import type { ExpertPath } from './layer';
import type { RoutingMetrics } from './metrics';
import type { Batch } from './network';
import type { PartitionGridData } from './partition';

export type { PartitionGridData };

export interface StepMetrics extends RoutingMetrics {
  step: number;
  taskLoss: number;
  accuracy: number;
  /** [E] choices per expert before and after dropping */
  load: Int32Array;
  kept: Int32Array;
  capacity: number | null;
  /** set when the loss or the logits stopped being finite: training should pause */
  nonFinite?: string;
}

export interface EvalMetrics {
  taskLoss: number;
  accuracy: number;
  dropRate: number;
  /** held-out examples read: whole batches of the training size */
  examples: number;
}

export interface StepView {
  batch: Batch;
  routing: Routing;
  /** the router logits that were routed */
  logits: Float32Array;
  /** [T] the model's predicted class (points) or next token (text) */
  predicted: Int32Array;
  /** deepseek: the bias that steered this step's selection */
  bias?: Float32Array;
  /** the balance and z losses (and softmax entropy) as the layer computed them */
  losses?: { balance: number; z: number; entropy?: number };
}

export type { LiveKey };

export interface Trainer {
  readonly config: Readonly<MoeConfig>;
  readonly data: Dataset;
  readonly backend: string;
  /** steps taken so far */
  readonly steps: number;
  step(): Promise<StepMetrics>;
  /** the model on the batch the next step trains on, without training (step 0 on load) */
  preview(): StepMetrics;
  evaluate(evalCapacityFactor?: number | null): Promise<EvalMetrics>;
  /** a setting the trainer reads at every step (LIVE_KEYS); any other key throws, since it would do nothing */
  set<K extends LiveKey>(key: K, value: MoeConfig[K]): void;
  /** the batch, routing and logits of the last step, for the views */
  readonly last: StepView | null;
  /** the model without training: one forward pass on a batch (tests, benchmarks, grids) */
  forward(batch: Batch, path?: ExpertPath, capacityFactor?: number | null, mode?: RouteMode): { logits: Float32Array; routing: Routing };
  /** 2D data: the router's top-1 expert, its probability and the predicted class over an n×n grid */
  partitionGrid(n: number, extent?: number): PartitionGridData | null;
  dispose(): void;
}
