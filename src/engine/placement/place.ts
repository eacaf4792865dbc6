// The placement a policy gives one layer: the page's one entry point to the three of them. Apart
// from slots.ts because EPLB's explanation (eplb.ts) reads slotMapOf, and this reads EPLB.

import { rebalanceExperts } from './eplb';
import { checkCluster, contiguousSlots, positiveInt, roundRobinSlots, slotMapOf } from './slots';
import type { ClusterShape, PlacementPolicy, SlotMap } from './types';

/**
 * One layer's slot map under `policy`. EPLB fills all `slots` (replicas = slots), balancing by
 * `load`; contiguous and round-robin place each expert once and leave the extra slots empty.
 */
export function placeExperts(
  policy: PlacementPolicy,
  load: Float64Array,
  experts: number,
  slots: number,
  groups: number,
  cluster: ClusterShape,
): SlotMap {
  positiveInt('experts', experts);
  positiveInt('slots', slots);
  checkCluster(cluster);
  if (load.length !== experts) throw new RangeError(`load has length ${load.length}, expected experts = ${experts}`);
  if (slots < experts) throw new RangeError(`slots must be at least experts (${experts}), got ${slots}`);
  const gpus = cluster.nodes * cluster.gpusPerNode;
  switch (policy) {
    case 'contiguous':
      return contiguousSlots(experts, gpus);
    case 'round-robin':
      return roundRobinSlots(experts, gpus);
    case 'eplb':
      return slotMapOf(rebalanceExperts(load, 1, experts, slots, groups, cluster.nodes, gpus), 0, gpus);
    default:
      throw new RangeError(`unknown placement policy '${policy as string}'`);
  }
}
