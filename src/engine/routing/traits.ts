// The one table of router schemes: what each one is (its traits) and how it routes. Everything
// outside src/engine/routing asks this table instead of comparing a scheme's name, so a new
// scheme is its routing file, an entry here, its gate twin and its text (docs/how-to.md).
// The list of schemes, their order in the controls, and route()'s dispatch are derived from it.

import { routeBase } from './base';
import { deepseekSelect } from './deepseek';
import { domainRandomSelect } from './domainRandom';
import { routeExpertChoice } from './expertChoice';
import { hashSelect } from './hash';
import { routeLory, routeSmear } from './merge';
import { noisyTopkSelect } from './noisyTopk';
import { perTokenRoute } from './perToken';
import { sinkhornSelect } from './sinkhorn';
import { routeSoft } from './soft';
import { tokenChoiceSelect } from './tokenChoice';
import type { Normalize, RouterOptions, RoutingResult, ScoreFunction } from './contract';

/** Inputs a scheme reads besides the logits (each one a setting or an array the trainer keeps). */
export type SchemeNeed =
  /** DeepSeek-V3's per-expert selection bias, and its update rate */
  | 'selection-bias'
  /** expert groups and the groups kept per token */
  | 'expert-groups'
  /** a factor on the routed experts' weights */
  | 'routed-scale'
  /** learned, input-dependent noise on the logits while training */
  | 'noise'
  /** the token's id (text) or the point's index (2D) */
  | 'token-ids'
  /** the token's domain (the text task's): domain-mapped routing picks a group of experts by it */
  | 'domains'
  /** the batch's sequences (seqLen, and Lory's segmentLen): expert merging merges per sequence or segment */
  | 'sequences';

/** How a chosen slot's gate weight is computed (docs/routing.md), before any routed scale. */
export type GateFormula =
  | Normalize
  /** sigmoid scores of the chosen experts, normalised to sum to 1 */
  | 'normalised-sigmoid'
  /** the sigmoid of the chosen expert's logit, alone */
  | 'sigmoid'
  /** every chosen expert weighs 1/k */
  | 'uniform'
  /** the token's softmax score for the expert that took it (expert choice) */
  | 'score'
  /** softmax over the tokens of each slot, and over the slots of each token (Soft MoE) */
  | 'soft'
  /**
   * expert merging: softmax over E of a group's mean logits (SMEAR: the token's sequence; Lory:
   * the previous segment), the same E weights for every token of the group
   */
  | 'merge';

/** A scheme's gate: one formula, or one its settings pick (gateFormula resolves it). */
export type SchemeGate =
  | GateFormula
  /** the normalize setting decides (softmax → top-k, top-k → softmax, or renormalised) */
  | 'normalize-setting'
  /**
   * DeepSeek's: the chosen scores (sigmoid or softmax, the score function setting), normalised to
   * sum to 1 or not (the normalize-weights setting)
   */
  | 'deepseek-settings'
  /** Megatron's Sinkhorn router: the sigmoid of the chosen logit for k = 1, its softmax for k > 1 */
  | 'sinkhorn';

/** The settings a gate or a score function can depend on (a subset of route()'s options). */
export type GateSettings = Pick<RouterOptions, 'k' | 'normalize' | 'scoreFunction' | 'normalizeWeights'>;

