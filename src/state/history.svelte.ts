// The run's metric history on the page: the current run's rows (a RunSeries, runSeries.ts) from the
// snapshots' history rows and the held-out evaluations, plus the previous run (the "ghost") kept for
// comparison after a reset or a settings change; and the views' helpers that read a run (decimate,
// shareGrid). Runs grow in place; `version` tells views that one changed.

import type { Snapshot } from '../worker/protocol';
import { METRICS, MAX_ROWS, RunSeries, rowLimit, type Evaluation, type Metric } from './runSeries';

export { METRICS, MAX_ROWS, RunSeries, rowLimit, type Evaluation, type Metric } from './runSeries';

export class RunHistory {
  /** bumped on every change, so views that read the history re-render */
  version = $state(0);
  #run: RunSeries | null = null;
  #ghost: RunSeries | null = null;

  constructor(readonly maxRows = MAX_ROWS) {}

  /** The current run (null before the first snapshot). */
  get run(): RunSeries | null {
    void this.version;
    return this.#run;
  }
  /** The previous run, drawn faintly for comparison; only one is kept. */
  get ghost(): RunSeries | null {
    void this.version;
    return this.#ghost;
  }
  /** experts of the current run (its kept columns); 0 before the first snapshot */
  get E(): number {
    return this.run?.E ?? 0;
  }
  get length(): number {
    return this.run?.length ?? 0;
  }
  get lastStep(): number {
    return this.run?.lastStep ?? -Infinity;
  }
  get steps(): Int32Array {
    return this.run?.steps ?? new Int32Array(0);
  }
  series(m: Metric): Float32Array {
    return this.run?.series(m) ?? new Float32Array(0);
  }
  get evaluations(): readonly Evaluation[] {
    return this.run?.evaluations ?? [];
  }

  /**
   * Takes a snapshot's new rows (rows at or before the last step are ignored, so a duplicated
   * snapshot is harmless) and its evaluation. A different E, or a snapshot older than the last
   * step (the worker rebuilt the model and counts from the start again), begins a new run and
   * archives the old one.
   */
  add(snapshot: Snapshot): void {
    const run = this.#run;
    if (run && run.length && (snapshot.E !== run.E || snapshot.step < run.lastStep)) this.#archive();
    if (!this.#run || this.#run.E !== snapshot.E) this.#run = new RunSeries(snapshot.E, rowLimit(snapshot.E, this.maxRows));
    const taken = this.#run.append(snapshot.history);
    const evaluated = snapshot.evaluation ? this.#run.addEvaluation(snapshot.evaluation) : false;
    if (taken || evaluated || run !== this.#run) this.version++;
  }

  /** Forgets the current run and the ghost. */
  clear(): void {
    this.#run = null;
    this.#ghost = null;
    this.version++;
  }

  /** Puts back a ghost kept earlier (the tour gives the visitor theirs back, not its last stop's). */
  restoreGhost(ghost: RunSeries | null): void {
    this.#ghost = ghost;
    this.version++;
  }

  /** Moves the current run to the ghost (an empty run leaves the ghost as it was). */
  archive(): void {
    if (this.#archive()) this.version++;
  }

  #archive(): boolean {
    if (!this.#run?.length) return false;
    this.#ghost = this.#run;
    this.#run = null;
    return true;
  }

  /** The current run as columns for export: one row per recorded step, held-out values at their step. */
  columns(): Record<string, ArrayLike<number>> {
    const run = this.run;
    if (!run) return { step: [] };
    const steps = run.steps;
    const heldLoss = new Float32Array(steps.length).fill(NaN);
    const heldAcc = new Float32Array(steps.length).fill(NaN);
    for (const e of run.evaluations) {
      const i = run.nearest(e.step);
      if (i >= 0 && steps[i] === e.step) {
        heldLoss[i] = e.taskLoss;
        heldAcc[i] = e.accuracy;
      }
    }
    const out: Record<string, ArrayLike<number>> = { step: steps };
    for (const m of METRICS) out[m] = run.series(m);
    out.heldOutLoss = heldLoss;
    out.heldOutAccuracy = heldAcc;
    return out;
  }
}

/**
 * At most ~maxPoints points of a line for drawing: all of them when few, else the min and the max
 * of each bucket of rows, in row order (so spikes survive). A bucket with no finite value is one
 * NaN point: a gap in the line.
 */
export function decimate(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): [number, number][] {
  const n = Math.min(x.length, y.length);
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => [x[i], y[i]]);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const out: [number, number][] = [];
  for (let b = 0; b < buckets; b++) {
    const i0 = Math.floor((b * n) / buckets);
    const i1 = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = i0; i < i1; i++) {
      if (!Number.isFinite(y[i])) continue;
      if (lo < 0 || y[i] < y[lo]) lo = i;
      if (hi < 0 || y[i] > y[hi]) hi = i;
    }
    if (lo < 0) out.push([x[i0], NaN]);
    else if (lo === hi) out.push([x[lo], y[lo]]);
    else for (const i of lo < hi ? [lo, hi] : [hi, lo]) out.push([x[i], y[i]]);
  }
  return out;
}

export interface ShareGrid {
  cols: number;
  rows: number;
  /** experts per row (the last row may hold fewer) */
  group: number;
  /** [rows*cols] row-major: the mean share of kept choices of the row's experts over the column's steps; the ideal is 1/E */
  share: Float32Array;
  /** the first step the grid covers, and the steps per column */
  from: number;
  stepsPerCol: number;
}

/**
 * Expert × step shares bucketed to at most `cols` columns (by step, so thinned old rows keep their
 * place; an empty column repeats the one before) and rows of `group` experts. Counts are summed
 * over a bucket before dividing, so a column's share is the share of all its kept choices.
 */
export function shareGrid(run: RunSeries, maxCols: number, group: number): ShareGrid {
  const E = run.E;
  const steps = run.steps;
  const rows = Math.ceil(E / group);
  if (!steps.length) return { cols: 0, rows, group, share: new Float32Array(0), from: 0, stepsPerCol: 1 };
  const from = steps[0];
  const span = steps[steps.length - 1] - from + 1;
  const cols = Math.max(1, Math.min(Math.floor(maxCols), span));
  const stepsPerCol = span / cols;
  const counts = new Float64Array(rows * cols);
  const totals = new Float64Array(cols);
  const hits = new Int32Array(cols);
  for (let i = 0; i < steps.length; i++) {
    const c = Math.min(cols - 1, Math.floor((steps[i] - from) / stepsPerCol));
    hits[c]++;
    const kept = run.keptAt(i);
    for (let e = 0; e < E; e++) {
      counts[Math.floor(e / group) * cols + c] += kept[e];
      totals[c] += kept[e];
    }
  }
  const share = new Float32Array(rows * cols);
  let filled = -1;
  for (let c = 0; c < cols; c++) {
    const empty = hits[c] === 0;
    for (let r = 0; r < rows; r++) {
      const size = Math.min(group, E - r * group);
      share[r * cols + c] = empty && filled >= 0 ? share[r * cols + filled] : totals[c] ? counts[r * cols + c] / totals[c] / size : 0;
    }
    if (!empty) filled = c;
  }
  return { cols, rows, group, share, from, stepsPerCol };
}
