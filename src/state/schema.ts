// The one parameter table. Controls, the URL codec, validation and presets are all driven by it,
// so a parameter cannot be in the UI but missing from the URL, or accept a value the engine
// cannot run. The settings themselves and their defaults are the engine's (src/engine/config.ts).

import { BACKENDS, BALANCE_TYPES, DATASET_NAMES, ROUTER_KINDS, DEFAULT_CONFIG as D, isClusterKey, isLiveKey, PLACEMENT_POLICIES, WEIGHT_INITS, type MoeConfig } from '../engine/config';
import { DETAIL_LEVELS } from '../engine/datasets';
import { DROP_POLICIES, GROUP_SCORES, NORMALIZES, SCORE_FUNCTIONS } from '../engine/routing/types';
import { SCHEMES } from '../engine/routing/traits';

export { BACKENDS, DATASET_NAMES, type BackendChoice, type DatasetName, type MoeConfig } from '../engine/config';

interface Base {
  /** short key in the URL */
  url: string;
}
export interface IntDef extends Base {
  kind: 'int';
  default: number;
  min: number;
  max: number;
  /** allowed values, when only some integers in range are */
  options?: readonly number[];
}
export interface FloatDef extends Base {
  kind: 'float';
  default: number | null;
  min: number;
  max: number;
  step: number;
  /** null is allowed and means "dropless" (capacity factors) */
  nullable?: boolean;
  scale?: 'linear' | 'log';
}
export interface EnumDef<T extends string> extends Base {
  kind: 'enum';
  default: T;
  options: readonly T[];
}
export interface BoolDef extends Base {
  kind: 'bool';
  default: boolean;
}

type DefFor<V> = [V] extends [boolean]
  ? BoolDef
  : [V] extends [string]
    ? EnumDef<V>
    : [V] extends [number]
      ? IntDef | FloatDef
      : FloatDef;
type Rows = { [K in keyof MoeConfig]: DefFor<MoeConfig[K]> };
/**
 * A row and whether changing it needs a new model (weights are rebuilt), derived from the
 * engine's LIVE_KEYS and CLUSTER_KEYS: the settings the trainer takes live, and those it never
 * reads, are listed once, there.
 */
export type Schema = { [K in keyof MoeConfig]: DefFor<MoeConfig[K]> & { readonly rebuild: boolean } };

