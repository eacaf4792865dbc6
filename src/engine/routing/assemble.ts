// The last step every scheme shares: per-expert counts and the dense combine matrix.

import type { Routing, Scheme } from './types';

export interface Slots {
  k: number;
  experts: Int32Array;
  weights: Float32Array;
  dropped: Uint8Array;
}

export function assemble(
  scheme: Scheme,
  T: number,
  E: number,
  probs: Float32Array,
  slots: Slots,
  capacity: number | null,
): Routing {
  const { k, experts, weights, dropped } = slots;
  const load = new Int32Array(E);
  const kept = new Int32Array(E);
  const combine = new Float32Array(T * E);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < k; j++) {
      const i = t * k + j;
      const e = experts[i];
      if (e < 0) continue;
      load[e]++;
      if (dropped[i]) continue;
      kept[e]++;
      combine[t * E + e] = weights[i];
    }
  }
  return { scheme, T, E, k, probs, experts, weights, dropped, capacity, load, kept, combine };
}
