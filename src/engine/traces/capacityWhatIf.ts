// What a capacity factor would have dropped from a recorded layer: the trace's choices (and gate
// weights, where it has them) run through route()'s own capacity and drop code
// (routing/capacity.ts), so the trace page and the lab drop the same choices for the same inputs.

import { dropForCapacity, tokenCapacity } from '../routing/capacity';
import { DROP_POLICIES, type DropPolicy } from '../routing/contract';
import { memo } from './memo';
import type { TraceLayer } from './types';

/** The policies that order an expert's queue by gate weight: a trace without weights cannot run them. */
const NEEDS_WEIGHTS: ReadonlySet<DropPolicy> = new Set<DropPolicy>(['probs', 'bpr']);

export const policyNeedsWeights = (policy: DropPolicy): boolean => NEEDS_WEIGHTS.has(policy);

/** The drop policies a layer can be replayed under: all four with weights, else those that need none. */
export function policiesFor(layer: Pick<TraceLayer, 'weights'>): DropPolicy[] {
  return DROP_POLICIES.filter((p) => layer.weights !== undefined || !policyNeedsWeights(p));
}

/** The policy the what-if runs: the one asked for, or where the layer cannot run it (no weights) the first it can. */
export function runnablePolicy(layer: Pick<TraceLayer, 'weights'>, wanted: DropPolicy): DropPolicy {
  const policies = policiesFor(layer);
  return policies.includes(wanted) ? wanted : policies[0];
}

export interface CapacityWhatIf {
  /** C = ⌈T·k·CF/E⌉ choices per expert */
  capacity: number;
  /** [E] choices sent to each expert (pads left out) */
  load: Int32Array;
  /** [E] of those, the ones that fit in C */
  kept: Int32Array;
  /** [T*k] 1 where the slot's choice is dropped */
  dropped: Uint8Array;
  /** choices in the layer (pads left out) and how many were dropped */
  choices: number;
  droppedChoices: number;
  /** droppedChoices / choices (0 when there are none) */
  droppedShare: number;
  /** tokens that lost at least one choice, and those that lost all of theirs */
  tokensHit: number;
  tokensLost: number;
}

/**
 * Replays a layer's choices under capacity factor cf100 (hundredths: 125 = 1.25) and a drop policy.
 * Throws when the policy needs gate weights the layer does not have (ask policiesFor first).
 */
export function capacityWhatIf(layer: TraceLayer, cf100: number, policy: DropPolicy): CapacityWhatIf {
  return memo(layer, `capacity ${cf100} ${policy}`, () => replay(layer, cf100, policy));
}

function replay(layer: TraceLayer, cf100: number, policy: DropPolicy): CapacityWhatIf {
  const { E, k, T, experts } = layer;
  if (policyNeedsWeights(policy) && !layer.weights) throw new RangeError(`capacityWhatIf: ${policy} needs gate weights`);
  // the position and slot-major policies never read a weight
  const weights = layer.weights ?? new Float32Array(T * k);
  const capacity = tokenCapacity(T, k, E, cf100);
  const dropped = dropForCapacity(experts, weights, T, k, E, capacity, policy);
  const load = new Int32Array(E);
  const kept = new Int32Array(E);
  let choices = 0;
  let droppedChoices = 0;
  let tokensHit = 0;
  let tokensLost = 0;
  for (let t = 0; t < T; t++) {
    let mine = 0;
    let lost = 0;
    for (let j = 0; j < k; j++) {
      const i = t * k + j;
      const e = experts[i];
      if (e < 0) continue;
      mine++;
      load[e]++;
      if (dropped[i]) lost++;
      else kept[e]++;
    }
    choices += mine;
    droppedChoices += lost;
    if (lost > 0) tokensHit++;
    if (mine > 0 && lost === mine) tokensLost++;
  }
  return { capacity, load, kept, dropped, choices, droppedChoices, droppedShare: choices > 0 ? droppedChoices / choices : 0, tokensHit, tokensLost };
}
