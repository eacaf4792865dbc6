// The settings one run is made of, their types and defaults: what the engine needs to build and
// train a model. The page's view of them (URL keys, ranges for the controls, which ones rebuild,
// labels) is src/state/schema.ts, keyed by these names; the engine never imports the page.

import { gateFormula, scoreFunctionOf, type GateFormula } from './routing/traits';
import type { DropPolicy, GroupScore, Normalize, Scheme, ScoreFunction } from './routing/types';
import type { PlacementPolicy } from './placement/types';

/** The 2D point sets (datasets/pointShapes.ts). */
export const POINT_SET_NAMES = ['clusters', 'spirals', 'checkerboard', 'rings'] as const;
export type PointSetName = (typeof POINT_SET_NAMES)[number];
/** Every task, in the order the dataset control lists them: the default first. */
/**
 * 'text' streams fresh sentences from small grammars; 'corpus' is the small fixed corpus of link
 * versions 1 and 2; 'own' is the user's own text (`ownText`, datasets/own)
 */
export const DATASET_NAMES = ['teacher', ...POINT_SET_NAMES, 'text', 'corpus', 'own'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];
export const isPointSet = (name: string): name is PointSetName => POINT_SET_NAMES.some((p) => p === name);
/** The datasets whose examples are token windows (TextData). */
export const isTextDataset = (name: string): name is 'text' | 'corpus' | 'own' => name === 'text' || name === 'corpus' || name === 'own';
/**
 * Whether a run's inputs are points of the plane, which the partition map draws: the 2D sets,
 * and the teacher task over 2 inputs.
 */
export const drawsPlane = (c: Pick<MoeConfig, 'dataset' | 'inputDim'>): boolean =>
  isPointSet(c.dataset) || (c.dataset === 'teacher' && c.inputDim === 2);
