// Streamed text: four small grammars (English-like and Chinese-like prose, code, arithmetic) write
// fresh sentences from a seeded generator, so every training step reads text the model has not
// seen and the held-out loss falls with the training loss instead of rising as a fixed corpus
// is learned by heart. The vocabulary is every character the grammars can write, known before a
// sentence is drawn, so the model's embedding and classes do not depend on what was drawn.
//
// A "sequence" here is one sentence (a line: an English or Chinese sentence, a line of code, a
// line of equations), the unit the grammars write and a window never crosses. The held-out set
// is a fixed list of sentences from a seed stream of its own; the training stream skips any
// sentence equal to one of them, so no held-out sequence is ever a training sequence.

import { DOMAIN_IDS, DOMAIN_NAMES } from './corpus';
import { SENTENCE_WRITERS, STREAM_VOCAB } from './grammar';
import { mulberry32, permutation } from '../rng';
import { windows, type Document } from './text';
import type { TextData, TextSplit } from './types';
import { encode } from './vocab';

export { SENTENCE_WRITERS, STREAM_VOCAB };

/**
 * each domain's share of the positions, in training batches and in the held-out set: English
 * the largest, as in real mixed corpora; the imbalance makes an expert's capacity matter (with
 * equal shares, 16 of the 19 fidelity findings held on text; with these, 17)
 */
export const DOMAIN_SHARES: readonly number[] = [0.4, 0.2, 0.2, 0.2];
/** the fewest held-out positions (whole sentences, so a few more) */
export const HELD_OUT_POSITIONS = 4096;

const STREAM_IDS: ReadonlyMap<string, number> = new Map(STREAM_VOCAB.map((token, id) => [token, id]));

const HELD_OUT_SALT = 0x5e17e2d0;

/** A sentence of `domain` from `rand` that is not in `skip`: redrawn until it is not. */
export function freshSentence(domain: number, rand: () => number, skip: ReadonlySet<string>): string {
  for (;;) {
    const sentence = SENTENCE_WRITERS[domain](rand);
    if (!skip.has(sentence)) return sentence;
  }
}

/** Whole sentences of `domain` until they hold at least `positions` positions (a position has a next token). */
export function sentencesFor(domain: number, positions: number, rand: () => number, skip: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let count = 0;
  while (count < positions) {
    const sentence = freshSentence(domain, rand, skip);
    out.push(sentence);
    count += Array.from(sentence).length - 1;
  }
  return out;
}

/** T split over the domains by their shares; the remainder goes to the domains with the largest fractions. */
export function domainQuotas(T: number): number[] {
  const exact = DOMAIN_SHARES.map((s) => s * T);
  const quotas = exact.map(Math.floor);
  const order = exact.map((x, d) => [x - Math.floor(x), d]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = T - quotas.reduce((a, b) => a + b, 0), i = 0; r > 0; r--, i++) quotas[order[i][1]]++;
  return quotas;
}

/** The streamed text of a seed: its fixed vocabulary and held-out set. */
export function makeStreamedText(seed: number, context: number): TextData {
  const rand = heldOutRand(seed);
  const heldOut = new Set<string>();
  const docs: Document[] = [];
  domainQuotas(HELD_OUT_POSITIONS).forEach((quota, domain) => {
    for (const sentence of sentencesFor(domain, quota, rand, new Set())) {
      heldOut.add(sentence);
      docs.push({ domain, ids: encode(sentence, STREAM_IDS) });
    }
  });
  const all = windows(docs, context);
  // shuffled once, so that each evaluation batch mixes the domains as a training batch does (a
  // batch's order decides which tokens a full expert drops)
  const test = gather(all, context, permutation(all.target.length, rand));
  return {
    kind: 'text',
    name: 'text',
    vocab: [...STREAM_VOCAB],
    context,
    domains: DOMAIN_IDS.map((id) => DOMAIN_NAMES[id]),
    domainIds: DOMAIN_IDS,
    train: null,
    test,
    testInOrder: all,
    heldOut,
  };
}

/** A seed's held-out stream: exported so a test can replay it as a training stream. */
export function heldOutRand(seed: number): () => number {
  return mulberry32(seed ^ HELD_OUT_SALT);
}

/**
 * The sentences of one training draw of T positions, per domain: whole new sentences, none of
 * them a held-out one, until they hold the domain's quota.
 */
