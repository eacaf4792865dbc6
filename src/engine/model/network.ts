// The whole model around the MoE layer: an input stage (a 2D point, a teacher's D-wide input or
// a causal text context),
// the MoE block with its residual, and a classification head.

import type { Dataset, TeacherSplit, TextSplit } from '../datasets';
import { Initializer } from './init';
import { linear } from './matmul';
import type { ExpertPath, LayerOutput, RouteSettings } from './layer';
import type { MoeBlock } from './multiHead';
import { tf } from './tf';

/** One mini-batch as plain arrays: points carry coordinates, text carries context ids. */
export interface Batch {
  T: number;
  /**
   * tokens per sequence: the batch is T/seqLen sequences of consecutive tokens, sequence b at
   * tokens b·seqLen … (b+1)·seqLen − 1 (absent or 1: independent tokens)
   */
  seqLen?: number;
  /** points: [T*2] coordinates; teacher: [T*inputDim] inputs */
  points?: Float32Array;
  /** text: [T*context] token ids, the current token last */
  context?: Int32Array;
  labels: Int32Array;
  /**
   * hash routing's token ids: the current token (text), the example's index in its split
   * (points), or the example's index in its draw (teacher: in the held-out set, or in the step's
   * fresh batch)
   */
  tokenIds: Int32Array;
  /** text: domain of each position; teacher: the teacher expert of each example */
  domain?: Uint8Array;
}

export function makeBatch(data: Dataset, split: 'train' | 'test', indices: Int32Array): Batch {
  const T = indices.length;
  const labels = new Int32Array(T);
  if (data.kind === 'teacher') {
    // unlimited data has no fixed training split: the trainer draws fresh examples instead
    if (split === 'train') throw new RangeError('makeBatch: teacher data has no training split; draw a fresh one (drawTeacher)');
    return teacherBatch(data.test, data.inputDim, indices);
  }
  if (data.kind === 'points') {
    const src = data[split];
    const points = new Float32Array(T * 2);
    indices.forEach((i, n) => {
      points[2 * n] = src.x[2 * i];
      points[2 * n + 1] = src.x[2 * i + 1];
      labels[n] = src.y[i];
    });
    return { T, points, labels, tokenIds: Int32Array.from(indices) };
  }
  const src = data[split];
  // the stream has no fixed training split: the trainer draws fresh windows instead
  if (!src) throw new RangeError('makeBatch: streamed text has no training split; draw a fresh one (drawText)');
  return textBatch(src, data.context, indices);
}

/** The positions `indices` of a text split (held-out, the corpus's training split, or a fresh draw) as a batch. */
export function textBatch(src: TextSplit, c: number, indices: Int32Array): Batch {
  const T = indices.length;
  const labels = new Int32Array(T);
  const context = new Int32Array(T * c);
  const tokenIds = new Int32Array(T);
  const domain = new Uint8Array(T);
  indices.forEach((i, n) => {
    context.set(src.context.subarray(i * c, (i + 1) * c), n * c);
    tokenIds[n] = src.context[i * c + c - 1];
    labels[n] = src.target[i];
    domain[n] = src.domain[i];
  });
  return { T, context, labels, tokenIds, domain };
}

/** The examples `indices` of a teacher split (held-out, or a fresh draw) as a batch. */
export function teacherBatch(src: TeacherSplit, inputDim: number, indices: Int32Array): Batch {
  const T = indices.length;
  const points = new Float32Array(T * inputDim);
  const labels = new Int32Array(T);
  const domain = new Uint8Array(T);
  indices.forEach((i, n) => {
    points.set(src.x.subarray(i * inputDim, (i + 1) * inputDim), n * inputDim);
    labels[n] = src.y[i];
    domain[n] = src.expert[i];
  });
  return { T, points, labels, tokenIds: Int32Array.from(indices), domain };
}

