// Soft MoE (Puigcerver et al. 2023) with one slot per expert: every token reaches every expert.
// dispatch = softmax over tokens per slot; combine = softmax over slots per token.

import { assemble } from './assemble';
import { softmaxColumns, softmaxRows } from './scores';
import { sortSlotsByWeight } from './topk';
import type { RoutingResult } from './contract';

export function routeSoft(logits: Float32Array, T: number, E: number): RoutingResult {
  return soft(logits, softmaxRows(logits, T, E, new Float32Array(T * E)), T, E);
}

export function soft(logits: Float32Array, probs: Float32Array, T: number, E: number): RoutingResult {
  const experts = new Int32Array(T * E);
  const weights = new Float32Array(T * E);
  for (let t = 0; t < T; t++) {
    for (let e = 0; e < E; e++) {
      experts[t * E + e] = e;
      weights[t * E + e] = probs[t * E + e];
    }
    sortSlotsByWeight(experts, weights, t * E, E);
  }
  const routing = assemble(T, E, probs, { k: E, experts, weights, dropped: new Uint8Array(T * E) }, null);
  routing.dispatch = softmaxColumns(logits, T, E);
  return routing;
}
