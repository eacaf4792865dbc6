// Numbers the cluster views share: a placement's balancedness (the engine's) and how loads and
// shares are written.

/** A placement's balancedness (mean / max GPU load), as the engine defines it. */
export { balancedness } from '../../engine/placement';

/** The largest value, at least `floor` (a loop: spreading 262,144 matrix cells into Math.max overflows the stack). */
export function largest(values: ArrayLike<number>, floor = 1e-9): number {
  let max = floor;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/** 0.6667 → "67%"; the space-free form reads the same in English and Chinese. */
export const percent = (share: number, digits = 0) => `${(share * 100).toFixed(digits)}%`;

/** A load as three significant digits at most, whole numbers as they are: 12, 3.14, 1234. */
export const formatLoad = (v: number) => (Number.isInteger(v) || Math.abs(v) >= 100 ? String(Math.round(v)) : String(+v.toPrecision(3)));

/** The GPUs of each node, as index lists: [[0, 1], [2, 3]] for 2 nodes × 2 GPUs. */
export function gpusByNode(gpus: number, gpusPerNode: number): number[][] {
  const per = Math.max(1, gpusPerNode);
  return Array.from({ length: Math.ceil(gpus / per) }, (_, n) => Array.from({ length: Math.min(per, gpus - n * per) }, (_, i) => n * per + i));
}
