// Small helpers shared by the engine tests.

import type { Routing } from '../../src/engine/routing';

/** A row-major Float32Array from rows of numbers. */
export function rows(values: number[][]): Float32Array {
  return Float32Array.from(values.flat());
}

/** Per-token arrays of a [T*k] slot array, for readable expectations. */
export function perToken<T extends ArrayLike<number>>(arr: T, k: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < arr.length; i += k) out.push(Array.from(arr).slice(i, i + k));
  return out;
}

/** The dropped choices as 't{token}s{slot}' labels. */
export function droppedLabels(r: Routing): string[] {
  const out: string[] = [];
  r.dropped.forEach((d, i) => d && out.push(`t${Math.floor(i / r.k)}s${i % r.k}`));
  return out;
}

export const logit = (p: number) => Math.log(p / (1 - p));

export function rounded(arr: ArrayLike<number>, digits = 4): number[] {
  return Array.from(arr, (x) => Number(x.toFixed(digits)));
}
