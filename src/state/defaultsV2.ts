// The defaults that version 2 links were written against. A v2 link leaves out every value equal
// to these, so a key missing from it means the value here, whatever SCHEMA's defaults are now.
// NEVER CHANGE THIS OBJECT: old links would silently open with other settings. It is a literal on
// purpose (not derived from SCHEMA), so a change of SCHEMA's defaults cannot reach it.
//
// Version 3 made the teacher task the default, with Switch-style gates and a teacher over 16
// inputs, and drew the 2D sets at shape detail 2. `dataDetail`, `inputDim` and `teacherExperts`
// came with version 3, but version 2 (and 1) drew the 2D sets at detail 1 and had a teacher of 8
// inputs and 8 experts: they are here, at those values, so older links keep their data (the rule
// that a new key reads as its first later default holds only for a default that does what links
// did before).

import type { MoeConfig } from './schema';

export const DEFAULTS_V2: Readonly<Partial<MoeConfig>> = Object.freeze({
  seed: 1,
  dataset: 'clusters',
  dataSize: 1000,
  dataNoise: 0.1,
  dataDetail: 1,
  context: 3,
  inputDim: 8,
  teacherExperts: 8,
  tokens: 256,
  experts: 8,
  topK: 2,
  fineGrain: 1,
  scheme: 'token-choice',
  normalize: 'topk-softmax',
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
  d: 16,
  h: 32,
  lr: 0.01,
  backend: 'auto',
});
