// One run's metric rows: every recorded step's metrics and kept counts per expert in growable typed
// arrays, plus its held-out evaluations. Memory stays bounded: past the row limit the older half is
// thinned to every other row, so recent steps stay exact and old ones grow sparser. Plain (no runes):
// RunHistory (history.svelte.ts) owns the runs and bumps its version when one changes.

import { HISTORY_METRICS, type EvalResult, type HistoryMetric, type HistoryRows } from '../worker/protocol';

/** The metrics a run records at every step: those the worker's history rows carry. */
export const METRICS = HISTORY_METRICS;
export type Metric = HistoryMetric;

/** Rows kept per run before thinning; fewer for a large E, so kept counts stay ≤ 4M per run. */
export const MAX_ROWS = 20_000;
const MAX_KEPT_CELLS = 1 << 22;
const MAX_EVALS = 2_000;

export function rowLimit(E: number, maxRows = MAX_ROWS): number {
  return Math.max(2_000, Math.min(maxRows, Math.floor(MAX_KEPT_CELLS / Math.max(1, E))));
}

export type Evaluation = Omit<EvalResult, 'capacityFactor'>;

/** One run's rows. Plain (not reactive): RunHistory bumps its version when a run changes. */
export class RunSeries {
  #n = 0;
  #step: Int32Array;
  #metrics: Record<Metric, Float32Array>;
  #kept: Int32Array;
  #evals: Evaluation[] = [];

  constructor(
    readonly E: number,
    readonly maxRows = rowLimit(E),
  ) {
    const cap = Math.min(1024, maxRows);
    this.#step = new Int32Array(cap);
    this.#metrics = Object.fromEntries(METRICS.map((m) => [m, new Float32Array(cap)])) as Record<Metric, Float32Array>;
    this.#kept = new Int32Array(cap * E);
  }

  get length(): number {
    return this.#n;
  }
  /** the last step recorded; -Infinity when empty */
  get lastStep(): number {
    return this.#n ? this.#step[this.#n - 1] : -Infinity;
  }
  get steps(): Int32Array {
    return this.#step.subarray(0, this.#n);
  }
  series(m: Metric): Float32Array {
    return this.#metrics[m].subarray(0, this.#n);
  }
  /** [length*E] kept choices per expert at each recorded step */
  get kept(): Int32Array {
    return this.#kept.subarray(0, this.#n * this.E);
  }
  /** [E] kept choices per expert at row i */
  keptAt(i: number): Int32Array {
    return this.#kept.subarray(i * this.E, (i + 1) * this.E);
  }
  get evaluations(): readonly Evaluation[] {
    return this.#evals;
  }

  /** The row whose step is nearest to `step` (ties to the earlier); -1 when empty. */
  nearest(step: number): number {
    const s = this.steps;
    if (!s.length) return -1;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid] < step) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && step - s[lo - 1] <= s[lo] - step ? lo - 1 : lo;
  }

  /** Appends the rows newer than the last step; returns how many were taken. */
  append(rows: HistoryRows): number {
    let taken = 0;
    for (let i = 0; i < rows.step.length; i++) {
      if (rows.step[i] <= this.lastStep) continue;
      if (this.#n === this.maxRows) this.#thin();
      if (this.#n === this.#step.length) this.#grow();
      const n = this.#n;
      this.#step[n] = rows.step[i];
      for (const m of METRICS) this.#metrics[m][n] = rows[m][i];
      this.#kept.set(rows.kept.subarray(i * this.E, (i + 1) * this.E), n * this.E);
      this.#n++;
      taken++;
    }
    return taken;
  }

  addEvaluation(e: EvalResult): boolean {
    const last = this.#evals.at(-1);
    if (last && e.step <= last.step) return false;
    if (this.#evals.length >= MAX_EVALS) this.#evals = thinOlderHalf(this.#evals);
    this.#evals.push({ step: e.step, taskLoss: e.taskLoss, accuracy: e.accuracy, dropRate: e.dropRate });
    return true;
  }

  #grow(): void {
    const cap = Math.min(this.maxRows, this.#step.length * 2);
    const step = new Int32Array(cap);
    step.set(this.steps);
    this.#step = step;
    for (const m of METRICS) {
      const a = new Float32Array(cap);
      a.set(this.series(m));
      this.#metrics[m] = a;
    }
    const kept = new Int32Array(cap * this.E);
    kept.set(this.kept);
    this.#kept = kept;
  }

  // keep every other row of the older half (row 0 included) and all of the newer half, in place
  #thin(): void {
    const half = this.#n >> 1;
    let w = 0;
    for (let r = 0; r < this.#n; r++) {
      if (r < half && r % 2 === 1) continue;
      if (w !== r) {
        this.#step[w] = this.#step[r];
        for (const m of METRICS) this.#metrics[m][w] = this.#metrics[m][r];
        this.#kept.copyWithin(w * this.E, r * this.E, (r + 1) * this.E);
      }
      w++;
    }
    this.#n = w;
  }
}

function thinOlderHalf<T>(rows: T[]): T[] {
  const half = rows.length >> 1;
  return rows.filter((_, i) => i >= half || i % 2 === 0);
}
