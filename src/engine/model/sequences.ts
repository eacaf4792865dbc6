// Batches of sequences (seqLen L > 1): the batch is B = T/L sequences of L consecutive tokens,
// sequence b at tokens b·L … b·L + L − 1. Training draws them from the training data (text:
// windows of the stream or of the corpus's training documents; the 2D sets: L consecutive
// indices of the split from a random start; the teacher: L fresh draws, consecutive by being
// drawn together), and the held-out evaluation reads whole sequences of the held-out split, so
// the two never share a position: the splits are disjoint (the corpus's last documents, the
// stream's held-out sentences that its training draws skip, the 2D sets' and teacher's own test
// examples). With L = 1 none of this runs: trainingData.ts's independent draws are today's.

import { drawTeacher, drawTextSequences, type Dataset } from '../datasets';
import { mulberry32, permutation } from '../rng';
import { makeBatch, teacherBatch, textBatch, type Batch } from './network';

/** B = T/L sequences of L consecutive training examples, drawn from `rand`. */
export function trainingSequences(data: Dataset, T: number, L: number, rand: () => number): Batch {
  if (!Number.isInteger(L) || L < 1 || T % L !== 0) throw new RangeError(`trainingSequences: T = ${T} is not a multiple of L = ${L}`);
  const B = T / L;
  const ids = () => Int32Array.from({ length: T }, (_, i) => i);
  let batch: Batch;
  if (data.kind === 'teacher') batch = teacherBatch(drawTeacher(data.net, T, rand), data.inputDim, ids());
  else if (data.kind === 'points') batch = makeBatch(data, 'train', consecutiveRuns(data.train.y.length, B, L, rand));
  else if (data.train) batch = makeBatch(data, 'train', consecutiveRuns(data.train.target.length, B, L, rand));
  else batch = textBatch(drawTextSequences(data, B, L, rand), data.context, ids());
  return { ...batch, seqLen: L };
}

/**
 * B runs of L consecutive indices into a split of n, each from a uniform random start; a split
 * shorter than L wraps around (the 2D sets are never that small at the settings' bounds).
 */
export function consecutiveRuns(n: number, B: number, L: number, rand: () => number): Int32Array {
  const out = new Int32Array(B * L);
  const starts = Math.max(1, n - L + 1);
  for (let b = 0; b < B; b++) {
    const start = Math.min(starts - 1, Math.floor(rand() * starts));
    for (let i = 0; i < L; i++) out[b * L + i] = (start + i) % n;
  }
  return out;
}

/** the seed of the fixed order in which whole held-out sequences are batched */
const EVAL_ORDER_SALT = 0x51e9a7c3;

/**
 * The held-out batches an evaluation reads, `count` examples (evalExamples) in batches of the
 * training size. L = 1: the first T, the next T, … as they lie in the split (today's batches).
 * L > 1: whole sequences of L consecutive held-out positions, in one fixed shuffled order of
 * the sequences, so each batch mixes the text's domains (the held-out split lies domain by
 * domain) as a training batch does; the streamed text's sequences are read from its held-out
 * sentences in order, not from the position-shuffled split.
 */
export function heldOutBatches(data: Dataset, tokens: number, L: number, count: number): Batch[] {
  const out: Batch[] = [];
  if (L <= 1) {
    const T = Math.min(tokens, count);
    for (let start = 0; start + T <= count; start += T) {
      out.push(makeBatch(data, 'test', Int32Array.from({ length: T }, (_, i) => start + i)));
    }
    return out;
  }
  const sequences = Math.floor(count / L);
  const B = Math.floor(Math.min(tokens, sequences * L) / L);
  if (B < 1) return out;
  const order = permutation(sequences, mulberry32(EVAL_ORDER_SALT));
  const inOrder = data.kind === 'text' ? data.testInOrder : undefined;
  for (let first = 0; first + B <= sequences; first += B) {
    const indices = new Int32Array(B * L);
    for (let b = 0; b < B; b++) for (let i = 0; i < L; i++) indices[b * L + i] = order[first + b] * L + i;
    const batch = inOrder && data.kind === 'text' ? textBatch(inOrder, data.context, indices) : makeBatch(data, 'test', indices);
    out.push({ ...batch, seqLen: L });
  }
  return out;
}
