// Index plans that turn a Routing into gathers: which token fills each expert slot, and the
// inverse maps the hand-written gradients need. Pure TypeScript over typed arrays.
// Slots are numbered slot-major: slot c of expert e is row c·E + e of the [slots, E, d]
// buffer the experts run on (experts.ts wants the expert as the innermost dimension).

import type { Routing } from '../routing/types';

export interface SlotPlan {
  /** slots per expert in the [slots, E, d] buffer the experts run on */
  slots: number;
  /** [slots*E] token in each slot (slot c of expert e at c·E + e); unused slots read token 0 and are never combined */
  tokenOfSlot: Int32Array;
  /** slots each token fills, r per token, padded with E*slots (reads as zero) */
  slotsOfToken: Int32Array;
  r: number;
  /** [E*slots] gate weight of each slot's token for that expert */
  weightOfSlot?: Float32Array;
}

export interface ChoicePlan extends SlotPlan {
  /** [T*k] slot holding choice (t, j); 0 where dropped (its gate is zeroed) */
  slotOfChoice: Int32Array;
  /** [E*slots] choice (t*k + j) in each slot, T*k where unused */
  choiceOfSlot: Int32Array;
  /** [T*k] 1 where the choice was kept */
  keep: Float32Array;
  /** [T*k, 2] (token, expert) of each choice, for a GatherNd into [T, E] scores */
  choiceIdx: Int32Array;
  /** [T*E] the choice at each flat index t*E + e, T*k where none; only when asked for */
  choiceOfFlat?: Int32Array;
}

export function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Slots per expert. A fixed capacity keeps one buffer shape for the whole run; dropless
 * buffers follow the largest load, rounded up to a power of two so WebGL compiles a few
 * shader shapes rather than one per step.
 */
export function slotsPerExpert(r: Routing): number {
  if (r.capacity !== null) return Math.max(1, r.capacity);
  let max = 1;
  for (let e = 0; e < r.E; e++) if (r.load[e] > max) max = r.load[e];
  return nextPow2(max);
}

/**
 * Plan for the schemes where tokens choose (token-choice, noisy-topk, deepseek, hash).
 * `inverse`: also the [T·E] choiceOfFlat (the gate gradient by gather, for the GPU backends).
 */
export function planChoices(r: Routing, inverse = false): ChoicePlan {
  const { T, E, k } = r;
  const slots = slotsPerExpert(r);
  const M = E * slots;
  const tokenOfSlot = new Int32Array(M);
  const choiceOfSlot = new Int32Array(M).fill(T * k);
  const slotOfChoice = new Int32Array(T * k);
  const slotsOfToken = new Int32Array(T * k).fill(M);
  const keep = new Float32Array(T * k);
  const choiceIdx = new Int32Array(T * k * 2);
  const choiceOfFlat = inverse ? new Int32Array(T * E).fill(T * k) : undefined;
  const fill = new Int32Array(E);
  for (let i = 0; i < T * k; i++) {
    const t = (i / k) | 0;
    const e = r.experts[i];
    choiceIdx[2 * i] = t;
    choiceIdx[2 * i + 1] = e;
    if (choiceOfFlat) choiceOfFlat[t * E + e] = i;
    if (r.dropped[i]) continue;
    const s = fill[e]++ * E + e;
    tokenOfSlot[s] = t;
    choiceOfSlot[s] = i;
    slotOfChoice[i] = s;
    slotsOfToken[i] = s;
    keep[i] = 1;
  }
  return { slots, tokenOfSlot, slotsOfToken, r: k, slotOfChoice, choiceOfSlot, keep, choiceIdx, choiceOfFlat };
}

/** Plan for expert choice: each expert's C tokens fill its C slots, best first. */
export function planExpertChoice(r: Routing): SlotPlan & { flatOfSlot: Int32Array; slotOfFlat: Int32Array } {
  const { T, E } = r;
  const slots = r.capacity!;
  const M = E * slots;
  const expertTokens = r.expertTokens!; // [E, C], expert-major
  const tokenOfSlot = new Int32Array(M);
  const perToken = new Int32Array(T);
  for (let i = 0; i < M; i++) perToken[expertTokens[i]]++;
  let most = 1;
  for (let t = 0; t < T; t++) if (perToken[t] > most) most = perToken[t];
  const width = nextPow2(most);
  const slotsOfToken = new Int32Array(T * width).fill(M);
  const flatOfSlot = new Int32Array(M);
  const slotOfFlat = new Int32Array(T * E).fill(M);
  const weightOfSlot = new Float32Array(M);
  perToken.fill(0);
  for (let e = 0; e < E; e++) {
    for (let c = 0; c < slots; c++) {
      const t = expertTokens[e * slots + c];
      const s = c * E + e;
      tokenOfSlot[s] = t;
      slotsOfToken[t * width + perToken[t]++] = s;
      flatOfSlot[s] = t * E + e;
      slotOfFlat[t * E + e] = s;
      weightOfSlot[s] = r.probs[t * E + e];
    }
  }
  return { slots, tokenOfSlot, slotsOfToken, r: width, weightOfSlot, flatOfSlot, slotOfFlat };
}
