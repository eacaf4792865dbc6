// Numbers the views need from one routing, computed from plain arrays.

import { balanceLossDefined, loadBalanceLoss, routerEntropy, sigmoidScores, zLoss } from './lossValues';
import type { Routing } from '../routing/types';

export interface RoutingMetrics {
  /** NaN where not defined (expert choice, soft) */
  balanceLoss: number;
  zLoss: number;
  dropRate: number;
  entropy: number;
}

/** How many slots in [from, to) hold a choice (an expert, not a -1 pad), and how many of those were dropped. */
export function countChoices(
  experts: ArrayLike<number>,
  dropped: ArrayLike<number>,
  from = 0,
  to = experts.length,
): { choices: number; dropped: number } {
  let choices = 0;
  let lost = 0;
  for (let i = from; i < to; i++) {
    if (experts[i] < 0) continue;
    choices++;
    lost += dropped[i];
  }
  return { choices, dropped: lost };
}

/**
 * Mean entropy of softmax rows, from the scores and their logits with one log per token:
 * H = lse − Σ p·x, and lse = x_j − log p_j for any j (the largest p is the most precise).
 * Equal to routerEntropy for softmax scores, without T·E logarithms.
 */
export function softmaxEntropy(probs: Float32Array, logits: Float32Array, T: number, E: number): number {
  let total = 0;
  for (let t = 0, o = 0; t < T; t++, o += E) {
    let best = o;
    let px = 0;
    for (let e = o; e < o + E; e++) {
      if (probs[e] > probs[best]) best = e;
      px += probs[e] * logits[e];
    }
    total += logits[best] - Math.log(probs[best]) - px;
  }
  return total / T;
}

/**
 * `known` takes the losses the layer already computed from the same logits, and the entropy of
 * softmax scores it computed in the same pass (routerLoss.ts; the trainer passes them),
 * so a step does not go over all T·E scores again.
 */
export function routingMetrics(
  r: Routing,
  logits: Float32Array,
  known: { balance?: number; z?: number; entropy?: number } = {},
): RoutingMetrics {
  const { choices, dropped } = countChoices(r.experts, r.dropped);
  return {
    balanceLoss: !balanceLossDefined(r) ? NaN : Number.isFinite(known.balance) ? known.balance! : loadBalanceLoss(r),
    zLoss: Number.isFinite(known.z) ? known.z! : zLoss(logits, r.T, r.E),
    dropRate: choices ? dropped / choices : 0,
    entropy:
      // sigmoid scores are not a softmax of the logits: the entropy of their per-token normalisation
      sigmoidScores(r)
        ? routerEntropy(r)
        : Number.isFinite(known.entropy)
          ? known.entropy!
          : softmaxEntropy(r.probs, logits, r.T, r.E),
  };
}

/** Adds each kept choice of r to counts[domain*E + expert]. */
export function addDomainCounts(counts: Float64Array, r: Routing, domain: Uint8Array): void {
  // MH-MoE routes H sub-tokens per token: row ⌊i/k⌋ is a sub-token of token ⌊row/H⌋
  const H = r.T / domain.length;
  for (let i = 0; i < r.experts.length; i++) {
    const e = r.experts[i];
    if (e < 0 || r.dropped[i]) continue;
    counts[domain[Math.floor(((i / r.k) | 0) / H)] * r.E + e]++;
  }
}

/** Each row of a [domains*E] count matrix divided by its sum (a row of zeros stays zeros). */
export function rowShares(counts: Float64Array, domains: number, E: number): Float32Array {
  const share = new Float32Array(domains * E);
  for (let g = 0; g < domains; g++) {
    let total = 0;
    for (let e = 0; e < E; e++) total += counts[g * E + e];
    if (total > 0) for (let e = 0; e < E; e++) share[g * E + e] = counts[g * E + e] / total;
  }
  return share;
}

/**
 * Share of each domain's kept choices that went to each expert: [domains*E], rows sum to 1
 * (or 0 for a domain absent from the batch). "Code goes to experts 3 and 7" reads off a row.
 */
export function domainExpertShare(r: Routing, domain: Uint8Array, domains: number): Float32Array {
  const counts = new Float64Array(domains * r.E);
  addDomainCounts(counts, r, domain);
  return rowShares(counts, domains, r.E);
}
