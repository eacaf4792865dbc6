// What the token inspector explains, derived from a snapshot alone: a token's choices, and for a
// dropped choice which tokens took the expert's slots first, in the order the drop policy
// queued them (docs/routing.md; src/engine/routing/capacity.ts does the dropping). Tokens are indices
// into the tokens a snapshot carries (all of the batch, or a sample: snapshotSample.ts), so the
// queue of a sampled snapshot holds the sampled tokens' choices only.

import { dropQueueOrder } from '../engine/routing/capacity';
import { deepseekPick, type GroupedPick } from '../engine/routing/deepseek';
import type { DropPolicy } from '../engine/routing/types';
import type { Snapshot } from '../worker/protocol';
import { shownOf } from '../worker/snapshotSample';

/** A snapshot's slot arrays and what they are read by: the flow, its summary and the inspector take these. */
export type SnapshotSlots = Pick<Snapshot, 'T' | 'k' | 'experts' | 'weights' | 'dropped'> & Partial<Pick<Snapshot, 'sample'>>;
type Slots = SnapshotSlots;

export interface QueuedChoice {
  token: number;
  slot: number;
  expert: number;
  weight: number;
  dropped: boolean;
}

export interface ChoiceInfo extends QueuedChoice {
  /** dropped choices: the choices that kept expert's slots, in the order they were queued */
  takenBy: QueuedChoice[];
}

const choiceAt = (k: number, s: Slots, i: number): QueuedChoice => ({
  token: Math.floor(i / k),
  slot: i % k,
  expert: s.experts[i],
  weight: s.weights[i],
  dropped: s.dropped[i] === 1,
});

/** Every choice sent to `expert`, in the order the policy queued them: the first C kept their place. */
export function expertQueue(s: Slots, expert: number, policy: DropPolicy): QueuedChoice[] {
  const queue: QueuedChoice[] = [];
  const { T, k } = shownOf(s);
  for (let i = 0; i < T * k; i++) if (s.experts[i] === expert) queue.push(choiceAt(k, s, i));
  return queue.sort(dropQueueOrder(policy, s.weights, k));
}

/** The choices of the t-th token carried, by descending weight (the slot order), -1 pads left out. */
export function slotsOfToken(s: Slots, t: number): QueuedChoice[] {
  const { T, k } = shownOf(s);
  if (t < 0 || t >= T) return [];
  const out: QueuedChoice[] = [];
  for (let j = 0; j < k; j++) if (s.experts[t * k + j] >= 0) out.push(choiceAt(k, s, t * k + j));
  return out;
}

/** A token's choices, best first, each dropped one with the kept choices that came before it. */
export function tokenChoices(s: Slots, token: number, policy: DropPolicy): ChoiceInfo[] {
  return slotsOfToken(s, token).map((choice) => ({
    ...choice,
    takenBy: choice.dropped ? expertQueue(s, choice.expert, policy).filter((c) => !c.dropped) : [],
  }));
}

export interface RankedScore {
  expert: number;
  score: number;
}

/** One token's scores over all experts, highest first (ties to the lower expert). */
export function rankedScores(probs: Float32Array, E: number, token: number): RankedScore[] {
  const row = Array.from(probs.subarray(token * E, (token + 1) * E), (score, expert) => ({ expert, score }));
  return row.sort((a, b) => b.score - a.score || a.expert - b.expert);
}

/** The group rule a DeepSeek batch was routed with (its routedWith settings). */
export type GroupRule = Omit<GroupedPick, 'k'>;

export interface BiasEffect {
  /** every expert: score, bias, score + bias; by biased score, highest first */
  ranked: { expert: number; score: number; bias: number; biased: number }[];
  /** the k experts the unbiased scores alone would pick (within the kept groups, when limited) */
  unbiased: number[];
  /** chosen, but not among the unbiased top k: the bias brought them in */
  added: number[];
  /** among the unbiased top k, but not chosen: pushed out */
  removed: number[];
}

/** DeepSeek-V3: how the selection bias changed a token's choice (weights still use the raw score). */
export function biasEffect(probs: Float32Array, bias: Float32Array, E: number, token: number, chosen: number[], groups: GroupRule): BiasEffect {
  const ranked = Array.from({ length: E }, (_, expert) => {
    const score = probs[token * E + expert];
    return { expert, score, bias: bias[expert], biased: score + bias[expert] };
  }).sort((a, b) => b.biased - a.biased || a.expert - b.expert);
  // the gate's own selection without the bias: the groups it would keep may differ too
  const row = probs.subarray(token * E, (token + 1) * E);
  const unbiased = deepseekPick(row, undefined, { ...groups, k: chosen.length }).experts;
  return {
    ranked,
    unbiased,
    added: chosen.filter((e) => !unbiased.includes(e)),
    removed: unbiased.filter((e) => !chosen.includes(e)),
  };
}

/** How a text token reads in a label: visible spaces and line breaks; the pad token (or none) as ∅. */
export function showToken(text: string | undefined): string {
  if (text === undefined || text === '') return '∅';
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}
