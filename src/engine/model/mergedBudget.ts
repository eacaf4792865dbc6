// The step budget's share of expert merging (SMEAR, Lory; mergedExperts.ts): each group of tokens
// that shares one merged expert builds it from all E experts' weights, G·E·(2dh + h + d)
// multiply-adds, and holds it; the merged expert then runs once per token, like one expert slot.

import type { MoeConfig } from './config';
import { traitsOf } from '../routing/traits';

/** Tokens per group that shares one merged expert: seqLen (SMEAR) or segmentLen (Lory); 0 if the layer does not merge. */
export function mergeGroupLen(c: MoeConfig): number {
  const { mergeGroup } = traitsOf(c.scheme);
  if (!mergeGroup) return 0;
  return Math.max(1, mergeGroup === 'segment' ? c.segmentLen : c.seqLen);
}

/** Groups of a batch of T tokens (the last may be short); 0 if the layer does not merge. */
export function mergedGroups(c: MoeConfig, T: number): number {
  const len = mergeGroupLen(c);
  return len === 0 ? 0 : Math.ceil(T / len);
}

/** Weights of one expert (w1, b1, w2, b2): what each group's merged copy holds. */
const expertSize = (d: number, h: number) => 2 * d * h + h + d;

/** Multiply-adds of building the merged experts: every group's weighted sum over the E experts. */
export function mergeWork(c: MoeConfig, T: number, E: number, d: number, h: number): number {
  return mergedGroups(c, T) * E * expertSize(d, h);
}

/**
 * float32 units the merged experts take: each group's copy (forward), and with the backward pass
 * its gradient and the gradient's product with the merge weights; plus the [G, E] weights.
 */
export function mergeFloats(c: MoeConfig, T: number, E: number, d: number, h: number, backward: boolean): number {
  const G = mergedGroups(c, T);
  return G * (expertSize(d, h) * (backward ? 3 : 1) + 4 * E);
}
