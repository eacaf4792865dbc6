// What the trainer needs of its dataset, for each kind: the network's input stage, a training
// batch, and how much of the held-out split an evaluation reads.

import { drawTeacher, sampleIndices, type Dataset } from '../datasets';
import { makeBatch, teacherBatch, type Batch, type NetworkShape } from './network';

/** Held-out examples an evaluation reads at most on the fixed sets; the teacher's are all read. */
const EVAL_MAX_EXAMPLES = 2048;

export function networkShape(data: Dataset, d: number): NetworkShape {
  if (data.kind === 'text') return { d, classes: data.vocab.length, vocab: data.vocab.length, context: data.context };
  // the 2D sets' inputs span about [-1, 1] and keep the scale of 2 they were tuned with
  return { d, classes: data.classes, inputDim: data.inputDim, inputGain: data.kind === 'points' ? 2 : 1 };
}

/**
 * The examples of one training step, drawn from `rand`: T indices into the fixed training split
 * (with replacement), or for the teacher T fresh examples, whose hash-routing ids are their
 * indices 0..T-1 in that draw.
 */
export function trainingBatch(data: Dataset, T: number, rand: () => number): Batch {
  if (data.kind === 'teacher') {
    return teacherBatch(drawTeacher(data.net, T, rand), data.inputDim, Int32Array.from({ length: T }, (_, i) => i));
  }
  const n = data.kind === 'points' ? data.train.y.length : data.train.target.length;
  return makeBatch(data, 'train', sampleIndices(n, T, rand));
}

/**
 * The held-out examples an evaluation reads: the teacher's whole fixed set (4,096, the size at
 * which its capacity-factor effects are larger than their noise), the first 2,048 otherwise.
 */
export function evalExamples(data: Dataset): number {
  if (data.kind === 'teacher') return data.test.y.length;
  const n = data.kind === 'points' ? data.test.y.length : data.test.target.length;
  return Math.min(n, EVAL_MAX_EXAMPLES);
}
