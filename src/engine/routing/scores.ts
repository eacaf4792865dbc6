// Score functions over [T*E] logits. Every sum and exp runs in float64 locals; the row
// softmax uses exp.ts (the same bits in every engine, several times faster than Math.exp).

import { exp } from './exp';

/** Row-wise softmax over experts, in float64, into a new array of the given type. */
export function softmaxRows<A extends Float32Array | Float64Array>(
  logits: Float32Array,
  T: number,
  E: number,
  out: A,
): A {
  const row = new Float64Array(E);
  for (let t = 0, base = 0; t < T; t++, base += E) softmaxRowInto(logits, base, E, out, row);
  return out;
}

/**
 * Softmax of one row into out[base ..], one exp per entry (kept in the float64 scratch `row`);
 * returns log Σ exp of the row. A caller that already has the row's maximum passes it.
 */
export function softmaxRowInto(
  logits: Float32Array,
  base: number,
  E: number,
  out: Float32Array | Float64Array,
  row: Float64Array,
  rowMax?: number,
): number {
  let max = -Infinity;
  if (rowMax !== undefined) max = rowMax;
  else for (let e = 0; e < E; e++) if (logits[base + e] > max) max = logits[base + e];
  let sum = 0;
  for (let e = 0; e < E; e++) sum += row[e] = exp(logits[base + e] - max);
  const inv = 1 / sum;
  for (let e = 0; e < E; e++) out[base + e] = row[e] * inv;
  return max + Math.log(sum);
}

/** Column-wise softmax over tokens: Soft MoE's dispatch weights, one slot per expert. */
export function softmaxColumns(logits: Float32Array, T: number, E: number): Float32Array {
  const out = new Float32Array(T * E);
  const max = new Float64Array(E).fill(-Infinity);
  const sum = new Float64Array(E);
  const exps = new Float64Array(T * E);
  // row by row, so memory is read in order
  for (let i = 0; i < T * E; i++) if (logits[i] > max[i % E]) max[i % E] = logits[i];
  for (let i = 0; i < T * E; i++) sum[i % E] += exps[i] = exp(logits[i] - max[i % E]);
  for (let i = 0; i < T * E; i++) out[i] = exps[i] / sum[i % E];
  return out;
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));
}

/** log Σ exp over one row, stable. */
export function logSumExp(values: Float32Array, offset: number, n: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (values[offset + i] > max) max = values[offset + i];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += exp(values[offset + i] - max);
  return max + Math.log(sum);
}
