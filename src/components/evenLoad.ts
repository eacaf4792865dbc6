// The even share of a batch's choices per expert, the line the load bars draw: k per token over
// the experts, or each token once where the experts pick (a snapshot's k is then E).

import { traitsOf } from '../engine/routing/traits';
import type { Snapshot } from '../worker/protocol';

export function evenLoad(s: Pick<Snapshot, 'T' | 'E' | 'k' | 'routedWith'>): number {
  return (s.T * (traitsOf(s.routedWith.scheme).perToken ? Math.min(s.k, s.E) : 1)) / s.E;
}
