// The defaults that version 4 links were written against. A v4 link leaves out every value equal
// to these, so a key missing from it means the value here, whatever SCHEMA's defaults are now.
// NEVER CHANGE THIS OBJECT: old links would silently open with other settings. It is a literal on
// purpose (not derived from SCHEMA), so a change of SCHEMA's defaults cannot reach it.
//
// Version 5 changed how the initial weights are drawn (model/init.ts): per weight name, so A/B
// arms that differ in E or the task start equal where their shapes agree. Every link before it
// drew them in one stream, so `weightInit` is here at 'stream' (versions 1–3 read it from here).

import type { MoeConfig } from './schema';

export const DEFAULTS_V4: Readonly<Partial<MoeConfig>> = Object.freeze({
  seed: 1,
  weightInit: 'stream',
  dataset: 'teacher',
  dataSize: 1000,
  dataNoise: 0.1,
  dataDetail: 2,
  context: 3,
  inputDim: 16,
  teacherExperts: 8,
  tokens: 256,
  experts: 8,
  topK: 2,
  fineGrain: 1,
  scheme: 'token-choice',
  normalize: 'softmax-topk',
  capacityFactor: 1.25,
  evalCapacityFactor: 2,
  dropPolicy: 'slot-major',
  sharedExperts: 0,
  sharedGate: false,
  balanceCoef: 0.01,
  zLossCoef: 0.001,
  biasRate: 0.001,
  routerNoise: 1,
  groups: 1,
  topkGroups: 1,
  routedScale: 1,
  scoreFunction: 'sigmoid',
  groupScore: 'top2-sum',
  normalizeWeights: true,
  d: 16,
  h: 32,
  lr: 0.01,
  backend: 'auto',
});
