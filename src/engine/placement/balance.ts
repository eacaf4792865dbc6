// How evenly a placement spreads the load over the GPUs, in EPLB's model: an expert's load splits
// evenly over its replicas.

import { positiveInt } from './slots';
import type { SlotMap } from './types';

function checkLoad(slots: SlotMap, expertLoad: ArrayLike<number>): void {
  if (expertLoad.length !== slots.replicas.length) {
    throw new RangeError(`expertLoad has length ${expertLoad.length}, expected the slot map's ${slots.replicas.length} experts`);
  }
}

/** [slots] load each slot serves: its expert's load over the expert's replicas. */
export function slotLoads(slots: SlotMap, expertLoad: ArrayLike<number>): Float64Array {
  checkLoad(slots, expertLoad);
  const out = new Float64Array(slots.expert.length);
  for (let s = 0; s < out.length; s++) {
    const e = slots.expert[s];
    out[s] = expertLoad[e] / slots.replicas[e];
  }
  return out;
}

/** [gpus] load each GPU serves: the sum of its slots' loads. */
export function gpuLoads(slots: SlotMap, expertLoad: ArrayLike<number>, gpus: number): Float64Array {
  positiveInt('gpus', gpus);
  const perSlot = slotLoads(slots, expertLoad);
  const out = new Float64Array(gpus);
  for (let s = 0; s < perSlot.length; s++) {
    const g = slots.gpu[s];
    if (g < 0 || g >= gpus) throw new RangeError(`slot ${s} is on GPU ${g}, outside 0..${gpus - 1}`);
    out[g] += perSlot[s];
  }
  return out;
}

/** Mean GPU load over the busiest GPU's: 1 is perfect balance (and all idle counts as balanced). */
export function balancedness(gpuLoad: ArrayLike<number>): number {
  if (gpuLoad.length === 0) throw new RangeError('gpuLoad must hold at least one GPU');
  let sum = 0;
  let max = 0;
  for (let g = 0; g < gpuLoad.length; g++) {
    sum += gpuLoad[g];
    max = Math.max(max, gpuLoad[g]);
  }
  return max === 0 ? 1 : sum / gpuLoad.length / max;
}
