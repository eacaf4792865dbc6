// Parameters and forward FLOPs per token of the toy MoE layer, counted the way the trainer builds
// it (src/engine/model/layer.ts, router.ts, experts.ts): router d·E without bias (3·d·E for the
// attention router, whose E × E matrix per token adds 2·E² multiply-adds); each routed expert
// d→h→d with both biases; shared experts as one wide MLP (S·h hidden units, one output bias).
// Fine-grained segmentation turns E experts of width h into E·m experts of width h/m. MH-MoE
// (multiHead.ts) with H heads routes H sub-tokens of width d/H per token, to experts d/H → h/H →
// d/H, through the two d×d projections W_head and W_merge.

import { effectiveSizes } from '../engine/model/config';
import { mergeGroupLen } from '../engine/model/mergedBudget';
import { traitsOf } from '../engine/routing/traits';
import { expertChoiceCapacity } from '../engine/routing/capacity';
import type { MoeConfig } from '../state/schema';

export interface LayerCost {
  /** routed experts after fine-grained segmentation (E·m), their width (h/m) and the k·m per token */
  experts: number;
  expertHidden: number;
  k: number;
  router: number;
  /**
   * the router's forward multiply-adds per token: d·E (linear), or 3·d·E + 2·E² for Yuan
   * 2.0-M32's attention router (q, k, v, then q kᵀ and attention·v over its E × E matrix)
   */
  routerMacs: number;
  /** the router network is the attention router */
  attentionRouter: boolean;
  /** dense MoE: a token-choice scheme with k = E, every expert runs for every token */
  denseMoe: boolean;
  /** noisy top-k's learned noise scale: d·E weights and E biases */
  noise: number;
  /** one routed expert: d·h + h + h·d + d */
  perExpert: number;
  routed: number;
  shared: number;
  total: number;
  /** MH-MoE's W_head and W_merge: 2·d² (0 with one head) */
  projections: number;
  /** the width the router and experts see: d, or MH-MoE's sub-token width d/H */
  width: number;
  /**
   * experts one token runs on average: k, or the mean under expert choice and Soft MoE; MH-MoE:
   * its H sub-tokens' choices, at most E (distinct experts, if no two sub-tokens share one)
   */
  activeExperts: number;
  /** parameters that touch one token's output */
  active: number;
  /** forward multiply-adds per token, matmuls only (biases and ReLU left out) */
  macs: number;
  /** 2·MACs */
  flops: number;
  /** active / total */
  ratio: number;
}

/** Multiply-adds of one d→h→d MLP on one token. */
const mlpMacs = (d: number, h: number) => 2 * d * h;

export function layerCost(c: MoeConfig): LayerCost {
  const { E, k, h: split } = effectiveSizes(c);
  // the width routed: the token's (one head) or a sub-token's, d/H; a link before heads has none
  const H = c.heads > 1 ? c.heads : 1;
  const d = c.d / H;
  const h = H > 1 ? Math.max(1, Math.round(split / H)) : split;
  const projections = H > 1 ? 2 * c.d * c.d : 0;
  const S = c.sharedExperts;
  const attentionRouter = c.routerKind === 'attention';
  const router = (attentionRouter ? 3 : 1) * d * E;
  const routerMacs = router + (attentionRouter ? 2 * E * E : 0);
  const traits = traitsOf(c.scheme);
  // the noise net's weights (Shazeer et al. 2017: W_noise and its bias)
  const noise = traits.needs.includes('noise') ? d * E + E : 0;
  const perExpert = d * h + h + h * d + d;
  const routed = E * perExpert;
  const shared = S > 0 ? d * S * h + S * h + S * h * d + d + (c.sharedGate ? d : 0) : 0;
  const total = router + noise + routed + shared + projections;

  // experts per token: expert choice gives each expert C = min(T, ceil(T·CF/E)) tokens, so E·C/T
  // on average; Soft MoE runs each expert once on a mix of all T tokens, so E/T per token
  let activeExperts = k;
  let mixing = 0;
  if (traits.layer === 'expert-slots') {
    const T = c.tokens * H;
    const cf = c.capacityFactor ?? 2;
    activeExperts = (E * expertChoiceCapacity(T, E, Math.round(cf * 100))) / T;
  } else if (traits.layer === 'soft-slots') {
    activeExperts = E / (c.tokens * H);
    // dispatch into E slots and combine back out: d·E multiply-adds each, per token
    mixing = 2 * d * E;
  } else if (traits.layer === 'merged') {
    // SMEAR, Lory: one merged expert per token, built once per group of L (or S) tokens from all
    // E experts' weights, E·(weights of one expert) multiply-adds shared by the group's tokens
    activeExperts = 1;
    mixing = (E * perExpert) / mergeGroupLen(c);
  }
  // per sub-token, H of them a token; with one head the sub-token is the token
  const subMacs = routerMacs + (noise ? d * E : 0) + activeExperts * mlpMacs(d, h) + mixing + S * mlpMacs(d, h) + (S > 0 && c.sharedGate ? d : 0);
  const macs = H * subMacs + projections;
  activeExperts = Math.min(E, H * activeExperts);
  const active = traits.layer === 'soft-slots' || traits.layer === 'merged' ? total : router + noise + activeExperts * perExpert + shared + projections;
  return {
    experts: E,
    expertHidden: h,
    k,
    router,
    routerMacs,
    attentionRouter,
    denseMoe: traits.perToken && k === E,
    noise,
    perExpert,
    routed,
    shared,
    projections,
    width: d,
    total,
    activeExperts,
    active,
    macs,
    flops: 2 * macs,
    ratio: total > 0 ? active / total : 0,
  };
}

const SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** "46.7B" → 46.7e9; "1.57T", "600B", "2.8B", "12,900"; undefined when it is not such a number. */
export function parseCount(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^\s*([\d.,]+)\s*([KMBT]?)\s*$/i.exec(text);
  if (!m) return undefined;
  const value = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const unit = SUFFIXES.find(([, s]) => s === m[2].toUpperCase());
  return unit ? value * unit[0] : value;
}

/** 8704 → "8,704"; 1.2e6 → "1.2M"; 3.7e10 → "37B": exact below a million, three digits above. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  if (abs < 1e6) return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1);
  const [size, suffix] = SUFFIXES.find(([s]) => abs >= s)!;
  return `${Number((n / size).toPrecision(3))}${suffix}`;
}

export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '–';
  const p = 100 * ratio;
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}
