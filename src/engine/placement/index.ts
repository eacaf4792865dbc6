// Expert placement: DeepSeek's EPLB, the placements without replicas, the GPU balance they give, and
// the all-to-all traffic a batch's routing makes on them.
export * from './types';
export { rebalanceExperts, eplbSteps } from './eplb';
export { slotMapOf, contiguousSlots, roundRobinSlots } from './slots';
export { placeExperts } from './place';
export { gpuLoads, balancedness, slotLoads } from './balance';
export { dispatchTraffic, dispatchWithSpread, trafficBytes } from './traffic';
