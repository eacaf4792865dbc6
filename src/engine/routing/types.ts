// The engine contract (docs/architecture.md; conventions in docs/routing.md). Row-major typed arrays throughout:
// a [T*E] array holds token t's value for expert e at t*E + e.

import type { Scheme } from './traits';

/** A router scheme: the keys of the scheme table (traits.ts), which also lists them (SCHEMES). */
export type { Scheme };
export type Normalize = 'softmax-topk' | 'topk-softmax' | 'softmax-topk-renorm';
export type DropPolicy = 'position' | 'slot-major' | 'probs' | 'bpr';

export const NORMALIZES: readonly Normalize[] = ['softmax-topk', 'topk-softmax', 'softmax-topk-renorm'];
export const DROP_POLICIES: readonly DropPolicy[] = ['position', 'slot-major', 'probs', 'bpr'];

export interface RouterSpec {
  scheme: Scheme;
  /** experts per token (token-choice, deepseek, noisy-topk, hash) */
  k: number;
  /** token-choice and noisy-topk; default 'topk-softmax' */
  normalize?: Normalize;
  /** null/undefined: dropless (expert-choice: always has one, default 2) */
  capacityFactor?: number | null;
  /** default 'slot-major' */
  dropPolicy?: DropPolicy;
  /** deepseek: [E] correction bias, used for selection only (default zeros) */
  bias?: Float32Array;
  /** deepseek: expert groups, must divide E (default 1) */
  groups?: number;
  /** deepseek: groups kept per token (default = groups) */
  topkGroups?: number;
  /** deepseek: routed scaling factor (default 1) */
  routedScale?: number;
  /** noisy-topk: [T*E] additive noise, already scaled (default none) */
  noise?: Float32Array;
  /** hash: [T] token ids (required); 2D data uses the point's index */
  tokenIds?: Int32Array;
  /** hash: seed of the hash (default 0) */
  seed?: number;
}

export interface Routing {
  /** which scheme produced this (so losses can tell) */
  scheme: Scheme;
  T: number;
  E: number;
  /** slots per token in experts/weights/dropped: spec.k, or E for expert-choice and soft */
  k: number;
  /** [T*E] scores: softmax of the clean logits (sigmoid for deepseek), before bias */
  probs: Float32Array;
  /** [T*k] expert of (token t, slot j); slots by descending weight; -1 pads unused slots */
  experts: Int32Array;
  /** [T*k] gate weight of that choice, before any drop */
  weights: Float32Array;
  /** [T*k] 1 where that choice was dropped for capacity */
  dropped: Uint8Array;
  /** tokens per expert; null when dropless */
  capacity: number | null;
  /** [E] choices per expert before dropping */
  load: Int32Array;
  /** [E] choices per expert after dropping */
  kept: Int32Array;
  /** [T*E] weight of expert e's output in token t; 0 if not chosen or dropped */
  combine: Float32Array;
  /** expert-choice: [E*C] tokens each expert took, best first */
  expertTokens?: Int32Array;
  /** soft: [T*E] weight of token t in expert e's single slot (softmax over tokens) */
  dispatch?: Float32Array;
}
