// MH-MoE's sub-tokens in a snapshot: with H heads a batch of T tokens is routed as T·H rows,
// row i being head i mod H of token ⌊i/H⌋, and a sample carries each sampled token's H rows
// together (worker/snapshotSample.ts). The views ask here which token a row belongs to, which
// head it is, and what its sibling rows chose. Pure: no DOM.

import type { Snapshot } from '../worker/protocol';
import { batchToken, shownOf } from '../worker/snapshotSample';

/** The heads a snapshot was routed with: 1 for a plain layer (or a config saved before heads). */
export function headsOf(s: Pick<Snapshot, 'routedWith'>): number {
  const H = s.routedWith.heads;
  return H > 1 ? H : 1;
}

/** The token a sub-token (a routed row of the batch) belongs to. */
export const tokenOfSubToken = (subToken: number, H: number): number => Math.floor(subToken / H);

/** Which of its token's heads a sub-token is, 0 … H − 1. */
export const headOfSubToken = (subToken: number, H: number): number => subToken % H;

/** A token's H sub-tokens, in head order. */
export function subTokensOf(token: number, H: number): number[] {
  return Array.from({ length: H }, (_, j) => token * H + j);
}

/** Where a carried row sits: its token in the batch, its head, and the tokens the batch has. */
export interface SubTokenPlace {
  /** the batch's token (not the sub-token) */
  token: number;
  /** 0-based head */
  head: number;
  heads: number;
  /** tokens in the batch: the snapshot's T rows over H */
  tokens: number;
}

/** The place of a snapshot's carried row `row`, or null for a plain layer (one row per token). */
export function subTokenPlace(s: Pick<Snapshot, 'routedWith' | 'sample' | 'T'>, row: number): SubTokenPlace | null {
  const H = headsOf(s);
  if (H === 1) return null;
  const sub = batchToken(s, row);
  return { token: tokenOfSubToken(sub, H), head: headOfSubToken(sub, H), heads: H, tokens: s.T / H };
}

/** One sub-token of a token, as the inspector lists it: its carried row and the experts that kept it. */
export interface SubTokenChoices {
  /** the carried row (what the views select) */
  row: number;
  head: number;
  choices: { expert: number; weight: number; dropped: boolean }[];
}

/**
 * The carried rows of the token that row `row` belongs to, with their experts (best first, pads
 * left out). A sample keeps a token's rows together, so they are the H rows around `row`.
 */
export function siblingSubTokens(s: Pick<Snapshot, 'routedWith' | 'sample' | 'T' | 'k' | 'experts' | 'weights' | 'dropped'>, row: number): SubTokenChoices[] {
  const H = headsOf(s);
  const { T, k } = shownOf(s);
  if (H === 1 || row < 0 || row >= T) return [];
  const first = tokenOfSubToken(row, H) * H;
  return Array.from({ length: H }, (_, head) => {
    const r = first + head;
    const choices = [];
    for (let j = 0; j < k; j++) {
      const i = r * k + j;
      if (s.experts[i] >= 0) choices.push({ expert: s.experts[i], weight: s.weights[i], dropped: s.dropped[i] === 1 });
    }
    return { row: r, head, choices };
  });
}

/** How many sub-tokens a snapshot's counts (load, kept) are over, or null for a plain layer. */
export function subTokenCount(s: Pick<Snapshot, 'routedWith' | 'T'>): { rows: number; heads: number; tokens: number } | null {
  const H = headsOf(s);
  return H === 1 ? null : { rows: s.T, heads: H, tokens: s.T / H };
}
