// The batch as sequences, for the views: with routedWith.seqLen = L > 1 a batch of T tokens is
// ⌈T/L⌉ sequences, sequence b being tokens b·L … b·L+L−1; L = 1 makes every token its own
// sequence, and the views then show no sequences at all. A snapshot's rows may be finer than
// tokens (MH-MoE routes H sub-tokens per token, row i belonging to token ⌊i/H⌋), so every row
// lookup takes a rows-per-token factor. Counts per sequence read the rows the snapshot carries,
// and say when those are a sample that leaves choices out. Pure: no DOM, no Svelte.

import type { MoeConfig } from '../engine/config';
import { traitsOf, type Scheme } from '../engine/routing/traits';
import type { Snapshot } from '../worker/protocol';
import { shownOf } from '../worker/snapshotSample';

/** The sequence a token belongs to. */
export const sequenceOf = (token: number, L: number): number => Math.floor(token / Math.max(1, L));

/** A token's position in its sequence, 0 … L−1. */
export const positionOf = (token: number, L: number): number => token % Math.max(1, L);

/** Sequences in a batch of T tokens (a short last one counts). */
export const sequenceCount = (T: number, L: number): number => Math.ceil(T / Math.max(1, L));

/** The token a snapshot row belongs to (rows are sub-tokens when there are several per token). */
export const tokenOfRow = (row: number, rowsPerToken = 1): number => Math.floor(row / Math.max(1, rowsPerToken));

/** The sequence a snapshot row belongs to. */
export const sequenceOfRow = (row: number, L: number, rowsPerToken = 1): number => sequenceOf(tokenOfRow(row, rowsPerToken), L);

/** How a snapshot's rows fall into sequences: L tokens a sequence, rowsPerToken rows a token. */
export interface SequenceShape {
  L: number;
  rowsPerToken: number;
  /** tokens in the batch (the snapshot's T is rows) */
  tokens: number;
  /** sequences in the batch */
  B: number;
}

/**
 * The shape of a snapshot's batch. Rows per token: the rows routed over the batch's tokens, so a
 * sub-token layer (T·H rows for T tokens) maps back to its tokens and any other layer gets 1.
 */
export function sequenceShapeOf(s: Pick<Snapshot, 'T'> & { routedWith: Pick<MoeConfig, 'seqLen' | 'tokens'> }): SequenceShape {
  const L = Math.max(1, Math.floor(s.routedWith.seqLen || 1));
  const ratio = s.T / Math.max(1, s.routedWith.tokens);
  const rowsPerToken = Number.isInteger(ratio) && ratio > 1 ? ratio : 1;
  const tokens = Math.ceil(s.T / rowsPerToken);
  return { L, rowsPerToken, tokens, B: sequenceCount(tokens, L) };
}

/** Whether the batch the snapshot was routed with is made of sequences (L > 1), so the views show them. */
export const hasSequences = (routedWith: Pick<MoeConfig, 'seqLen'>): boolean => routedWith.seqLen > 1;

/**
 * What a token's routing reads besides the token, for the notes the views of sequences add:
 * 'own': the token alone (or, Lory, earlier segments of its own sequence); 'sequence': its whole
 * sequence, later tokens included, but no other sequence (SMEAR merges per sequence from the
 * sequence's own mean); 'batch': the other sequences too (expert choice, Soft MoE, Sinkhorn's and
 * BASE's balancing). Merging routers are not per-token and SMEAR is not causal, yet neither looks
 * past its own sequence: the traits' mergeGroup tells them apart.
 */
export type RoutingReach = 'own' | 'sequence' | 'batch';

export function routingReach(scheme: Scheme): RoutingReach {
  const traits = traitsOf(scheme);
  if (traits.mergeGroup) return traits.causal ? 'own' : 'sequence';
  return traits.perToken && traits.causal ? 'own' : 'batch';
}

/** Whether a token's routing depends on the other sequences of the batch. */
export const looksAcrossBatch = (scheme: Scheme): boolean => routingReach(scheme) === 'batch';

export type LoadInput = Pick<Snapshot, 'T' | 'E' | 'k' | 'experts' | 'dropped'> &
  Partial<Pick<Snapshot, 'sample' | 'choices'>> & { routedWith: Pick<MoeConfig, 'seqLen' | 'tokens'> };

