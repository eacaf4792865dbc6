// DeepSeek's gate, V3's and V2's in one (inference/model.py Gate.forward in both repositories):
// scores by sigmoid (V3) or softmax over all E (V2, V2-Lite, DeepSeekMoE); selection by score +
// bias; group-limited selection, a group scored by its two best scores (V3) or its best (V2's
// group_limited_greedy, groups being devices); weights = chosen scores, normalised (V3) or not
// (V2), times routedScale.

import type { SelectSlots } from './perToken';
import { sigmoid } from './scores';
import { sortSlotsByWeight, topkInto } from './topk';
import { GROUP_SCORES, SCORE_FUNCTIONS, type GroupScore, type RouterOptions, type ScoreFunction } from './contract';
import { softmaxRowInto } from './scores';
import { checkFinite, checkLength, fail } from './validate';

export interface DeepseekOptions {
  bias: Float32Array | undefined;
  groups: number;
  topkGroups: number;
  routedScale: number;
  scoreFunction: ScoreFunction;
  groupScore: GroupScore;
  normalizeWeights: boolean;
}

/** V3's group score: the sum of the two largest biased scores in the group (the one score if it has one). */
function topTwoSum(biased: ArrayLike<number>, start: number, size: number): number {
  let first = -Infinity;
  let second = -Infinity;
  for (let i = start; i < start + size; i++) {
    const v = biased[i];
    if (v > first) {
      second = first;
      first = v;
    } else if (v > second) second = v;
  }
  return size === 1 ? first : first + second;
}

/** V2's group score: the group's best biased score. */
function best(biased: ArrayLike<number>, start: number, size: number): number {
  let first = -Infinity;
  for (let i = start; i < start + size; i++) if (biased[i] > first) first = biased[i];
  return first;
}

/** How a token's experts are picked from its biased scores: the group rule and k. */
export type GroupedPick = Pick<DeepseekOptions, 'groups' | 'topkGroups' | 'groupScore'> & { k: number };

/** Every group's score from one token's biased scores [E], as the gate ranks groups (the inspector shows them). */
export function groupScores(biased: ArrayLike<number>, groups: number, rule: GroupScore): number[] {
  const size = biased.length / groups;
  const score = rule === 'max' ? best : topTwoSum;
  return Array.from({ length: groups }, (_, g) => score(biased, g * size, size));
}

/** Scratch arrays for picking one token's experts, reused from token to token. */
class PickScratch {
  readonly gScores: Float64Array;
  readonly allowed: Uint8Array;
  readonly topk: Float64Array;
  constructor(E: number, o: GroupedPick) {
    this.gScores = new Float64Array(o.groups);
    this.allowed = new Uint8Array(E);
    this.topk = new Float64Array(Math.max(o.k, o.topkGroups));
  }
}

/**
 * One token's selection from its biased scores [E]: the kept groups (when fewer are kept than
 * there are) into keptGroups at gOff, then the k best experts in them into experts at off. Excluded
 * groups leave the selection entirely (the official -inf mask, not Hugging Face's 0.0).
 */
function pickInto(biased: Float64Array, E: number, o: GroupedPick, s: PickScratch, experts: Int32Array, off: number, keptGroups?: Int32Array, gOff = 0): void {
  let mask: Uint8Array | undefined;
  if (keptGroups) {
    const size = E / o.groups;
    const groupScore = o.groupScore === 'max' ? best : topTwoSum;
    for (let g = 0; g < o.groups; g++) s.gScores[g] = groupScore(biased, g * size, size);
    topkInto(s.gScores, 0, o.groups, o.topkGroups, keptGroups, gOff, s.topk);
    s.allowed.fill(0);
    for (let n = gOff; n < gOff + o.topkGroups; n++) s.allowed.fill(1, keptGroups[n] * size, (keptGroups[n] + 1) * size);
    mask = s.allowed;
  }
  topkInto(biased, 0, E, o.k, experts, off, s.topk, mask);
}

/**
 * The experts (by rank) and kept groups DeepSeek's gate picks for one token from its scores and
 * an optional bias: the selection route() makes, for the inspector to ask "and without the bias?".
 */
