// The one list of what a sweep can measure in each cell: how to read it from a job's result
// (engine/experiments/job.ts), which way is better, and how it is written. The held-out metrics
// have one value per evaluation capacity factor (the evaluation axis); the training ones have one.
// Labels are i18n's `sweep.metric.<id>`.

import type { JobResult } from '../../engine/experiments/job';

export type MetricFormat = 'number' | 'percent' | 'ratio' | 'ms';

export interface SweepMetric {
  /** written in links (`sw.m=`): never rename one */
  id: string;
  better: 'lower' | 'higher';
  /** one value per evaluation capacity factor */
  perEval: boolean;
  format: MetricFormat;
  /** the value of one run, at the evaluation axis's index `e` where the metric is per evaluation */
  read: (result: JobResult, e: number) => number;
}

export const SWEEP_METRICS = [
  { id: 'loss', better: 'lower', perEval: true, format: 'number', read: (r, e) => r.heldOut[e]?.loss ?? NaN },
  { id: 'accuracy', better: 'higher', perEval: true, format: 'percent', read: (r, e) => r.heldOut[e]?.accuracy ?? NaN },
  /** tokens dropped at evaluation, where the evaluation capacity factor matters */
  { id: 'eval-drop', better: 'lower', perEval: true, format: 'percent', read: (r, e) => r.heldOut[e]?.dropRate ?? NaN },
  /** tokens dropped in training (the mean over the last tenth of the steps) */
  { id: 'drop', better: 'lower', perEval: false, format: 'percent', read: (r) => r.train.dropRate },
  { id: 'balance', better: 'lower', perEval: false, format: 'number', read: (r) => r.train.balanceLoss },
  /** the router's entropy: higher spreads tokens more evenly */
  { id: 'entropy', better: 'higher', perEval: false, format: 'number', read: (r) => r.train.entropy },
  /** the busiest expert's choices over the mean expert's: 1 is even, E is collapse onto one */
  { id: 'busiest', better: 'lower', perEval: false, format: 'ratio', read: (r) => r.train.busiest },
  { id: 'step-ms', better: 'lower', perEval: false, format: 'ms', read: (r) => r.train.stepMs },
] as const satisfies readonly SweepMetric[];

export type MetricId = (typeof SWEEP_METRICS)[number]['id'];
export const METRIC_IDS = SWEEP_METRICS.map((m) => m.id) as MetricId[];
export const isMetricId = (id: string): id is MetricId => (METRIC_IDS as string[]).includes(id);

export function metricOf(id: MetricId): SweepMetric {
  return SWEEP_METRICS.find((m) => m.id === id)!;
}

/** A metric's value as the table and heatmap write it (no unit words: those are the label's). */
export function formatMetric(id: MetricId, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  switch (metricOf(id).format) {
    case 'percent':
      return `${(value * 100).toFixed(Math.abs(value) < 0.1 ? 2 : 1)}%`;
    case 'ratio':
      return `${value.toFixed(2)}×`;
    case 'ms':
      return value >= 100 ? value.toFixed(0) : value.toFixed(1);
    case 'number':
      return Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(3);
  }
}
