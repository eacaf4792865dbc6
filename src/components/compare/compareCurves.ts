// The compare chart's reading of two runs: each arm's value at a step, B − A, and a few rows for
// the chart's table (what a screen reader reads instead of the lines).

import type { RunSeries } from '../../state/history.svelte';

export interface ArmValue {
  /** the step of the row read (the nearest the run recorded) */
  step: number;
  value: number;
}

/** An arm's training task loss at the recorded row nearest `step`; null when it has none. */
export function valueNear(run: RunSeries | null, step: number): ArmValue | null {
  if (!run?.length) return null;
  const i = run.nearest(step);
  return i < 0 ? null : { step: run.steps[i], value: run.series('taskLoss')[i] };
}

/** The latest held-out evaluation at or before `step`. */
export function heldOutAt(run: RunSeries | null, step: number): ArmValue | null {
  const evals = run?.evaluations ?? [];
  for (let j = evals.length - 1; j >= 0; j--) if (evals[j].step <= step) return { step: evals[j].step, value: evals[j].taskLoss };
  return null;
}

/** A loss as the chart writes it: three significant figures, a dash when not finite. */
export function formatLoss(v: number | undefined, none = '–'): string {
  return v === undefined || !Number.isFinite(v) ? none : String(+v.toPrecision(3));
}

/** B − A with its sign (a minus, not a hyphen); a dash when either is missing. */
export function formatDiff(a: number | undefined, b: number | undefined, none = '–'): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return none;
  const d = +(b - a).toPrecision(3);
  return d > 0 ? `+${d}` : d < 0 ? `−${Math.abs(d)}` : '0';
}

export interface TableRow {
  step: number;
  a?: number;
  b?: number;
}

/** About `rows` steps spread over both runs (the last always among them), each arm's loss at each. */
export function tableRows(runA: RunSeries | null, runB: RunSeries | null, rows: number): TableRow[] {
  const last = Math.max(runA?.lastStep ?? -Infinity, runB?.lastStep ?? -Infinity);
  const first = Math.min(runA?.length ? runA.steps[0] : Infinity, runB?.length ? runB.steps[0] : Infinity);
  if (!Number.isFinite(last) || !Number.isFinite(first)) return [];
  const count = Math.max(1, Math.min(rows, last - first + 1));
  const steps = Array.from({ length: count }, (_, i) => (count === 1 ? last : Math.round(first + ((last - first) * i) / (count - 1))));
  const exact = (run: RunSeries | null, step: number) => {
    const v = valueNear(run, step);
    return v && v.step === step ? v.value : undefined;
  };
  return [...new Set(steps)].map((step) => ({ step, a: exact(runA, step), b: exact(runB, step) }));
}