export interface SchemeTraits {
  /**
   * Each token picks k experts of its own: top-k applies, and capacity factors and drop policies
   * act on its choices. False: the experts pick tokens (a token gets 0..E) or every expert takes
   * a mix of all tokens; a snapshot's k is then E.
   */
  perToken: boolean;
  /** What a capacity factor sets: the experts' room for choices made per token, each expert's fixed take, or nothing. */
  capacity: 'per-token' | 'per-expert' | 'none';
  /** Whether choices can be dropped for capacity (a drop policy applies). */
  drops: boolean;
  /**
   * The load-balance loss: defined; not needed because the scheme balances by construction; or of
   * no use because the router's choices do not depend on its logits.
   */
  balance: 'loss' | 'by-construction' | 'fixed-routing';
  /**
   * What probs hold: softmax of the logits, or sigmoid (normalised per token inside the balance
   * loss), or whichever the score function setting says (scoreFunctionOf resolves it).
   */
  scores: ScoreFunction | 'score-function-setting';
  gate: SchemeGate;
  /** Whether training and inference select differently (route()'s mode), as upstream does. */
  modes: boolean;
  /**
   * Training gives every expert exactly T/E tokens and every token one expert (BASE layers): k
   * must be 1 and E must divide T.
   */
  exactShares: boolean;
  /**
   * route()'s time against token choice's at the same T, E and k, where a scheme does more than a
   * softmax and a top-k (Sinkhorn's balancing passes, BASE's assignment; bench/balancedRouting.ts),
   * and the float32-sized [T, E] arrays it holds beyond its scores: the step budget counts both
   */
  routeCost: { time: (T: number, E: number) => number; buffers: number };
  /**
   * How the layer combines the experts: per-token slots, expert-chosen slots, Soft MoE's mixed
   * slots, or one expert per sequence or segment merged from all experts' weights (SMEAR, Lory).
   */
  layer: 'token-slots' | 'expert-slots' | 'soft-slots' | 'merged';
  /** A merged layer's group of tokens that shares one merged expert: a sequence (SMEAR) or a segment (Lory). */
  mergeGroup?: 'sequence' | 'segment';
  /** A token's routing depends on it alone (false: on the whole batch, so not usable for decoding). */
  causal: boolean;
  needs: readonly SchemeNeed[];
  /** the scheme's routing; route() checks what all schemes share first and adds the scheme's name */
  route(logits: Float32Array, T: number, E: number, spec: RouterOptions): RoutingResult;
}

const PER_TOKEN = {
  perToken: true,
  capacity: 'per-token',
  drops: true,
  balance: 'loss',
  scores: 'softmax',
  layer: 'token-slots',
  causal: true,
  modes: false,
  exactShares: false,
  routeCost: { time: () => 1, buffers: 0 },
} as const;

/** SMEAR and Lory: one expert per sequence or segment, merged from all E experts' weights (merge.ts). */
const MERGED = {
  perToken: false,
  // merging computes one merged expert per group whatever the weights: nothing to hold or drop
  capacity: 'none',
  drops: false,
  // neither paper uses a balance loss: every expert's weights take part in every group's merge,
  // so no expert's compute can be overloaded
  balance: 'by-construction',
  scores: 'softmax',
  gate: 'merge',
  layer: 'merged',
  mergeGroup: 'sequence',
  // SMEAR averages the whole sequence, later tokens included
  causal: false,
  modes: false,
  exactShares: false,
  routeCost: { time: () => 1, buffers: 0 },
  needs: ['sequences'],
  route: routeSmear,
} as const;

