// Utilisation over time: one layer's choices per expert in time buckets, by step where the trace
// has steps (its tokens' `step`, or its counts records' steps) and by token position otherwise
// (consecutive tokens in file order). At most `maxCols` buckets, each covering the same number of
// steps (or tokens), so a long trace draws in a few hundred columns whatever its length.

import { memo } from './memo';
import { hasTokenLayers } from './stats';
import type { Trace } from './types';

export const MAX_TIME_BUCKETS = 200;

export interface UtilisationGrid {
  E: number;
  cols: number;
  /** what the columns count: steps, or token positions */
  by: 'step' | 'token';
  /** [cols] the first and last step (or token position) each column covers */
  from: Float64Array;
  to: Float64Array;
  /** [E*cols] expert-major: choices of expert e in column c at e·cols + c */
  counts: Float64Array;
  /** [cols] all choices in the column (0: no step fell in it) */
  total: Float64Array;
}

interface Buckets {
  cols: number;
  per: number;
  min: number;
}

/** Equal buckets of `per` integers over min..max, at most maxCols of them. */
function bucketsOver(min: number, max: number, maxCols: number): Buckets {
  const span = max - min + 1;
  const per = Math.max(1, Math.ceil(span / maxCols));
  return { cols: Math.max(1, Math.ceil(span / per)), per, min };
}

function emptyGrid(E: number, by: UtilisationGrid['by'], b: Buckets, last: number): UtilisationGrid {
  const from = new Float64Array(b.cols);
  const to = new Float64Array(b.cols);
  for (let c = 0; c < b.cols; c++) {
    from[c] = b.min + c * b.per;
    to[c] = Math.min(last, from[c] + b.per - 1);
  }
  return { E, cols: b.cols, by, from, to, counts: new Float64Array(E * b.cols), total: new Float64Array(b.cols) };
}

function extent(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return [min, max];
}

/** The layer's choices per expert over time buckets; null for a layer with nothing to bucket. */
export function utilisationGrid(trace: Trace, layer: number, maxCols = MAX_TIME_BUCKETS): UtilisationGrid | null {
  return memo(trace, `utilisation ${layer} ${maxCols}`, () =>
    hasTokenLayers(trace) ? tokenGrid(trace, layer, maxCols) : countsGrid(trace, layer, maxCols),
  );
}

function tokenGrid(trace: Trace, layer: number, maxCols: number): UtilisationGrid | null {
  const l = trace.layers[layer];
  if (!l || l.T === 0) return null;
  const { E, k, T, experts, step } = l;
  const [min, max] = step ? extent(step) : [0, T - 1];
  const b = bucketsOver(min, max, maxCols);
  const grid = emptyGrid(E, step ? 'step' : 'token', b, max);
  const { counts, total, cols } = grid;
  for (let t = 0; t < T; t++) {
    const c = Math.floor(((step ? step[t] : t) - min) / b.per);
    for (let s = t * k; s < (t + 1) * k; s++) {
      const e = experts[s];
      if (e < 0 || e >= E) continue;
      counts[e * cols + c]++;
      total[c]++;
    }
  }
  return grid;
}

function countsGrid(trace: Trace, layer: number, maxCols: number): UtilisationGrid | null {
  const records = (trace.counts ?? []).filter((r) => r.layer === layer && r.steps.length > 0);
  if (!records.length) return null;
  const E = records[0].E;
  let min = Infinity;
  let max = -Infinity;
  for (const r of records) {
    const [lo, hi] = extent(r.steps);
    min = Math.min(min, lo);
    max = Math.max(max, hi);
  }
  const b = bucketsOver(min, max, maxCols);
  const grid = emptyGrid(E, 'step', b, max);
  const { counts, total, cols } = grid;
  for (const r of records) {
    if (r.E !== E) continue;
    for (let i = 0; i < r.steps.length; i++) {
      const c = Math.floor((r.steps[i] - min) / b.per);
      for (let e = 0; e < E; e++) {
        const v = r.counts[i * E + e];
        counts[e * cols + c] += v;
        total[c] += v;
      }
    }
  }
  return grid;
}

/** [E] the choices per expert in column c. */
export function loadAt(grid: UtilisationGrid, c: number): Float64Array {
  const load = new Float64Array(grid.E);
  for (let e = 0; e < grid.E; e++) load[e] = grid.counts[e * grid.cols + c];
  return load;
}
