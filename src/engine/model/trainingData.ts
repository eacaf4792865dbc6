// What the trainer needs of its dataset, for each kind: the dataset a config asks for, the
// network's input stage, a training batch, and how much of the held-out split an evaluation reads.

import { drawTeacher, drawText, makeDataset, sampleIndices, type Dataset } from '../datasets';
import { ownTextOf } from '../datasets/own/store';
import type { MoeConfig } from './config';
import { makeBatch, teacherBatch, textBatch, type Batch, type NetworkShape } from './network';
import { trainingSequences } from './sequences';

/**
 * The dataset a config asks for (its settings that shape the data). The own text comes from
 * this thread's store (the worker's 'text' message); without it the build fails, rather than
 * train on some other text under its hash.
 */
export function datasetOf(c: MoeConfig): Dataset {
  const ownText = c.dataset === 'own' ? ownTextOf(c.ownText) : undefined;
  if (c.dataset === 'own' && ownText === undefined) throw new RangeError(`own text ${c.ownText} is not here: send it first`);
  return makeDataset({
    ownText,
    name: c.dataset,
    size: c.dataSize,
    noise: c.dataNoise,
    detail: c.dataDetail,
    seed: c.seed,
    context: c.context,
    inputDim: c.inputDim,
    teacherExperts: c.teacherExperts,
  });
}

/** Held-out examples an evaluation reads at most on the fixed sets; the teacher's are all read. */
const EVAL_MAX_EXAMPLES = 2048;

export function networkShape(data: Dataset, d: number): NetworkShape {
  if (data.kind === 'text') {
    // An input bias gives every token's hidden vector a share in common, which one expert can
    // take over when nothing balances the load: without it (the corpus, kept so for its links)
    // collapse at α = 0 did not show on the streamed text (busiest expert 0.23 of the choices
    // against 0.43 with it, bench/fidelity.ts), as it does on the other tasks and in the papers.
    const inputBias = data.name === 'corpus' ? 0 : 0.5;
    return { d, classes: data.vocab.length, vocab: data.vocab.length, context: data.context, inputBias };
  }
  // the 2D sets' inputs span about [-1, 1] and keep the scale of 2 they were tuned with
  return { d, classes: data.classes, inputDim: data.inputDim, inputGain: data.kind === 'points' ? 2 : 1 };
}

/**
 * The examples of one training step, drawn from `rand`: T indices into the fixed training split
 * (with replacement), or for the teacher T fresh examples, whose hash-routing ids are their
 * indices 0..T-1 in that draw, or for the streamed text T fresh windows, whose hash-routing ids
 * are their current tokens, as for any text. With L > 1 tokens per sequence, B = T/L sequences
 * of L consecutive examples instead (sequences.ts).
 */
export function trainingBatch(data: Dataset, T: number, rand: () => number, L = 1): Batch {
  if (L > 1) return trainingSequences(data, T, L, rand);
  if (data.kind === 'teacher') {
    return teacherBatch(drawTeacher(data.net, T, rand), data.inputDim, Int32Array.from({ length: T }, (_, i) => i));
  }
  if (data.kind === 'points') return makeBatch(data, 'train', sampleIndices(data.train.y.length, T, rand));
  if (data.train) return makeBatch(data, 'train', sampleIndices(data.train.target.length, T, rand));
  return textBatch(drawText(data, T, rand), data.context, Int32Array.from({ length: T }, (_, i) => i));
}

/**
 * The held-out examples an evaluation reads: the teacher's and the streamed text's whole fixed
 * sets (at least 4,096, the size at which the teacher's capacity-factor effects are larger than
 * their noise), the first 2,048 otherwise.
 */
export function evalExamples(data: Dataset): number {
  if (data.kind === 'teacher') return data.test.y.length;
  if (data.kind === 'text' && !data.train) return data.test.target.length;
  const n = data.kind === 'points' ? data.test.y.length : data.test.target.length;
  return Math.min(n, EVAL_MAX_EXAMPLES);
}