export interface NetworkShape {
  d: number;
  classes: number;
  /** points and teacher: the input's width (default 2) */
  inputDim?: number;
  /**
   * points and teacher: the input weights' scale beside 1/√inputDim: the 2D sets span about
   * [-1, 1] and take 2, the teacher's N(0, 1) inputs 1 (default 1)
   */
  inputGain?: number;
  /** the input stage's bias: the standard deviation it is drawn with (default 0.5) */
  inputBias?: number;
  /** text: vocabulary size and context length; absent for points */
  vocab?: number;
  context?: number;
}

export class Network {
  readonly inW: tf.Variable;
  readonly inB: tf.Variable;
  readonly embedding: tf.Variable | null;
  readonly outW: tf.Variable;
  readonly outB: tf.Variable;

  constructor(
    init: Initializer,
    readonly shape: NetworkShape,
    readonly moe: MoeBlock,
  ) {
    const { d, classes, vocab, context } = shape;
    this.embedding = vocab ? init.normal([vocab, d], 0.5, 'embedding') : null;
    const inDim = vocab ? d * context! : (shape.inputDim ?? 2);
    this.inW = init.normal([inDim, d], Math.sqrt(1 / inDim) * (vocab ? 1 : (shape.inputGain ?? 1)), 'input.w');
    this.inB = init.normal([d], shape.inputBias ?? 0.5, 'input.b');
    this.outW = init.normal([d, classes], 1 / Math.sqrt(d), 'head.w');
    this.outB = init.constant([classes], 0, 'head.b');
  }

  get variables(): tf.Variable[] {
    return [this.inW, this.inB, ...(this.embedding ? [this.embedding] : []), this.outW, this.outB, ...this.moe.variables];
  }

  /** The token's hidden vector, the router's and experts' input: [T, d]. */
  embed(b: Batch): tf.Tensor2D {
    let input: tf.Tensor2D;
    if (this.embedding && b.context) {
      const c = this.shape.context!;
      // one-hot matmul instead of a gather: its gradient needs no UnsortedSegmentSum (wasm lacks it)
      const oneHot = tf.oneHot(tf.tensor1d(b.context, 'int32'), this.shape.vocab!);
      const vectors = linear(oneHot as tf.Tensor2D, this.embedding as tf.Tensor2D, { constantInput: true });
      input = tf.reshape(vectors, [b.T, c * this.shape.d]) as tf.Tensor2D;
    } else {
      input = tf.tensor2d(b.points!, [b.T, this.shape.inputDim ?? 2]);
    }
    // points are data; text's input is the embedding's output, which trains
    return linear(input, this.inW as tf.Tensor2D, { bias: this.inB as tf.Tensor1D, activation: 'tanh', constantInput: !b.context });
  }

  /** Class logits [T, classes] and what the MoE layer did. Call inside tidy or a tape. */
  forward(b: Batch, s: RouteSettings, path: ExpertPath = 'sparse'): { logits: tf.Tensor2D; layer: LayerOutput } {
    const hidden = this.embed(b);
    // the batch says how it is cut into sequences; a batch that does not (the partition map's
    // grid of points) is read with the settings' length; a batch's domains are the text's (the
    // teacher's hold its experts, not domains to route by)
    const domains = s.domainCount ? b.domain : undefined;
    const layer = this.moe.forward(hidden, { ...s, tokenIds: b.tokenIds, seqLen: b.seqLen ?? s.seqLen, domains }, path);
    const block = tf.add(hidden, layer.y) as tf.Tensor2D;
    const logits = linear(block, this.outW as tf.Tensor2D, { bias: this.outB as tf.Tensor1D });
    return { logits, layer };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** Mean softmax cross-entropy and accuracy of class logits against integer labels. */
export function taskLoss(logits: tf.Tensor2D, labels: Int32Array): { loss: tf.Scalar; accuracy: tf.Scalar } {
  const classes = logits.shape[1];
  const target = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
  const loss = tf.neg(tf.mean(tf.sum(tf.mul(target, tf.logSoftmax(logits)), 1))) as tf.Scalar;
  const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.tensor1d(labels, 'int32')), 'float32')) as tf.Scalar;
  return { loss, accuracy };
}
