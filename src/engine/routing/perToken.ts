// The pipeline of the schemes where each token picks k slots of its own (traits.ts, perToken):
// the scheme selects the slots and their weights; capacity, the drop policy and the combine are
// the same for all of them.

import { assemble } from './assemble';
import { dropForCapacity, tokenCapacity } from './capacity';
import type { RouterOptions, RoutingResult } from './contract';
import { capacityHundredths, checkDropPolicy } from './validate';

/** What a selection may report besides its slots, for the inspector to explain (contract.ts). */
export type SelectionExtras = Pick<RoutingResult, 'keptGroups' | 'balanced' | 'sinkhorn'>;

/** A scheme's selection: [T*k] experts by descending weight and their gate weights; fills probs [T*E]. */
export type SelectSlots = (
  logits: Float32Array,
  T: number,
  E: number,
  spec: RouterOptions,
  probs: Float32Array,
) => { experts: Int32Array; weights: Float32Array } & SelectionExtras;

export function perTokenRoute(select: SelectSlots) {
  return (logits: Float32Array, T: number, E: number, spec: RouterOptions): RoutingResult => {
    const { k } = spec;
    const policy = checkDropPolicy(spec.dropPolicy);
    const cf100 = spec.capacityFactor == null ? null : capacityHundredths(spec.capacityFactor);
    const probs = new Float32Array(T * E);
    const { experts, weights, ...extras } = select(logits, T, E, spec, probs);
    const capacity = cf100 === null ? null : tokenCapacity(T, k, E, cf100);
    const dropped =
      capacity === null ? new Uint8Array(T * k) : dropForCapacity(experts, weights, T, k, E, capacity, policy);
    const routing = assemble(T, E, probs, { k, experts, weights, dropped }, capacity);
    for (const [key, value] of Object.entries(extras)) if (value !== undefined) Object.assign(routing, { [key]: value });
    return routing;
  };
}