export function trainingSentences(data: TextData, T: number, rand: () => number): string[][] {
  const skip = data.heldOut ?? new Set<string>();
  return domainQuotas(T).map((quota, domain) => sentencesFor(domain, quota, rand, skip));
}

/**
 * T fresh training positions from `rand`: each domain's quota of the positions of its
 * trainingSentences, drawn uniformly without replacement, so each position of a sentence is as
 * likely as in the held-out set; the T positions in random order. The same rand state gives the
 * same positions.
 */
export function drawText(data: TextData, T: number, rand: () => number): TextSplit {
  const quotas = domainQuotas(T);
  const docs: Document[] = trainingSentences(data, T, rand).flatMap((sentences, domain) =>
    sentences.map((sentence) => ({ domain, ids: encode(sentence, STREAM_IDS) })),
  );
  const pool = windows(docs, data.context);
  const chosen: number[] = [];
  let start = 0;
  quotas.forEach((quota, domain) => {
    let end = start;
    while (end < pool.domain.length && pool.domain[end] === domain) end++;
    const order = permutation(end - start, rand);
    for (let i = 0; i < quota; i++) chosen.push(start + order[i]);
    start = end;
  });
  const mix = permutation(T, rand);
  return gather(pool, data.context, Int32Array.from(mix, (i) => chosen[i]));
}

/**
 * B sequences of L consecutive training positions (seqLen > 1): for each, a domain drawn with
 * DOMAIN_SHARES, then whole fresh sentences of it (none a held-out one) read one after another
 * as a stream, from a random position of the first sentence, so a sequence does not always open
 * a sentence. Each sentence keeps its own causal windows (padded at its start), as the held-out
 * set's do; only the sequence runs across the sentence boundaries.
 */
export function drawTextSequences(data: TextData, B: number, L: number, rand: () => number): TextSplit {
  const parts = sequenceSentences(data, B, L, rand).map(({ domain, sentences, start }) => {
    const docs = sentences.map((sentence) => ({ domain, ids: encode(sentence, STREAM_IDS) }));
    return gather(windows(docs, data.context), data.context, Int32Array.from({ length: L }, (_, i) => start + i));
  });
  return concatSplits(parts, data.context);
}

/** One training sequence of the stream: its domain, its sentences, and its first position in them. */
export interface SequenceDraw {
  domain: number;
  sentences: string[];
  start: number;
}

/** The sentences drawTextSequences reads (the same draws from the same rand state). */
export function sequenceSentences(data: TextData, B: number, L: number, rand: () => number): SequenceDraw[] {
  const skip = data.heldOut ?? new Set<string>();
  const out: SequenceDraw[] = [];
  for (let b = 0; b < B; b++) {
    const domain = domainOfDraw(rand());
    const sentences = sentencesFor(domain, L, rand, skip);
    const positions = sentences.map((sentence) => Array.from(sentence).length - 1);
    const total = positions.reduce((x, y) => x + y, 0);
    const start = Math.floor(rand() * (Math.min(positions[0], total - L) + 1));
    out.push({ domain, sentences, start });
  }
  return out;
}

/** The domain a uniform draw u in [0, 1) falls in, by DOMAIN_SHARES. */
function domainOfDraw(u: number): number {
  let acc = 0;
  for (let d = 0; d < DOMAIN_SHARES.length - 1; d++) {
    acc += DOMAIN_SHARES[d];
    if (u < acc) return d;
  }
  return DOMAIN_SHARES.length - 1;
}

function concatSplits(parts: readonly TextSplit[], context: number): TextSplit {
  const n = parts.reduce((sum, p) => sum + p.target.length, 0);
  const out: TextSplit = { context: new Int32Array(n * context), target: new Int32Array(n), domain: new Uint8Array(n) };
  let at = 0;
  for (const p of parts) {
    out.context.set(p.context, at * context);
    out.target.set(p.target, at);
    out.domain.set(p.domain, at);
    at += p.target.length;
  }
  return out;
}

/** The positions `indices` of a split, in that order. */
export function gather(src: TextSplit, context: number, indices: Int32Array): TextSplit {
  const n = indices.length;
  const out: TextSplit = { context: new Int32Array(n * context), target: new Int32Array(n), domain: new Uint8Array(n) };
  indices.forEach((i, k) => {
    out.context.set(src.context.subarray(i * context, (i + 1) * context), k * context);
    out.target[k] = src.target[i];
    out.domain[k] = src.domain[i];
  });
  return out;
}
