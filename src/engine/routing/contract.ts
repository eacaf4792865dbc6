// What a scheme's routing takes and gives, whatever the scheme: route()'s options and its arrays.
// Row-major typed arrays throughout: a [T*E] array holds token t's value for expert e at t*E + e.
// The scheme files read only this; types.ts adds the scheme's name (docs/architecture.md, docs/routing.md).

export type Normalize = 'softmax-topk' | 'topk-softmax' | 'softmax-topk-renorm';
export type DropPolicy = 'position' | 'slot-major' | 'probs' | 'bpr';

export const NORMALIZES: readonly Normalize[] = ['softmax-topk', 'topk-softmax', 'softmax-topk-renorm'];
export const DROP_POLICIES: readonly DropPolicy[] = ['position', 'slot-major', 'probs', 'bpr'];
/** What a router's scores are: the softmax of the logits over all E, or each logit's sigmoid. */
export type ScoreFunction = 'softmax' | 'sigmoid';
export const SCORE_FUNCTIONS: readonly ScoreFunction[] = ['sigmoid', 'softmax'];
/** How deepseek scores an expert group: its two best biased scores summed (V3), or its best (V2). */
export type GroupScore = 'top2-sum' | 'max';
export const GROUP_SCORES: readonly GroupScore[] = ['top2-sum', 'max'];
/** Training or inference: sinkhorn and base select differently in each, as upstream does. */
export type RouteMode = 'train' | 'eval';

/** route()'s options besides the scheme; each scheme reads the ones it needs (traits.ts). */
export interface RouterOptions {
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
  /** deepseek: 'sigmoid' (V3, default) or 'softmax' over all E (V2, V2-Lite, DeepSeekMoE) */
  scoreFunction?: ScoreFunction;
  /** deepseek: a group's score, 'top2-sum' (V3, default) or 'max' (V2's group_limited_greedy) */
  groupScore?: GroupScore;
  /** deepseek: chosen scores divided by their sum before the routed scale (default true; V2: false) */
  normalizeWeights?: boolean;
  /** sinkhorn and base: training selection (default) or inference selection */
  mode?: RouteMode;
  /** noisy-topk: [T*E] additive noise, already scaled (default none) */
  noise?: Float32Array;
  /** hash: [T] token ids (required); 2D data uses the point's index */
  tokenIds?: Int32Array;
  /** hash: seed of the hash (default 0) */
  seed?: number;
  /**
   * tokens per sequence: the batch is T/seqLen sequences of consecutive tokens (default 1, each
   * token alone); expert merging merges one expert per sequence (SMEAR) or per segment (Lory)
   */
  seqLen?: number;
  /** lory: tokens per segment, dividing seqLen */
  segmentLen?: number;
  /** domain-random: [T] each token's domain, and how many domains there are */
  domains?: Uint8Array;
  domainCount?: number;
}

/** What a scheme's routing returns; route() adds which scheme it was (Routing). */
export interface RoutingResult {
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
  /** deepseek with topkGroups < groups: [T*topkGroups] the groups each token was limited to, best first */
  keptGroups?: Int32Array;
  /** sinkhorn in training: [T*E] the Sinkhorn-balanced scores its selection ranked */
  balanced?: Float32Array;
  /** sinkhorn in training: the passes the balancing took, and whether it met its tolerance within its cap */
  sinkhorn?: { passes: number; converged: boolean };
  /**
   * base in training: [E] the experts' prices, a certificate of the exact assignment: every
   * token's expert maximises its logit minus that expert's price
   */
  prices?: Float32Array;
  /**
   * smear and lory: [G*E] the merge weights of each group of tokens that shares one merged
   * expert (a sequence, or a segment), and the tokens per group; every token of group g has
   * weights[g] as its combine row
   */
  merge?: {
    weights: Float32Array;
    groupLen: number;
    /**
     * [G] the group whose mean logits gave group g's weights (g itself for SMEAR, g − 1 for
     * Lory), or −1 where the weights are taken as constants (Lory's first segment of a sequence
     * uses its own, with the gradient to the router stopped)
     */
    from: Int32Array;
  };
}
