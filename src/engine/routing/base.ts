// BASE layers (Lewis et al. 2021, fairseq BaseLayer): in training every expert takes exactly
// T/E tokens, one expert per token, the assignment that maximises the sum of the chosen logits
// (solved exactly, with prices that certify it: balancedAssignment.ts); at inference each token
// takes its best expert, so the load is whatever it is (fairseq's greedy_assignment). Either way
// the gate weight is the sigmoid of the token's logit for its expert, fairseq's alpha; fairseq
// also adds (1 − alpha) times the token itself, which is the layer's business, not the router's.

import { assemble } from './assemble';
import { argmaxRow, balancedAssignment } from './balancedAssignment';
import type { RouterOptions, RoutingResult } from './contract';
import { sigmoid, softmaxRows } from './scores';
import { fail } from './validate';

export function routeBase(logits: Float32Array, T: number, E: number, spec: RouterOptions): RoutingResult {
  if (spec.k !== 1) fail(`base routes each token to one expert: k must be 1, got ${spec.k}`);
  const mode = spec.mode ?? 'train';
  if (mode !== 'train' && mode !== 'eval') fail(`unknown mode '${String(spec.mode)}'; expected 'train' or 'eval'`);
  let experts: Int32Array;
  let prices: Float32Array | undefined;
  let capacity: number | null = null;
  if (mode === 'train') {
    const solved = balancedAssignment(logits, T, E);
    experts = solved.expert;
    prices = Float32Array.from(solved.prices);
    capacity = T / E;
  } else {
    experts = new Int32Array(T);
    for (let t = 0; t < T; t++) experts[t] = argmaxRow(logits, t * E, E);
  }
  const weights = new Float32Array(T);
  for (let t = 0; t < T; t++) weights[t] = sigmoid(logits[t * E + experts[t]]);
  const probs = softmaxRows(logits, T, E, new Float32Array(T * E));
  const routing = assemble(T, E, probs, { k: 1, experts, weights, dropped: new Uint8Array(T) }, capacity);
  if (prices) routing.prices = prices;
  return routing;
}
