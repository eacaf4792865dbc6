// What the token inspector explains about the routers that look past a token's own top-k:
// DeepSeek's group (device) limit, Sinkhorn's balanced scores (S-BASE) and BASE layers' prices.
// Derived from a snapshot's arrays alone (src/engine/routing: deepseek.ts, sinkhorn.ts, base.ts);
// the snapshot's settings (routedWith) come in as arguments. Pure: no DOM, no svelte.

import type { GroupScore } from '../engine/routing/contract';
import { groupScores } from '../engine/routing/deepseek';
import { rankedScores } from './inspect';

export interface GroupLimit {
  /** experts per group */
  size: number;
  /** the groups the token could use, best first */
  kept: number[];
  /** [groups] each group's score by the rule (scores + bias); absent without scores */
  scores?: number[];
  /** the token's best expert by the selection's ranking (score + bias), and its group */
  best?: { expert: number; group: number; excluded: boolean };
  /** the experts of its unlimited top k on excluded groups: the ones the limit kept out, best first */
  keptOut?: number[];
}

/** The t-th carried token's kept groups, best first: keptGroups holds the same count per token. */
function keptGroupsOf(keptGroups: Int32Array, shownT: number, token: number): number[] {
  const perToken = Math.max(1, Math.round(keptGroups.length / Math.max(1, shownT)));
  return Array.from(keptGroups.subarray(token * perToken, (token + 1) * perToken));
}

/**
 * The t-th carried token's group limit. The scores, when sent, give each group's score and the k
 * experts the token would have taken with no limit.
 */
export function groupLimit(
  keptGroups: Int32Array,
  shownT: number,
  token: number,
  E: number,
  k: number,
  groups: number,
  rule: GroupScore,
  probs?: Float32Array,
  bias?: Float32Array,
): GroupLimit {
  const kept = keptGroupsOf(keptGroups, shownT, token);
  const size = E / groups;
  if (!probs) return { size, kept };
  // the selection ranks score + bias, and so do the group scores (deepseek.ts)
  const ranking = Array.from({ length: E }, (_, e) => probs[token * E + e] + (bias ? bias[e] : 0));
  const scores = groupScores(ranking, groups, rule);
  const order = Array.from({ length: E }, (_, e) => e).sort((a, b) => ranking[b] - ranking[a] || a - b);
  const excluded = (e: number) => !kept.includes(Math.floor(e / size));
  const expert = order[0];
  const group = Math.floor(expert / size);
  const keptOut = order.slice(0, k).filter(excluded);
  return { size, kept, scores, best: { expert, group, excluded: excluded(expert) }, keptOut };
}

export interface BalancedRow {
  expert: number;
  /** the plain score (softmax) */
  raw: number;
  /** the Sinkhorn-balanced score, rescaled so the token's row sums to 1 */
  balanced: number;
}

export interface BalancedEffect {
  /** every expert, by balanced score, highest first */
  rows: BalancedRow[];
  /** the k experts plain top-k would pick (what inference picks) */
  plain: number[];
  /** chosen, but not in the plain top k: balancing brought them in */
  added: number[];
  /** in the plain top k, but not chosen: balancing moved the token off them */
  removed: number[];
}

/** Sinkhorn in training: the token's balanced scores beside its plain ones, and what balancing changed. */
export function balancedEffect(probs: Float32Array, balanced: Float32Array, E: number, token: number, chosen: number[]): BalancedEffect {
  let sum = 0;
  for (let e = 0; e < E; e++) sum += balanced[token * E + e];
  // each row sums to about 1/T; rescaled to 1 it reads like the plain scores beside it
  const scale = sum > 0 ? 1 / sum : 0;
  const rows = Array.from({ length: E }, (_, expert) => ({
    expert,
    raw: probs[token * E + expert],
    balanced: balanced[token * E + expert] * scale,
  })).sort((a, b) => b.balanced - a.balanced || a.expert - b.expert);
  const plain = rankedScores(probs, E, token)
    .slice(0, chosen.length)
    .map((r) => r.expert);
  return {
    rows,
    plain,
    added: chosen.filter((e) => !plain.includes(e)),
    removed: plain.filter((e) => !chosen.includes(e)),
  };
}

/** The rows worth showing: the chosen and the plain picks, then the best of either ranking, up to `count`. */
export function balancedRowsShown(effect: BalancedEffect, chosen: number[], count: number): BalancedRow[] {
  const keep = new Set([...chosen, ...effect.plain]);
  const byRaw = [...effect.rows].sort((a, b) => b.raw - a.raw || a.expert - b.expert);
  for (let n = 0; keep.size < count && n < effect.rows.length; n++) {
    keep.add(effect.rows[n].expert);
    if (keep.size < count) keep.add(byRaw[n].expert);
  }
  return effect.rows.filter((r) => keep.has(r.expert));
}

export interface PriceRow {
  expert: number;
  /** the expert's logit minus the chosen expert's (ln p differences: the same within a row) */
  score: number;
  price: number;
  /** score − price: the chosen expert's is the largest (the prices' certificate) */
  net: number;
}

export interface PriceEffect {
  chosen: number;
  /** every expert, by score, highest first */
  rows: PriceRow[];
  /** the best-scoring expert (the chosen one when it ties for best) */
  best: number;
  /** how much more the best expert scores than the chosen one (0 when the same) */
  advantage: number;
  /** how much more the best expert costs than the chosen one */
  extraPrice: number;
}

/** Score gaps closer than this are ties (probs are float32; ln p carries about 1e-7 of error). */
export const PRICE_TIE = 1e-6;

/**
 * BASE in training: the token's scores against the experts' prices, and why it got its expert.
 * Null when the chosen expert's score underflowed to 0 in float32: no gap to it can be read.
 */
export function priceEffect(probs: Float32Array, prices: Float32Array, E: number, token: number, chosen: number): PriceEffect | null {
  if (!(probs[token * E + chosen] > 0)) return null;
  const lnChosen = Math.log(probs[token * E + chosen]);
  const rows = Array.from({ length: E }, (_, expert) => {
    const score = expert === chosen ? 0 : Math.log(probs[token * E + expert]) - lnChosen;
    return { expert, score, price: prices[expert], net: score - prices[expert] };
  }).sort((a, b) => b.score - a.score || a.expert - b.expert);
  const top = rows[0];
  const best = top.score > PRICE_TIE ? top.expert : chosen;
  const advantage = best === chosen ? 0 : top.score;
  return { chosen, rows, best, advantage, extraPrice: prices[best] - prices[chosen] };
}