/** Choices per expert per sequence. */
export interface SequenceLoad extends SequenceShape {
  E: number;
  /** [B*E] choices of sequence b on expert e */
  counts: Int32Array;
  /** [B] choices of each sequence */
  totals: Int32Array;
  /** false when the counts come from a sample of the batch's tokens or slots, not every choice */
  complete: boolean;
}

/**
 * Choices per expert per sequence: the kept ones (what the experts computed, as the load bars
 * and the heatmap count) or every routed one (kept or dropped, what the balance losses count).
 * Kept choices are exact for a sampled snapshot too when it carries every token's (`choices`);
 * otherwise a sample counts its rows and slots only, and says so (complete: false).
 */
export function sequenceLoad(s: LoadInput, count: 'kept' | 'routed' = 'kept'): SequenceLoad {
  const shape = sequenceShapeOf(s);
  const { L, rowsPerToken, B } = shape;
  const { E } = s;
  const counts = new Int32Array(B * E);
  const totals = new Int32Array(B);
  const add = (row: number, e: number) => {
    if (e < 0 || e >= E) return;
    const b = sequenceOfRow(row, L, rowsPerToken);
    counts[b * E + e]++;
    totals[b]++;
  };
  let complete: boolean;
  if (count === 'kept' && s.sample && s.choices) {
    // every row's kept choices ([T*k], -1 for a pad or a drop): the whole batch
    for (let i = 0; i < s.choices.length; i++) add(Math.floor(i / s.k), s.choices[i]);
    complete = true;
  } else {
    const shown = shownOf(s);
    for (let i = 0; i < shown.T; i++) {
      const row = i * shown.stride;
      for (let j = 0; j < shown.k; j++) {
        const slot = i * shown.k + j;
        if (count === 'kept' && s.dropped[slot]) continue;
        add(row, s.experts[slot]);
      }
    }
    complete = !s.sample;
  }
  return { ...shape, E, counts, totals, complete };
}

/**
 * How evenly each sequence spreads its choices, beside the batch as a whole. The balance losses
 * weigh each expert's fraction f of the choices (times its mean score); E·Σf² is that with the
 * scores replaced by the fractions: 1 when even, up to E when all on one expert. Where every
 * sequence has as many choices (routed: L·k each), the batch's fractions are the mean of its
 * sequences', so by convexity the sequences' mean index is never below the batch's: a batch can
 * be even while every sequence crowds onto a few experts, which seq_aux_loss (per sequence,
 * averaged) sees and aux_loss (the micro-batch) does not.
 */
export interface SequenceBalance {
  /** sequences with at least one choice, the ones below average over */
  counted: number;
  /** [B] the share of each sequence's choices its busiest expert took (0 for a sequence without choices) */
  busiest: Float32Array;
  meanBusiest: number;
  maxBusiest: number;
  /** the sequence with the highest busiest share */
  maxAt: number;
  /** the busiest expert's share of the whole batch's choices */
  batchBusiest: number;
  /** the mean over sequences of E·Σf², and the batch's own */
  sequenceIndex: number;
  batchIndex: number;
}

export function sequenceBalance(load: Pick<SequenceLoad, 'B' | 'E' | 'counts' | 'totals'>): SequenceBalance {
  const { B, E, counts, totals } = load;
  const busiest = new Float32Array(B);
  const batch = new Float64Array(E);
  let counted = 0;
  let sumBusiest = 0;
  let maxBusiest = 0;
  let maxAt = 0;
  let sumIndex = 0;
  for (let b = 0; b < B; b++) {
    const total = totals[b];
    let top = 0;
    let squares = 0;
    for (let e = 0; e < E; e++) {
      const c = counts[b * E + e];
      batch[e] += c;
      top = Math.max(top, c);
      squares += c * c;
    }
    if (!total) continue;
    counted++;
    busiest[b] = top / total;
    sumBusiest += busiest[b];
    sumIndex += (E * squares) / (total * total);
    if (busiest[b] > maxBusiest) [maxBusiest, maxAt] = [busiest[b], b];
  }
  let all = 0;
  let top = 0;
  let squares = 0;
  for (let e = 0; e < E; e++) {
    all += batch[e];
    top = Math.max(top, batch[e]);
    squares += batch[e] * batch[e];
  }
  return {
    counted,
    busiest,
    meanBusiest: counted ? sumBusiest / counted : 0,
    maxBusiest,
    maxAt,
    batchBusiest: all ? top / all : 0,
    sequenceIndex: counted ? sumIndex / counted : 0,
    batchIndex: all ? (E * squares) / (all * all) : 0,
  };
}
