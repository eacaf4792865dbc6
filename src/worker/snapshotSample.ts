// The views draw a sample: a snapshot carries the per-token arrays of at most SAMPLE_TOKENS of
// the batch's tokens, and of at most SAMPLE_SLOTS (token, slot) pairs, so that neither the copy
// out of the worker nor any view's work grows with T·k (soft MoE at E = 512, T = 16,384 has
// 8 M slots; drawing them froze the page for seconds). The sample is every stride-th token of the
// batch the step trained on (batches are drawn uniformly, and an even stride favours no position,
// which the slot-major and position drop policies would), each with its highest-weight slots
// (slots are sorted by weight). Counts per expert (load, kept) and the metrics stay exact: the
// worker sends them from the whole batch. Pure: no worker or DOM globals.

import type { Batch } from '../engine/model/network';
import type { Routing } from '../engine/routing/types';
import type { BatchSample, Snapshot } from './protocol';

/** Tokens a snapshot carries at most: what a view can draw in a few ms. */
export const SAMPLE_TOKENS = 2048;
/** (token, slot) pairs a snapshot carries at most: soft MoE and expert choice keep their top slots. */
export const SAMPLE_SLOTS = 1 << 15;

/** Which tokens and slots to carry of a batch of T tokens with k slots; undefined: all of them. */
export function batchSample(T: number, k: number, maxTokens = SAMPLE_TOKENS, maxSlots = SAMPLE_SLOTS): BatchSample | undefined {
  const stride = Math.max(1, Math.ceil(T / Math.max(1, maxTokens)));
  const shownT = Math.ceil(T / stride);
  const shownK = Math.max(1, Math.min(k, Math.floor(maxSlots / Math.max(1, shownT))));
  return stride === 1 && shownK === k ? undefined : { T: shownT, stride, k: shownK };
}

type Rows = Int32Array | Float32Array | Uint8Array;

/**
 * A fresh copy (its own buffer, to transfer) of the sample's rows of a [T*width] array: rows 0,
 * stride, 2·stride, …, each cut to its first `keep` columns. No sample: all rows.
 */
export function sampleRows<A extends Rows>(a: A, width: number, sample: BatchSample | undefined, keep = width): A {
  if (!sample && keep === width) return a.slice() as A;
  const rows = sample?.T ?? a.length / width;
  const stride = sample?.stride ?? 1;
  const out = new (a.constructor as new (n: number) => A)(rows * keep);
  for (let i = 0; i < rows; i++) {
    const from = i * stride * width;
    out.set(a.subarray(from, from + keep), i * keep);
  }
  return out;
}

export type SampledFields = Pick<
  Snapshot,
  'sample' | 'experts' | 'weights' | 'dropped' | 'probs' | 'keptGroups' | 'balanced' | 'points' | 'labels' | 'tokens' | 'domain' | 'predicted'
>;

/** The routing arrays a snapshot samples: the slots, the scores and what the inspector explains. */
export type SampledRouting = Pick<Routing, 'T' | 'E' | 'k' | 'experts' | 'weights' | 'dropped' | 'probs' | 'keptGroups' | 'balanced'>;

/**
 * The per-token fields of a snapshot for one step: the routing's slots, scores (when at most
 * probsLimit of them), the batch's inputs and the predictions, for the sample's tokens only.
 */
export function sampleBatch(
  r: SampledRouting,
  batch: Pick<Batch, 'points' | 'labels' | 'tokenIds' | 'domain'>,
  predicted: Int32Array,
  probsLimit: number,
  limits: { tokens?: number; slots?: number } = {},
): SampledFields {
  const sample = batchSample(r.T, r.k, limits.tokens, limits.slots);
  const shownT = sample?.T ?? r.T;
  const keep = sample?.k ?? r.k;
  return {
    ...(sample ? { sample } : {}),
    experts: sampleRows(r.experts, r.k, sample, keep),
    weights: sampleRows(r.weights, r.k, sample, keep),
    dropped: sampleRows(r.dropped, r.k, sample, keep),
    probs: shownT * r.E <= probsLimit ? sampleRows(r.probs, r.E, sample) : undefined,
    keptGroups: r.keptGroups ? sampleRows(r.keptGroups, r.keptGroups.length / r.T, sample) : undefined,
    balanced: r.balanced && shownT * r.E <= probsLimit ? sampleRows(r.balanced, r.E, sample) : undefined,
    // the first two coordinates of each input (the teacher's are wider): what the views can draw
    points: batch.points ? sampleRows(batch.points, batch.points.length / r.T, sample, 2) : undefined,
    labels: sampleRows(batch.labels, 1, sample),
    // text: the current token's id (the teacher's: the example's index, unused by the views)
    tokens: batch.domain ? sampleRows(batch.tokenIds, 1, sample) : undefined,
    domain: batch.domain ? sampleRows(batch.domain, 1, sample) : undefined,
    predicted: sampleRows(predicted, 1, sample),
  };
}

/** What a snapshot's per-token arrays hold: the sample, or the whole batch (stride 1). */
export function shownOf(s: Pick<Snapshot, 'T' | 'k' | 'sample'>): BatchSample {
  return s.sample ?? { T: s.T, stride: 1, k: s.k };
}

/** The batch index of the i-th token a snapshot carries (what the views call the token). */
export function batchToken(s: Pick<Snapshot, 'sample'>, i: number): number {
  return i * (s.sample?.stride ?? 1);
}