export const SCHEME_TRAITS = {
  'token-choice': {
    ...PER_TOKEN,
    gate: 'normalize-setting',
    needs: [],
    route: perTokenRoute(tokenChoiceSelect),
  },
  'expert-choice': {
    perToken: false,
    capacity: 'per-expert',
    drops: false,
    balance: 'by-construction',
    scores: 'softmax',
    gate: 'score',
    layer: 'expert-slots',
    causal: false,
    modes: false,
    exactShares: false,
    routeCost: { time: () => 1, buffers: 0 },
    needs: [],
    route: routeExpertChoice,
  },
  deepseek: {
    ...PER_TOKEN,
    scores: 'score-function-setting',
    gate: 'deepseek-settings',
    needs: ['selection-bias', 'expert-groups', 'routed-scale'],
    route: perTokenRoute(deepseekSelect),
  },
  'noisy-topk': {
    ...PER_TOKEN,
    gate: 'topk-softmax',
    needs: ['noise'],
    route: perTokenRoute(noisyTopkSelect),
  },
  hash: {
    ...PER_TOKEN,
    balance: 'fixed-routing',
    gate: 'uniform',
    needs: ['token-ids'],
    route: perTokenRoute(hashSelect),
  },
  // PanGu-Σ's Random Routed Experts: hash routing inside the token's domain's group of experts
  'domain-random': {
    ...PER_TOKEN,
    balance: 'fixed-routing',
    gate: 'uniform',
    needs: ['domains', 'token-ids'],
    route: perTokenRoute(domainRandomSelect),
  },
  soft: {
    perToken: false,
    capacity: 'none',
    drops: false,
    balance: 'by-construction',
    scores: 'softmax',
    gate: 'soft',
    layer: 'soft-slots',
    causal: false,
    modes: false,
    exactShares: false,
    routeCost: { time: () => 1, buffers: 0 },
    needs: [],
    route: routeSoft,
  },
  sinkhorn: {
    ...PER_TOKEN,
    // Megatron refuses an auxiliary loss with this router: the balancing is the Sinkhorn passes
    balance: 'by-construction',
    gate: 'sinkhorn',
    // a token's training choice depends on the whole batch; its inference choice on itself alone
    causal: false,
    modes: true,
    // 3–4× at T = 1,024–4,096 over E = 64 (4–5 passes); its float64 costs and balanced scores
    routeCost: { time: () => 4, buffers: 3 },
    needs: [],
    route: perTokenRoute(sinkhornSelect),
  },
  base: {
    ...PER_TOKEN,
    // every expert takes exactly T/E tokens in training, so no capacity factor and no drops
    capacity: 'none',
    drops: false,
    balance: 'by-construction',
    gate: 'sigmoid',
    causal: false,
    modes: true,
    exactShares: true,
    // about 2× at T = 1,024–4,096 over E = 64, more as the shares shrink (14× at T = E = 512,
    // one token each: more tokens move along each path); its arrays grow with T and E², not T·E
    routeCost: { time: (T, E) => 2 + (12 * E) / T, buffers: 0 },
    needs: [],
    route: routeBase,
  },
  smear: MERGED,
  lory: {
    ...MERGED,
    mergeGroup: 'segment',
    // segment s merges with the weights of segment s − 1 of its sequence: usable for decoding (the
    // first segment uses its own, as the prompt's are used at inference; merge.ts)
    causal: true,
    route: routeLory,
  },
} as const satisfies Record<string, SchemeTraits>;

export type Scheme = keyof typeof SCHEME_TRAITS;

/** Every scheme, in the order the controls list them. */
export const SCHEMES = Object.keys(SCHEME_TRAITS) as readonly Scheme[];

export function isScheme(x: unknown): x is Scheme {
  return typeof x === 'string' && Object.hasOwn(SCHEME_TRAITS, x);
}

export function traitsOf(scheme: Scheme): SchemeTraits {
  return SCHEME_TRAITS[scheme];
}

export function needs(scheme: Scheme, need: SchemeNeed): boolean {
  return traitsOf(scheme).needs.includes(need);
}

/** The weight formula a run's chosen slots get: the scheme's own, or the one its settings pick. */
export function gateFormula(scheme: Scheme, settings: GateSettings): GateFormula {
  const { gate } = traitsOf(scheme);
  switch (gate) {
    case 'normalize-setting':
      return settings.normalize ?? 'topk-softmax';
    case 'deepseek-settings': {
      const normalise = settings.normalizeWeights ?? true;
      if (scoreFunctionOf(scheme, settings) === 'sigmoid') return normalise ? 'normalised-sigmoid' : 'sigmoid';
      return normalise ? 'softmax-topk-renorm' : 'softmax-topk';
    }
    case 'sinkhorn':
      return settings.k === 1 ? 'sigmoid' : 'softmax-topk';
    default:
      return gate;
  }
}

/** What a run's probs hold: the scheme's score function, or the one its settings pick. */
export function scoreFunctionOf(scheme: Scheme, settings: Pick<GateSettings, 'scoreFunction'>): ScoreFunction {
  const { scores } = traitsOf(scheme);
  return scores === 'score-function-setting' ? (settings.scoreFunction ?? 'sigmoid') : scores;
}
