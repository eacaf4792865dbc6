// Mini-batches are drawn with replacement, so a step's batch size T is free of the split size N.

/** Draw T example indices of a split for one training step: seeded, with replacement, uniform. */
export function sampleIndices(n: number, T: number, rand: () => number): Int32Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`sampleIndices: n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(T) || T < 0) throw new RangeError(`sampleIndices: T must be an integer ≥ 0, got ${T}`);
  const out = new Int32Array(T);
  // min() guards a generator that returns exactly 1
  for (let i = 0; i < T; i++) out[i] = Math.min(n - 1, Math.floor(rand() * n));
  return out;
}
