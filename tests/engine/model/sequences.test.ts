// @vitest-environment node
// Batches of sequences (sequences.ts): B = T/L sequences of L consecutive tokens in training and
// in the held-out evaluation, no held-out position in a training sequence, and L = 1 as before.

import { describe, expect, it } from 'vitest';
import { makeDataset, type Dataset, type TextData } from '../../../src/engine/datasets';
import { drawTextSequences, sequenceSentences } from '../../../src/engine/datasets/textStream';
import { windows } from '../../../src/engine/datasets/text';
import { encode } from '../../../src/engine/datasets/vocab';
import { STREAM_VOCAB } from '../../../src/engine/datasets/textStream';
import { heldOutBatches } from '../../../src/engine/model/sequences';
import { evalExamples, trainingBatch } from '../../../src/engine/model/trainingData';
import { makeBatch, type Batch } from '../../../src/engine/model/network';
import { mulberry32 } from '../../../src/engine/rng';

const data = (name: 'text' | 'corpus' | 'teacher' | 'spirals', context = 4): Dataset =>
  makeDataset({ name, size: 400, noise: 0.1, seed: 3, context, inputDim: 4, teacherExperts: 4 });

const ctxOf = (b: Batch, i: number, c: number) => Array.from(b.context!.subarray(i * c, (i + 1) * c));

/**
 * Position i + 1 follows position i in the text: its window is i's shifted by one with i's
 * target appended, or (the stream's sequences run on into the next sentence) a sentence's
 * first window: pads, then the sentence's first token.
 */
function followsOn(b: Batch, i: number, c: number): boolean {
  const now = ctxOf(b, i, c);
  const next = ctxOf(b, i + 1, c);
  const shifted = [...now.slice(1), b.labels[i]];
  if (next.every((v, j) => v === shifted[j])) return true;
  return next.slice(0, c - 1).every((v) => v === 0) && next[c - 1] !== 0;
}

describe('training sequences', () => {
  it.each(['text', 'corpus'] as const)('%s: each of the T/L sequences is L consecutive positions', (name) => {
    const d = data(name);
    const L = 8;
    const b = trainingBatch(d, 64, mulberry32(5), L);
    expect(b.T).toBe(64);
    expect(b.seqLen).toBe(L);
    let breaks = 0;
    for (let s = 0; s < 8; s++) {
      for (let i = s * L; i < s * L + L - 1; i++) {
        expect(followsOn(b, i, 4)).toBe(true);
        if (!ctxOf(b, i + 1, 4).every((v, j) => v === [...ctxOf(b, i, 4).slice(1), b.labels[i]][j])) breaks++;
      }
    }
    // sentence and document starts within a sequence are the exception, not the rule
    expect(breaks).toBeLessThan(8 * (L - 1) * 0.3);
  });

  it('the 2D sets: L consecutive indices of the split from a random start', () => {
    const d = data('spirals');
    const b = trainingBatch(d, 40, mulberry32(2), 5);
    for (let s = 0; s < 8; s++) for (let i = 1; i < 5; i++) expect(b.tokenIds[s * 5 + i]).toBe(b.tokenIds[s * 5] + i);
    expect(new Set(Array.from({ length: 8 }, (_, s) => b.tokenIds[s * 5])).size).toBeGreaterThan(1);
  });

  it('the teacher: L consecutive fresh draws per sequence, marked as sequences', () => {
    const b = trainingBatch(data('teacher'), 32, mulberry32(2), 4);
    expect(b.seqLen).toBe(4);
    expect(b.T).toBe(32);
  });

  it('L = 1 draws exactly the batches it always did', () => {
    for (const name of ['text', 'corpus', 'teacher', 'spirals'] as const) {
      const d = data(name);
      expect(trainingBatch(d, 48, mulberry32(9), 1)).toEqual(trainingBatch(d, 48, mulberry32(9)));
    }
  });

  it('rejects a T that is not a multiple of L', () => {
    expect(() => trainingBatch(data('spirals'), 30, mulberry32(1), 4)).toThrow(RangeError);
  });
});

describe('held-out sequences', () => {
  it('no training sequence of the stream reads a held-out sentence, so no held-out window is a training window', () => {
    const d = data('text') as TextData;
    const draws = sequenceSentences(d, 32, 16, mulberry32(11));
    const heldOut = d.heldOut!;
    expect(heldOut.size).toBeGreaterThan(100);
    for (const draw of draws) for (const sentence of draw.sentences) expect(heldOut.has(sentence)).toBe(false);
    // the batch is made of exactly those sentences' windows
    const split = drawTextSequences(d, 32, 16, mulberry32(11));
    const ids = new Map(STREAM_VOCAB.map((t, i) => [t, i]));
    draws.forEach((draw, b) => {
      const pool = windows(draw.sentences.map((s) => ({ domain: draw.domain, ids: encode(s, ids) })), d.context);
      for (let i = 0; i < 16; i++) expect(split.target[b * 16 + i]).toBe(pool.target[draw.start + i]);
    });
  });

  it('the held-out positions of training windows: none, by position, on the corpus (its test documents are its last ones)', () => {
    const d = data('corpus') as TextData;
    const n = d.train!.target.length;
    const b = trainingBatch(d, 64, mulberry32(4), 16);
    // every training sequence is a run of the training split: a held-out position has no index there
    for (let s = 0; s < 4; s++) {
      const start = findRun(d, b, s * 16, 16);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(start + 16).toBeLessThanOrEqual(n);
    }
  });

  it.each(['text', 'corpus', 'teacher', 'spirals'] as const)('%s: evaluation reads whole sequences of consecutive held-out positions, each once', (name) => {
    const d = data(name);
    const L = 8;
    const count = evalExamples(d);
    const batches = heldOutBatches(d, 64, L, count);
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) {
      expect(b.T).toBe(64);
      expect(b.seqLen).toBe(L);
      if (d.kind === 'text') for (let s = 0; s < 8; s++) for (let i = s * L; i < s * L + L - 1; i++) expect(followsOn(b, i, 4)).toBe(true);
    }
    if (d.kind !== 'text') {
      const seen = batches.flatMap((b) => Array.from(b.tokenIds));
      expect(new Set(seen).size).toBe(seen.length);
      for (let s = 0; s < seen.length; s += L) for (let i = 1; i < L; i++) expect(seen[s + i]).toBe(seen[s] + i);
    }
  });

  it('L = 1 reads the held-out split as it always did: batches of T in order', () => {
    const d = data('spirals');
    const batches = heldOutBatches(d, 64, 1, evalExamples(d));
    batches.forEach((b, n) => expect(b).toEqual(makeBatch(d, 'test', Int32Array.from({ length: 64 }, (_, i) => n * 64 + i))));
  });
});

/** The start of the run of the corpus's training split that sequence positions [at, at + L) are, or −1. */
function findRun(d: TextData, b: Batch, at: number, L: number): number {
  const c = d.context;
  const train = d.train!;
  for (let s = 0; s + L <= train.target.length; s++) {
    let ok = true;
    for (let i = 0; i < L && ok; i++) {
      if (train.target[s + i] !== b.labels[at + i]) ok = false;
      for (let j = 0; j < c && ok; j++) if (train.context[(s + i) * c + j] !== b.context![(at + i) * c + j]) ok = false;
    }
    if (ok) return s;
  }
  return -1;
}