const ROWS: Rows = {
  seed: { kind: 'int', url: 's', default: D.seed, min: 0, max: 2_147_483_647 },
  weightInit: { kind: 'enum', url: 'wi', default: D.weightInit, options: WEIGHT_INITS },
  dataset: { kind: 'enum', url: 'data', default: D.dataset, options: DATASET_NAMES },
  dataSize: { kind: 'int', url: 'n', default: D.dataSize, min: 100, max: 5000 },
  dataNoise: { kind: 'float', url: 'noise', default: D.dataNoise, min: 0, max: 1, step: 0.05 },
  dataDetail: { kind: 'int', url: 'detail', default: D.dataDetail, min: 1, max: DETAIL_LEVELS },
  context: { kind: 'int', url: 'ctx', default: D.context, min: 1, max: 6 },
  // the own text's hash (datasets/own/hash.ts), a whole number below 2^53; 0 (no text) for every older link
  ownText: { kind: 'int', url: 'tx', default: D.ownText, min: 0, max: Number.MAX_SAFE_INTEGER },
  inputDim: { kind: 'int', url: 'dim', default: D.inputDim, min: 2, max: 32 },
  // at most 32: the calibration to equal shares reaches them within a third of a second there; a
  // teacher of 64 took seconds and still left experts at a fifth of their share
  teacherExperts: { kind: 'int', url: 'tE', default: D.teacherExperts, min: 1, max: 32 },
  tokens: { kind: 'int', url: 'T', default: D.tokens, min: 16, max: 16384 },
  // a sequence is at most the largest batch; validate.ts makes T a multiple of it
  seqLen: { kind: 'int', url: 'L', default: D.seqLen, min: 1, max: 1024 },
  experts: { kind: 'int', url: 'E', default: D.experts, min: 1, max: 512 },
  topK: { kind: 'int', url: 'k', default: D.topK, min: 1, max: 512 },
  fineGrain: { kind: 'int', url: 'm', default: D.fineGrain, min: 1, max: 8, options: [1, 2, 4, 8] },
  scheme: { kind: 'enum', url: 'r', default: D.scheme, options: SCHEMES },
  normalize: { kind: 'enum', url: 'norm', default: D.normalize, options: NORMALIZES },
  capacityFactor: { kind: 'float', url: 'cf', default: D.capacityFactor, min: 0.25, max: 4, step: 0.05, nullable: true },
  evalCapacityFactor: { kind: 'float', url: 'ecf', default: D.evalCapacityFactor, min: 0.25, max: 4, step: 0.05, nullable: true },
  dropPolicy: { kind: 'enum', url: 'drop', default: D.dropPolicy, options: DROP_POLICIES },
  sharedExperts: { kind: 'int', url: 'sh', default: D.sharedExperts, min: 0, max: 8 },
  sharedGate: { kind: 'bool', url: 'shg', default: D.sharedGate },
  balanceCoef: { kind: 'float', url: 'a', default: D.balanceCoef, min: 0, max: 0.1, step: 0.001, scale: 'log' },
  balanceType: { kind: 'enum', url: 'blt', default: D.balanceType, options: BALANCE_TYPES },
  globalWindow: { kind: 'int', url: 'gw', default: D.globalWindow, min: 1, max: 256 },
  // DeepSeek-V2 used 0.05 for its device-level loss
  deviceBalanceCoef: { kind: 'float', url: 'ad', default: D.deviceBalanceCoef, min: 0, max: 0.1, step: 0.001, scale: 'log' },
  zLossCoef: { kind: 'float', url: 'z', default: D.zLossCoef, min: 0, max: 0.1, step: 0.0001, scale: 'log' },
  biasRate: { kind: 'float', url: 'g', default: D.biasRate, min: 0, max: 0.1, step: 0.0001, scale: 'log' },
  routerNoise: { kind: 'float', url: 'rn', default: D.routerNoise, min: 0, max: 4, step: 0.05 },
  groups: { kind: 'int', url: 'grp', default: D.groups, min: 1, max: 64 },
  topkGroups: { kind: 'int', url: 'kg', default: D.topkGroups, min: 1, max: 64 },
  // up to DeepSeek-V2's 16
  routedScale: { kind: 'float', url: 'rs', default: D.routedScale, min: 0.1, max: 16, step: 0.1 },
  scoreFunction: { kind: 'enum', url: 'sf', default: D.scoreFunction, options: SCORE_FUNCTIONS },
  groupScore: { kind: 'enum', url: 'gs', default: D.groupScore, options: GROUP_SCORES },
  normalizeWeights: { kind: 'bool', url: 'nw', default: D.normalizeWeights },
  routerKind: { kind: 'enum', url: 'rk', default: D.routerKind, options: ROUTER_KINDS },
  // H must divide d (validate.ts); MH-MoE used 2 to 12 heads
  heads: { kind: 'int', url: 'mh', default: D.heads, min: 1, max: 16, options: [1, 2, 4, 8, 16] },
  segmentLen: { kind: 'int', url: 'seg', default: D.segmentLen, min: 1, max: 512 },
  d: { kind: 'int', url: 'd', default: D.d, min: 2, max: 128 },
  h: { kind: 'int', url: 'h', default: D.h, min: 2, max: 512 },
  lr: { kind: 'float', url: 'lr', default: D.lr, min: 0.0001, max: 0.3, step: 0.0001, scale: 'log' },
  backend: { kind: 'enum', url: 'be', default: D.backend, options: BACKENDS },
  // the cluster: up to 32 nodes of 16 GPUs, 512 GPUs, so the map and the GPU × GPU matrix stay
  // drawable live (DeepSeek-V3 trained on 256 nodes; its serving
  // layouts use 4 to 40); replica slots are on top of each GPU's ⌈E/G⌉, so any E fits
  nodes: { kind: 'int', url: 'nodes', default: D.nodes, min: 1, max: 32 },
  gpusPerNode: { kind: 'int', url: 'gpn', default: D.gpusPerNode, min: 1, max: 16, options: [1, 2, 4, 8, 16] },
  replicaSlotsPerGpu: { kind: 'int', url: 'xs', default: D.replicaSlotsPerGpu, min: 0, max: 16 },
  placement: { kind: 'enum', url: 'pl', default: D.placement, options: PLACEMENT_POLICIES },
  loadWindow: { kind: 'int', url: 'lw', default: D.loadWindow, min: 1, max: 1000 },
  replaceEvery: { kind: 'int', url: 'rp', default: D.replaceEvery, min: 0, max: 10000 },
  hiddenSize: { kind: 'int', url: 'hid', default: D.hiddenSize, min: 64, max: 65536 },
  bytesOut: { kind: 'int', url: 'bo', default: D.bytesOut, min: 1, max: 4, options: [1, 2, 4] },
  bytesBack: { kind: 'int', url: 'bb', default: D.bytesBack, min: 1, max: 4, options: [1, 2, 4] },
};

export const PARAM_KEYS = Object.keys(ROWS) as (keyof MoeConfig)[];

export const SCHEMA = Object.fromEntries(PARAM_KEYS.map((key) => [key, { ...ROWS[key], rebuild: !isLiveKey(key) && !isClusterKey(key) }])) as Schema;

export function schemaDefaults(): MoeConfig {
  return Object.fromEntries(PARAM_KEYS.map((key) => [key, SCHEMA[key].default])) as unknown as MoeConfig;
}
