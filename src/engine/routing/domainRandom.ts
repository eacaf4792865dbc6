// Domain-mapped random routing: PanGu-Σ's Random Routed Experts (Ren et al. 2023, arXiv
// 2303.10845; the MoE survey's fig. 4(c)). The experts are split into one contiguous group per
// domain; a token may use only its domain's group, and inside it a fixed random map of its token
// id (seeded like hash routing's) picks its k experts. Nothing is learned: a domain's experts can
// be taken out as a model of their own (PanGu-Σ's point), and the logits serve the views only.
//
// Groups when D does not divide E: group g is experts ⌊g·E/D⌋ .. ⌊(g+1)·E/D⌋ − 1, so the sizes are
// ⌊E/D⌋ or ⌈E/D⌉ and the larger ones fall where the rounding puts them (E = 10, D = 4: 2, 3, 2, 3).
// With fewer experts than domains (E < D) a group is the one expert ⌊g·E/D⌋, which several
// domains then share. k must fit the token's group (state/validate.ts lowers it to the smallest).

import type { SelectSlots } from './perToken';
import { distinctByHash, splitmix32 } from './hash';
import { softmaxRows } from './scores';
import { sortSlotsByWeight } from './topk';
import { checkLength, fail } from './validate';

/** The experts of domain g among D domains: [start, end). */
export function domainGroup(g: number, D: number, E: number): { start: number; end: number } {
  const start = Math.floor((g * E) / D);
  return { start, end: Math.max(start + 1, Math.floor(((g + 1) * E) / D)) };
}

/** The smallest group's size, the largest k every domain can take. */
export function smallestDomainGroup(D: number, E: number): number {
  return Math.max(1, Math.floor(E / D));
}

export function domainRandomSlots(
  tokenIds: Int32Array,
  domains: Uint8Array,
  D: number,
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
    const { start, end } = domainGroup(domains[t], D, E);
    const size = end - start;
    if (k > size) fail(`k = ${k} is more than domain ${domains[t]}'s ${size} experts (E = ${E}, ${D} domains)`);
    taken.fill(0, start, end);
    // the token's own draw, then the domain's: one token id maps differently in each domain;
    // then as in hash routing, k distinct experts of the group
    distinctByHash(splitmix32(splitmix32(tokenIds[t] ^ seed) ^ domains[t]), start, size, k, experts, off, taken);
    sortSlotsByWeight(experts, weights, off, k);
  }
  return { experts, weights };
}

/** probs are the softmax of the logits, for the views: the choices ignore them. */
export const domainRandomSelect: SelectSlots = (logits, T, E, spec, probs) => {
  if (!spec.tokenIds) fail('domain-random routing needs tokenIds ([T] token ids)');
  if (!spec.domains) fail('domain-random routing needs domains ([T] each token’s domain)');
  checkLength(spec.tokenIds, 'tokenIds', T, 'T');
  checkLength(spec.domains, 'domains', T, 'T');
  const D = spec.domainCount ?? 0;
  if (!Number.isInteger(D) || D < 1) fail(`domainCount must be a positive integer, got ${spec.domainCount}`);
  for (let t = 0; t < T; t++) if (spec.domains[t] >= D) fail(`domains[${t}] = ${spec.domains[t]} is not below domainCount ${D}`);
  const seed = spec.seed ?? 0;
  if (!Number.isInteger(seed)) fail(`seed must be an integer, got ${seed}`);
  softmaxRows(logits, T, E, probs);
  return domainRandomSlots(spec.tokenIds, spec.domains, D, seed, T, E, spec.k);
};
