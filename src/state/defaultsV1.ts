// The defaults that version 1 links were written against. A v1 link leaves out every value equal
// to these, so a key missing from it means the value here, whatever SCHEMA's defaults are now.
// NEVER CHANGE THIS OBJECT: old links would silently open with other settings. It is a literal on
// purpose (not derived from SCHEMA), so a change of SCHEMA's defaults cannot reach it. It holds
// the settings there were then; a setting added later is not added here (urlVersions.ts).

import type { MoeConfig } from './schema';

export const DEFAULTS_V1: Readonly<Partial<MoeConfig>> = Object.freeze({
  seed: 1,
  dataset: 'clusters',
  dataSize: 1000,
  dataNoise: 0.1,
  context: 3,
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