/** The tfjs backends a run can train on (model/backend.ts starts them). */
export const BACKEND_NAMES = ['wasm', 'webgl', 'webgpu', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export const isBackendName = (name: string): name is BackendName => BACKEND_NAMES.some((b) => b === name);
/** The backend setting: one of them, or `auto` (the worker picks; src/worker/backendChoice.ts). */
export const BACKENDS = ['auto', ...BACKEND_NAMES] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/**
 * How the initial weights are drawn from the seed: per weight name (and per expert), so runs that
 * differ in E or the task share the weights whose shapes agree, or in one stream (links before
 * version 5). model/init.ts.
 */
export const WEIGHT_INITS = ['by-name', 'stream'] as const;
export type WeightInit = (typeof WEIGHT_INITS)[number];

/** How experts go onto a cluster's slots (engine/placement): no replicas, or DeepSeek's EPLB. */
export { PLACEMENT_POLICIES, type PlacementPolicy } from './placement/types';

/**
 * Which token counts the load-balance loss weighs the router's scores by, as Megatron-LM's
 * moe_router_load_balancing_type names them: the micro-batch's ('aux_loss', the loss before
 * sequences existed), each sequence's, averaged over the sequences ('seq_aux_loss',
 * DeepSeek-V2/V3), or the counts of the last G steps ('global_aux_loss': Megatron's are the
 * global batch's micro-batches; the lab takes one micro-batch a step). model/balanceVariants.ts.
 */
export const BALANCE_TYPES = ['aux', 'seq', 'global'] as const;
export type BalanceType = (typeof BALANCE_TYPES)[number];

/**
 * How a token's router logits are made: one linear map of the token (every router until Yuan
 * 2.0-M32), or Yuan 2.0-M32's attention router, softmax(q kᵀ) v among the experts over three
 * linear maps q, k, v of the token to length E. model/router.ts.
 */
export const ROUTER_KINDS = ['linear', 'attention'] as const;
export type RouterKind = (typeof ROUTER_KINDS)[number];

export interface MoeConfig {
  seed: number;
  weightInit: WeightInit;
  dataset: DatasetName;
  dataSize: number;
  dataNoise: number;
  /** the 2D sets: how fine the shape is, 1 (the first shapes) to 3 */
  dataDetail: number;
  context: number;
  /**
   * the hash of the user's own text the 'own' task trains on (datasets/own/hash.ts); 0: none.
   * The text itself never enters the config (a link carries only this)
   */
  ownText: number;
  /** teacher: the input dimension and the teacher's number of experts */
  inputDim: number;
  teacherExperts: number;
  tokens: number;
  /**
   * tokens per sequence L: a batch is T/L sequences of L consecutive tokens (contiguous windows of
   * the text, L consecutive examples of the other tasks); 1, the default, is a batch of
   * independent positions, as before sequences existed
   */
  seqLen: number;
  experts: number;
  topK: number;
  fineGrain: number;
  scheme: Scheme;
  normalize: Normalize;
  capacityFactor: number | null;
  evalCapacityFactor: number | null;
  dropPolicy: DropPolicy;
  sharedExperts: number;
  sharedGate: boolean;
  balanceCoef: number;
  /** which counts the balance loss uses (BALANCE_TYPES), and G, the steps of 'global' */
  balanceType: BalanceType;
  globalWindow: number;
  /** DeepSeek-V2's device-level balance loss α₂, over the expert groups as devices (0: off) */
  deviceBalanceCoef: number;
  zLossCoef: number;
  biasRate: number;
  routerNoise: number;
  groups: number;
  topkGroups: number;
  routedScale: number;
  /** deepseek: sigmoid scores (V3) or softmax (V2); a group's score; whether chosen scores are normalised */
  scoreFunction: ScoreFunction;
  groupScore: GroupScore;
  normalizeWeights: boolean;
  /** the router's logits: a linear map or Yuan 2.0-M32's attention router */
  routerKind: RouterKind;
  /**
   * MH-MoE's heads H: each token is projected and split into H sub-tokens of width d/H, routed
   * on their own and merged back by a learned projection (1: the plain layer)
   */
  heads: number;
  /** Lory's segment length S: the tokens that share one merged expert */
  segmentLen: number;
  d: number;
  h: number;
  lr: number;
  backend: BackendChoice;
  /**
   * The cluster the run's routing is drawn on (placement and traffic): nodes × GPUs per node,
   * the slots each GPU has beyond its share of the experts, ⌈E/G⌉ (EPLB fills them with replicas), the placement policy, the moving-average
   * window and re-placement period in steps (0: place once), and the real model's hidden size and
   * bytes per value out and back. The trainer never reads them (CLUSTER_KEYS).
   */
  nodes: number;
  gpusPerNode: number;
  replicaSlotsPerGpu: number;
  placement: PlacementPolicy;
  loadWindow: number;
  replaceEvery: number;
  hiddenSize: number;
  bytesOut: number;
  bytesBack: number;
}

/**
 * Settings of the cluster the routing is drawn on, not of the model: the trainer never reads
 * them, so changing one neither rebuilds nor reaches the worker, a run stays its preset whatever
 * they are, and a sweep or an experiment's cache ignores them.
 */
export const CLUSTER_KEYS = [
  'nodes',
  'gpusPerNode',
  'replicaSlotsPerGpu',
  'placement',
  'loadWindow',
  'replaceEvery',
  'hiddenSize',
  'bytesOut',
  'bytesBack',
] as const satisfies readonly (keyof MoeConfig)[];
export type ClusterKey = (typeof CLUSTER_KEYS)[number];

export function isClusterKey(key: string): key is ClusterKey {
  return (CLUSTER_KEYS as readonly string[]).includes(key);
}

/**
 * Settings a trainer takes between steps, without rebuilding the model: the trainer reads them
 * at every step. Every other setting is read when the model is built, so changing it rebuilds
 * (and the trainer refuses it live rather than silently ignoring it).
 */
export const LIVE_KEYS = [
  'lr',
  'balanceCoef',
  'balanceType',
  'globalWindow',
  'deviceBalanceCoef',
  'zLossCoef',
  'biasRate',
  'capacityFactor',
  'evalCapacityFactor',
  'dropPolicy',
  'scheme',
  'normalize',
  'topK',
  'tokens',
  'groups',
  'topkGroups',
  'routedScale',
  'scoreFunction',
  'groupScore',
  'normalizeWeights',
  'segmentLen',
] as const satisfies readonly (keyof MoeConfig)[];
export type LiveKey = (typeof LIVE_KEYS)[number];

export function isLiveKey(key: string): key is LiveKey {
  return (LIVE_KEYS as readonly string[]).includes(key);
}

/** The defaults of today's link format; a change here changes what a link without that key means. */
export const DEFAULT_CONFIG: Readonly<MoeConfig> = Object.freeze({
  seed: 1,
  weightInit: 'by-name',
  dataset: 'teacher',
  dataSize: 1000,
  dataNoise: 0.1,
  dataDetail: 2,
  context: 3,
  ownText: 0,
  inputDim: 16,
  teacherExperts: 8,
  tokens: 256,
  seqLen: 1,
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
  balanceType: 'aux',
  // Megatron's global batches hold a handful to hundreds of micro-batches
  globalWindow: 8,
  deviceBalanceCoef: 0,
  zLossCoef: 0.001,
  biasRate: 0.001,
  routerNoise: 1,
  groups: 1,
  topkGroups: 1,
  routedScale: 1,
  scoreFunction: 'sigmoid',
  groupScore: 'top2-sum',
  normalizeWeights: true,
  routerKind: 'linear',
  heads: 1,
  segmentLen: 4,
  d: 16,
  h: 32,
  lr: 0.01,
  backend: 'auto',
  // two nodes of four GPUs, each with a slot for its expert and one for a replica (DeepSeek-V3
  // serves with 8 experts and 1 replica a GPU)
  nodes: 2,
  gpusPerNode: 4,
  replicaSlotsPerGpu: 1,
  placement: 'eplb',
  loadWindow: 20,
  replaceEvery: 50,
  // a 4,096-wide model (Mixtral's) sending BF16 both ways
  hiddenSize: 4096,
  bytesOut: 2,
  bytesBack: 2,
} satisfies MoeConfig);

export interface EffectiveSizes {
  /** routed experts: E·m */
  E: number;
  /** experts per token: k·m, never more than E·m */
  k: number;
  /** hidden width of each expert: h/m, so compute per token stays the same */
  h: number;
}

/** The sizes a run trains once fine-grained segmentation (DeepSeekMoE) splits each expert into m. */
export function effectiveSizes(c: MoeConfig): EffectiveSizes {
  const m = c.fineGrain;
  const E = c.experts * m;
  return { E, k: Math.min(E, c.topK * m), h: Math.max(1, Math.round(c.h / m)) };
}

/** The weight formula a run's chosen slots get (routing/traits.ts gateFormula, fed from the settings). */
export function gateOf(c: MoeConfig): GateFormula {
  return gateFormula(c.scheme, { k: effectiveSizes(c).k, normalize: c.normalize, scoreFunction: c.scoreFunction, normalizeWeights: c.normalizeWeights });
}

/** What a run's router scores are: softmax or sigmoid. */
export function scoreFunctionOfConfig(c: Pick<MoeConfig, 'scheme' | 'scoreFunction'>): ScoreFunction {
  return scoreFunctionOf(c.scheme, c);
}
