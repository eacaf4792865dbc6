// Numbers the cluster views share: a placement's balancedness and how loads and shares are written.

/**
 * Mean over max of the per-GPU loads (1 = every GPU equally busy; DeepSeek's EPLB reports this
 * ratio as "balancedness"). No load at all counts as balanced.
 */
export function balancedness(load: ArrayLike<number>): number {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < load.length; i++) {
    sum += load[i];
    max = Math.max(max, load[i]);
  }
  return max > 0 ? sum / load.length / max : 1;
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
