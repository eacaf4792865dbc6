// Co-activation: how often two experts serve the same token. With top-k routing a token's k
// experts all compute on it and their outputs are summed, so experts that are often chosen
// together behave like a team (and, on a cluster, a token whose experts sit on one GPU travels
// once). Counts come from token choices only: counts-only traces cannot say which experts shared
// a token.
//
// The normalised form is the "lift": observed / expected if each token picked its experts
// independently with the experts' overall rates, C_ij · N / (n_i · n_j), N the tokens with at
// least one choice. 1 is chance, 2 twice as often as chance, 0 never. A student reads it as
// "these two go together more (or less) than their popularity alone explains"; the conditional
// P(j | i) = C_ij / C_ii is given beside it in words, since it answers "of expert i's tokens, how
// many also went to j".

import { memo } from './memo';
import type { TraceLayer } from './types';

export interface CoActivation {
  E: number;
  /** tokens with at least one choice */
  tokens: number;
  /** [E*E] row-major: tokens with both i and j among their choices; the diagonal: tokens choosing i */
  counts: Float64Array;
}

/** Co-activation counts of a token layer; -1 pads skipped, a token's repeated expert counted once. */
export function coActivation(layer: TraceLayer): CoActivation {
  return memo(layer, 'co-activation', () => countCoActivation(layer));
}

function countCoActivation(layer: TraceLayer): CoActivation {
  const { E, k, T, experts } = layer;
  const counts = new Float64Array(E * E);
  const mine = new Int32Array(k);
  let tokens = 0;
  for (let t = 0; t < T; t++) {
    let n = 0;
    const base = t * k;
    for (let s = 0; s < k; s++) {
      const e = experts[base + s];
      if (e < 0 || e >= E) continue;
      let seen = false;
      for (let j = 0; j < n; j++) if (mine[j] === e) seen = true;
      if (!seen) mine[n++] = e;
    }
    if (n === 0) continue;
    tokens++;
    for (let a = 0; a < n; a++) {
      const row = mine[a] * E;
      for (let b = 0; b < n; b++) counts[row + mine[b]]++;
    }
  }
  return { E, tokens, counts };
}

/** [E*E] observed / expected under independence, C_ij · N / (n_i · n_j); NaN where an expert has no token. */
export function coActivationLift(c: CoActivation): Float64Array {
  const { E, tokens, counts } = c;
  const lift = new Float64Array(E * E);
  for (let i = 0; i < E; i++) {
    const ni = counts[i * E + i];
    for (let j = 0; j < E; j++) {
      const nj = counts[j * E + j];
      lift[i * E + j] = ni > 0 && nj > 0 ? (counts[i * E + j] * tokens) / (ni * nj) : NaN;
    }
  }
  return lift;
}

/** P(j | i): the share of expert i's tokens that also chose j (NaN when i has none). */
export function conditional(c: CoActivation, i: number, j: number): number {
  const ni = c.counts[i * c.E + i];
  return ni > 0 ? c.counts[i * c.E + j] / ni : NaN;
}

export interface ExpertPair {
  i: number;
  j: number;
  count: number;
  lift: number;
}

/**
 * The pair (i < j) sharing the most tokens, and the pair most over-represented against chance
 * among pairs expected at least `minExpected` times (a rare pair's lift is noise); null where no
 * token has two experts.
 */
export function notablePairs(c: CoActivation, minExpected = 5): { busiest: ExpertPair | null; strongest: ExpertPair | null } {
  const { E, tokens, counts } = c;
  let busiest: ExpertPair | null = null;
  let strongest: ExpertPair | null = null;
  for (let i = 0; i < E; i++) {
    const ni = counts[i * E + i];
    for (let j = i + 1; j < E; j++) {
      const count = counts[i * E + j];
      const nj = counts[j * E + j];
      const expected = tokens > 0 ? (ni * nj) / tokens : 0;
      const lift = expected > 0 ? count / expected : NaN;
      if (count > 0 && (!busiest || count > busiest.count)) busiest = { i, j, count, lift };
      if (count > 0 && expected >= minExpected && (!strongest || lift > strongest.lift)) strongest = { i, j, count, lift };
    }
  }
  return { busiest, strongest };
}
