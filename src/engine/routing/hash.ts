// Hash routing (Roller et al. 2021): a fixed, learning-free assignment, the baseline to beat.

import type { SelectSlots } from './perToken';
import { softmaxRows } from './scores';
import { sortSlotsByWeight } from './topk';
import { checkLength, fail } from './validate';

/** splitmix32: a bijection on 32-bit integers with good avalanche; returns an unsigned int. */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

export function hashSlots(
  tokenIds: Int32Array,
  seed: number,
  T: number,
  E: number,
  k: number,
): { experts: Int32Array; weights: Float32Array } {
  const experts = new Int32Array(T * k);
  const weights = new Float32Array(T * k).fill(1 / k);
  const taken = new Uint8Array(E);
  for (let t = 0; t < T; t++) {
    const off = t * k;
    taken.fill(0);
    let h = splitmix32(tokenIds[t] ^ seed);
    let filled = 0;
    // keep drawing (hash of the previous draw) until k distinct experts; the guard only
    // matters if the hash chain cycled through a small set, which then fills in index order
    for (let draws = 0; filled < k && draws < 64 * E; draws++, h = splitmix32(h)) {
      const e = h % E;
      if (!taken[e]) {
        taken[e] = 1;
        experts[off + filled++] = e;
      }
    }
    for (let e = 0; filled < k; e++) if (!taken[e]) experts[off + filled++] = e;
    // equal weights: slot order falls to the tie rule, lower expert first
    sortSlotsByWeight(experts, weights, off, k);
  }
  return { experts, weights };
}

/** probs are the softmax of the logits, for the views: the router trains on nothing but the z-loss. */
export const hashSelect: SelectSlots = (logits, T, E, spec, probs) => {
  if (!spec.tokenIds) fail('hash routing needs tokenIds ([T] token ids)');
  checkLength(spec.tokenIds, 'tokenIds', T, 'T');
  const seed = spec.seed ?? 0;
  if (!Number.isInteger(seed)) fail(`seed must be an integer, got ${seed}`);
  softmaxRows(logits, T, E, probs);
  return hashSlots(spec.tokenIds, seed, T, E, spec.k);
};
