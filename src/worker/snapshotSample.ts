// The views draw a sample: a snapshot carries the per-token arrays of at most SAMPLE_TOKENS of
// the batch's tokens, and of at most SAMPLE_SLOTS (token, slot) pairs, so that neither the copy
// out of the worker nor any view's work grows with T·k (soft MoE at E = 512, T = 16,384 has
// 8 M slots; drawing them froze the page for seconds). The sample is every stride-th token of the
// batch the step trained on (batches are drawn uniformly, and an even stride favours no position,
// which the slot-major and position drop policies would), each with its highest-weight slots
// (slots are sorted by weight). Counts per expert (load, kept) and the metrics stay exact: the
// worker sends them from the whole batch. Pure: no worker or DOM globals.
// MH-MoE routes H sub-tokens per token: the rows are the T·H sub-tokens (row i is head i mod H of
// token ⌊i/H⌋), the per-token inputs are repeated on each of a token's rows, and a sample strides
// over tokens, carrying each sampled token's H sub-tokens together.

import { repeatPerSubToken } from '../engine/model/multiHead';
import type { Batch } from '../engine/model/network';
import type { Routing } from '../engine/routing/types';
import type { BatchSample, Snapshot } from './protocol';

/** Tokens a snapshot carries at most: what a view can draw in a few ms. */
export const SAMPLE_TOKENS = 2048;
/** (token, slot) pairs a snapshot carries at most: soft MoE and expert choice keep their top slots. */
export const SAMPLE_SLOTS = 1 << 15;

/**
 * Which rows and slots to carry of a batch of T rows with k slots; undefined: all of them. With
 * `heads` H > 1 the rows are sub-tokens, H per token: the stride runs over tokens.
 */
export function batchSample(T: number, k: number, maxTokens = SAMPLE_TOKENS, maxSlots = SAMPLE_SLOTS, heads = 1): BatchSample | undefined {
  const stride = Math.max(1, Math.ceil(T / heads / Math.max(1, Math.floor(maxTokens / heads))));
  const shownT = Math.ceil(T / heads / stride) * heads;
  const shownK = Math.max(1, Math.min(k, Math.floor(maxSlots / Math.max(1, shownT))));
  return stride === 1 && shownK === k ? undefined : { T: shownT, stride, k: shownK, ...(heads > 1 ? { heads } : {}) };
}

/** The batch row of a sample's i-th row: rows 0, stride, 2·stride, … or, with heads, those tokens' sub-tokens. */
export function sampledRow(sample: BatchSample, i: number): number {
  const H = sample.heads ?? 1;
  return Math.floor(i / H) * sample.stride * H + (i % H);
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
    const from = (sample ? sampledRow(sample, i) : i * stride) * width;
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
  // MH-MoE: the routing has H rows (sub-tokens) per token of the batch
  const H = r.T / batch.labels.length;
  const perRow = <A extends Int32Array | Uint8Array | Float32Array>(a: A, width = 1) => (H > 1 ? repeatPerSubToken(a, H, width) : a);
  const sample = batchSample(r.T, r.k, limits.tokens, limits.slots, H);
  const inputWidth = batch.points ? batch.points.length / batch.labels.length : 0;
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
    points: batch.points ? sampleRows(perRow(batch.points, inputWidth), inputWidth, sample, 2) : undefined,
    labels: sampleRows(perRow(batch.labels), 1, sample),
    // text: the current token's id (the teacher's: the example's index, unused by the views)
    tokens: batch.domain ? sampleRows(perRow(batch.tokenIds), 1, sample) : undefined,
    domain: batch.domain ? sampleRows(perRow(batch.domain), 1, sample) : undefined,
    predicted: sampleRows(perRow(predicted), 1, sample),
  };
}

/** What a snapshot's per-token arrays hold: the sample, or the whole batch (stride 1). */
export function shownOf(s: Pick<Snapshot, 'T' | 'k' | 'sample'>): BatchSample {
  return s.sample ?? { T: s.T, stride: 1, k: s.k };
}

/** The batch index of the i-th row a snapshot carries (what the views call the token; MH-MoE: the sub-token's). */
export function batchToken(s: Pick<Snapshot, 'sample'>, i: number): number {
  return s.sample ? sampledRow(s.sample, i) : i;
}
