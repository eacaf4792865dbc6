// Expert merging: one expert per group of tokens, merged from all E experts' weights.
// SMEAR (Muqeeth et al. 2023, arXiv 2306.03745): a group is a sequence of seqLen tokens; its
// merge weights are the router's softmax over E of the group's average representation. The lab's
// router is linear (logits = x·W), so the router of the mean representation is the mean of the
// tokens' logits: the weights are the softmax of the group's mean logits.
// Lory (Zhong et al. 2024, arXiv 2405.03133, §3.2 "causal segment routing"): a group is a segment
// of segmentLen tokens inside a sequence; segment s is merged with the weights computed from
// segment s − 1 of the same sequence, so a segment's expert depends only on earlier tokens. The
// first segment of a sequence has no previous one: it uses its own weights, with the gradient to
// the router stopped (the layer's twin does that), as the paper does (and as the prompt's routing
// is used for the generated segment at inference).
// A last group shorter than groupLen (T not a multiple) averages the tokens it has.

import { assemble } from './assemble';
import { exp } from './exp';
import { softmaxRows } from './scores';
import { sortSlotsByWeight } from './topk';
import type { RouterOptions, RoutingResult } from './contract';
import { fail } from './validate';

/** Tokens per group, and how many groups T tokens make (the last may be short). */
export function groupsOf(T: number, groupLen: number): { G: number; groupLen: number } {
  if (!Number.isInteger(groupLen) || groupLen < 1) fail(`group length must be a positive integer, got ${groupLen}`);
  return { G: Math.ceil(T / groupLen), groupLen };
}

/** [G*E] mean of each group's token logits, in float64. */
export function groupMeanLogits(logits: Float32Array, T: number, E: number, groupLen: number): Float64Array {
  const { G } = groupsOf(T, groupLen);
  const mean = new Float64Array(G * E);
  for (let g = 0; g < G; g++) {
    const start = g * groupLen;
    const end = Math.min(T, start + groupLen);
    for (let t = start; t < end; t++) for (let e = 0; e < E; e++) mean[g * E + e] += logits[t * E + e];
    for (let e = 0; e < E; e++) mean[g * E + e] /= end - start;
  }
  return mean;
}

function softmaxGroups(mean: Float64Array, G: number, E: number): Float32Array {
  const out = new Float32Array(G * E);
  for (let g = 0; g < G; g++) {
    let max = -Infinity;
    for (let e = 0; e < E; e++) max = Math.max(max, mean[g * E + e]);
    let sum = 0;
    for (let e = 0; e < E; e++) sum += exp(mean[g * E + e] - max);
    for (let e = 0; e < E; e++) out[g * E + e] = exp(mean[g * E + e] - max) / sum;
  }
  return out;
}

/**
 * Lory's source of each segment's weights: the previous segment of its sequence, or itself where
 * it opens its sequence (the first segment, whose gradient to the router is stopped).
 */
function lorySource(g: number, segmentLen: number, seqLen: number): number {
  return (g * segmentLen) % seqLen === 0 ? g : g - 1;
}

function seqLenOf(spec: RouterOptions): number {
  const L = spec.seqLen ?? 1;
  if (!Number.isInteger(L) || L < 1) fail(`seqLen must be a positive integer, got ${L}`);
  return L;
}

export function routeSmear(logits: Float32Array, T: number, E: number, spec: RouterOptions): RoutingResult {
  const L = seqLenOf(spec);
  const { G } = groupsOf(T, L);
  const from = Int32Array.from({ length: G }, (_, g) => g);
  return merged(logits, T, E, L, softmaxGroups(groupMeanLogits(logits, T, E, L), G, E), from);
}

export function routeLory(logits: Float32Array, T: number, E: number, spec: RouterOptions): RoutingResult {
  const L = seqLenOf(spec);
  const S = spec.segmentLen ?? L;
  if (!Number.isInteger(S) || S < 1 || L % S !== 0) fail(`segmentLen must be a positive divisor of seqLen (${L}), got ${S}`);
  const { G } = groupsOf(T, S);
  const own = softmaxGroups(groupMeanLogits(logits, T, E, S), G, E);
  const weights = new Float32Array(G * E);
  const from = new Int32Array(G);
  for (let g = 0; g < G; g++) {
    const src = lorySource(g, S, L);
    weights.set(own.subarray(src * E, (src + 1) * E), g * E);
    from[g] = src === g ? -1 : src;
  }
  return merged(logits, T, E, S, weights, from);
}

/**
 * Every token gets all E experts, by its group's merge weight (k = E, slots by descending
 * weight), so the per-token views draw the merge. Load and kept count the slots as for every
 * scheme: T for each expert, since every token's merged expert is made of every expert's
 * weights (the load view shows the mean merge weight instead). Merging computes one merged
 * expert per group whatever the weights, so nothing is dropped and there is no capacity.
 */
function merged(
  logits: Float32Array,
  T: number,
  E: number,
  groupLen: number,
  weights: Float32Array,
  from: Int32Array,
): RoutingResult {
  const experts = new Int32Array(T * E);
  const slotWeights = new Float32Array(T * E);
  for (let t = 0; t < T; t++) {
    const g = Math.floor(t / groupLen);
    for (let e = 0; e < E; e++) {
      experts[t * E + e] = e;
      slotWeights[t * E + e] = weights[g * E + e];
    }
    sortSlotsByWeight(experts, slotWeights, t * E, E);
  }
  const probs = softmaxRows(logits, T, E, new Float32Array(T * E));
  const routing = assemble(T, E, probs, { k: E, experts, weights: slotWeights, dropped: new Uint8Array(T * E) }, null);
  routing.merge = { weights, groupLen, from };
  return routing;
}
