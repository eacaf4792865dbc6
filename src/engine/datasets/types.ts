// The dataset contract shared by the trainer, the views and the tests. Row-major typed arrays:
// a [N*d] array holds example i's values at i*d .. i*d + d - 1.

import type { DatasetName, PointSetName } from '../config';

export type { DatasetName };
export type PointsName = PointSetName;

export interface DatasetOptions {
  name: DatasetName;
  /** points: total points, train and test together. text, corpus, teacher: ignored */
  size: number;
  /** 0..1; points: position jitter, so labels near a boundary become ambiguous. text, corpus, teacher: ignored */
  noise: number;
  /** integer; the same options give identical data, byte for byte. corpus: ignored; teacher: its weights and held-out split; text: its held-out split */
  seed: number;
  /**
   * points: an integer in 1..DETAIL_LEVELS (3), how fine the shape is: rings of clusters 1/4/6,
   * spiral turns 1.5/3/4.5, checkerboard cells per side 4/6/8, rings 3/9/12 (pointShapes.ts);
   * default 1, the shapes of older links. text, corpus, teacher: ignored
   */
  detail?: number;
  /** text, corpus, own: tokens of causal context including the current one (default 3) */
  context?: number;
  /** own (required there): the user's text (datasets/own) */
  ownText?: string;
  /** teacher (required there): the input dimension; 2 draws the partition map */
  inputDim?: number;
  /** teacher (required there): its number of experts */
  teacherExperts?: number;
  /** points, corpus; default 0.2 */
  testFraction?: number;
}

export interface PointsSplit {
  /** [N*2] coordinates, about [-1, 1] (noise can push a point slightly past) */
  x: Float32Array;
  /** [N] class */
  y: Int32Array;
}

export interface PointsData {
  kind: 'points';
  name: PointsName;
  classes: number;
  inputDim: 2;
  train: PointsSplit;
  test: PointsSplit;
}

export interface TextSplit {
  /** [N*context] token ids of positions t-context+1..t, the current token last; 0 pads before a document */
  context: Int32Array;
  /** [N] the next token id (t+1); never the pad id */
  target: Int32Array;
  /** [N] index into TextData.domains */
  domain: Uint8Array;
}

/** Next-token prediction: the fixed corpus (name 'corpus'), the grammars' stream (name 'text') or the user's own text ('own'). */
export interface TextData {
  kind: 'text';
  name: 'text' | 'corpus' | 'own';
  /** id → token; id 0 is the pad token '' */
  vocab: string[];
  context: number;
  /** display names, in the order of domainIds */
  domains: readonly string[];
  /** stable ids: 'en', 'zh', 'code', 'math'; the own text's 'own-0', 'own-1', … */
  domainIds: readonly string[];
  /** the corpus's fixed training positions; null for the stream, whose steps draw fresh ones (drawText) */
  train: TextSplit | null;
  /** held-out positions: the corpus's last documents, or the stream's fixed sentences, shuffled */
  test: TextSplit;
  /**
   * the stream's held-out positions in sentence order, before the shuffle that makes `test`:
   * where consecutive positions are read as a sequence (seqLen > 1); absent for the corpus, whose
   * `test` is in document order already
   */
  testInOrder?: TextSplit;
  /** the stream's held-out sentences, which its training draws skip; null for the corpus */
  heldOut: ReadonlySet<string> | null;
}

/** The hidden teacher MoE that labels the teacher data (datasets/teacher.ts): plain arrays. */
export interface TeacherNet {
  /** input dimension, teacher experts, each expert's hidden width, classes */
  D: number;
  Et: number;
  H: number;
  C: number;
  /** [D*Et] router weights and [Et] biases, calibrated so each expert takes about 1/Et of the inputs */
  router: Float32Array;
  routerBias: Float32Array;
  /** per teacher expert: [D*H] and [H] of its ReLU layer, [H*C] of its output */
  inW: Float32Array[];
  inB: Float32Array[];
  outW: Float32Array[];
}

export interface TeacherSplit {
  /** [N*D] inputs, each coordinate ~ N(0, 1) */
  x: Float32Array;
  /** [N] class, sampled from the teacher's tempered softmax */
  y: Int32Array;
  /** [N] the teacher expert that labelled each example */
  expert: Uint8Array;
}

/** Unlimited data: no fixed training split; each step draws fresh examples (drawTeacher). */
export interface TeacherData {
  kind: 'teacher';
  name: 'teacher';
  inputDim: number;
  classes: number;
  /** teacher experts */
  experts: number;
  net: TeacherNet;
  /** the held-out examples, from a seed stream of their own */
  test: TeacherSplit;
}

export type Dataset = PointsData | TextData | TeacherData;
