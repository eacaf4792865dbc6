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

/**
 * Writes k distinct experts of [start, start + size) into experts[off …], drawn from a hash chain
 * starting at h (each draw the hash of the previous one); taken must be clear over the range.
 * The guard only matters if the chain cycled through a small set, which then fills in index order.
 */
export function distinctByHash(h: number, start: number, size: number, k: number, experts: Int32Array, off: number, taken: Uint8Array): void {
  let filled = 0;
  for (let draws = 0; filled < k && draws < 64 * size; draws++, h = splitmix32(h)) {
    const e = start + (h % size);
    if (!taken[e]) {
      taken[e] = 1;
      experts[off + filled++] = e;
    }
  }
  for (let e = start; filled < k; e++) if (!taken[e]) experts[off + filled++] = e;
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
    distinctByHash(splitmix32(tokenIds[t] ^ seed), 0, E, k, experts, off, taken);
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
