// The dataset contract shared by the trainer, the views and the tests. Row-major typed arrays:
// a [N*d] array holds example i's values at i*d .. i*d + d - 1.

export type PointsName = 'clusters' | 'spirals' | 'checkerboard' | 'rings';
export type DatasetName = PointsName | 'text';

export interface DatasetOptions {
  name: DatasetName;
  /** points: total points, train and test together. text: ignored, the corpus is fixed */
  size: number;
  /** 0..1; points: position jitter, so labels near a boundary become ambiguous. text: ignored */
  noise: number;
  /** integer; the same options give identical data, byte for byte. text: ignored */
  seed: number;
  /** text: tokens of causal context including the current one (default 3) */
  context?: number;
  /** default 0.2 */
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

export interface TextData {
  kind: 'text';
  name: 'text';
  /** id → token; id 0 is the pad token '' */
  vocab: string[];
  context: number;
  /** display names, in the order of domainIds */
  domains: readonly string[];
  /** stable ids: 'en', 'zh', 'code', 'math' */
  domainIds: readonly string[];
  train: TextSplit;
  test: TextSplit;
}

export type Dataset = PointsData | TextData;