export function deepseekPick(scores: ArrayLike<number>, bias: ArrayLike<number> | undefined, o: GroupedPick): { experts: number[]; keptGroups: number[] } {
  const E = scores.length;
  const biased = Float64Array.from(scores, (v, e) => v + (bias ? bias[e] : 0));
  const experts = new Int32Array(o.k);
  const keptGroups = o.topkGroups < o.groups ? new Int32Array(o.topkGroups) : undefined;
  pickInto(biased, E, o, new PickScratch(E, o), experts, 0, keptGroups);
  return { experts: Array.from(experts), keptGroups: keptGroups ? Array.from(keptGroups) : [] };
}

export function deepseekSlots(
  logits: Float32Array,
  T: number,
  E: number,
  k: number,
  opts: DeepseekOptions,
  probs: Float32Array,
): { experts: Int32Array; weights: Float32Array; keptGroups?: Int32Array } {
  const { bias, topkGroups, groups, routedScale, normalizeWeights } = opts;
  const softmax = opts.scoreFunction === 'softmax';
  const pick: GroupedPick = { groups, topkGroups, groupScore: opts.groupScore, k };
  const keptGroups = topkGroups < groups ? new Int32Array(T * topkGroups) : undefined;
  const experts = new Int32Array(T * k);
  const weights = new Float32Array(T * k);
  const scores = new Float64Array(E);
  const biased = new Float64Array(E);
  const scratch = new PickScratch(E, pick);
  for (let t = 0; t < T; t++) {
    const base = t * E;
    // the row on its own, so the float64 scores index from 0 (biased is scratch until it is filled)
    if (softmax) softmaxRowInto(logits.subarray(base, base + E), 0, E, scores, biased);
    else for (let e = 0; e < E; e++) scores[e] = sigmoid(logits[base + e]);
    for (let e = 0; e < E; e++) {
      biased[e] = scores[e] + (bias ? bias[e] : 0);
      probs[base + e] = scores[e];
    }
    const off = t * k;
    pickInto(biased, E, pick, scratch, experts, off, keptGroups, t * topkGroups);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += scores[experts[off + j]];
    const scale = normalizeWeights ? routedScale / sum : routedScale;
    for (let j = 0; j < k; j++) weights[off + j] = scores[experts[off + j]] * scale;
    // DeepSeek orders by biased score; here slots go by weight like every scheme (docs/routing.md)
    sortSlotsByWeight(experts, weights, off, k);
  }
  return { experts, weights, keptGroups };
}

export const deepseekSelect: SelectSlots = (logits, T, E, spec, probs) =>
  deepseekSlots(logits, T, E, spec.k, deepseekOptions(spec, E), probs);

function deepseekOptions(spec: RouterOptions, E: number): DeepseekOptions {
  const groups = spec.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1 || E % groups !== 0) {
    fail(`groups must be a positive integer that divides E (E = ${E}), got ${groups}`);
  }
  const topkGroups = spec.topkGroups ?? groups;
  if (!Number.isInteger(topkGroups) || topkGroups < 1 || topkGroups > groups) {
    fail(`topkGroups must be an integer in 1..groups (groups = ${groups}), got ${topkGroups}`);
  }
  const held = topkGroups * (E / groups);
  if (spec.k > held) {
    fail(`k = ${spec.k} is more than the ${held} experts that ${topkGroups} kept group(s) of ${E / groups} hold`);
  }
  const routedScale = spec.routedScale ?? 1;
  if (!Number.isFinite(routedScale) || routedScale <= 0) fail(`routedScale must be > 0, got ${routedScale}`);
  checkLength(spec.bias, 'bias', E, 'E');
  if (spec.bias) checkFinite(spec.bias, 'bias', 1);
  const scoreFunction = spec.scoreFunction ?? 'sigmoid';
  if (!SCORE_FUNCTIONS.includes(scoreFunction)) {
    fail(`unknown scoreFunction '${String(spec.scoreFunction)}'; expected one of ${SCORE_FUNCTIONS.join(', ')}`);
  }
  const groupScore = spec.groupScore ?? 'top2-sum';
  if (!GROUP_SCORES.includes(groupScore)) {
    fail(`unknown groupScore '${String(spec.groupScore)}'; expected one of ${GROUP_SCORES.join(', ')}`);
  }
  const normalizeWeights = spec.normalizeWeights ?? true;
  if (typeof normalizeWeights !== 'boolean') fail(`normalizeWeights must be true or false, got ${String(normalizeWeights)}`);
  return { bias: spec.bias, groups, topkGroups, routedScale, scoreFunction, groupScore, normalizeWeights };
}
