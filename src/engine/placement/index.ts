// Expert placement: DeepSeek's EPLB, the placements without replicas, and the GPU balance they give.
export * from './types';
export { rebalanceExperts, eplbSteps } from './eplb';
export { slotMapOf, contiguousSlots, roundRobinSlots } from './slots';
export { placeExperts } from './place';
export { gpuLoads, balancedness, slotLoads } from './balance';
