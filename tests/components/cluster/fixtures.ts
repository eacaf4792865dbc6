// Hand-made cluster data for the cluster views: slot maps, EPLB's steps and one batch's traffic,
// with numbers small enough to check by eye.

import type { EplbSteps, SlotMap, Traffic, TrafficBytes } from '../../../src/engine/placement/types';

/** A slot map from each slot's expert and GPU; replicas counted from them. */
export function slotMap(expert: number[], gpu: number[], experts: number): SlotMap {
  const replicas = new Int32Array(experts);
  for (const e of expert) replicas[e]++;
  return { expert: Int32Array.from(expert), gpu: Int32Array.from(gpu), replicas };
}

/** Contiguous placement: E experts in order, E/G per GPU (the first GPUs one more when G does not divide E). */
export function contiguousSlots(experts: number, gpus: number): SlotMap {
  const e = Array.from({ length: experts }, (_, i) => i);
  return slotMap(
    e,
    e.map((i) => Math.floor((i * gpus) / experts)),
    experts,
  );
}

/**
 * 2 nodes × 2 GPUs, 8 experts in 4 groups of 2, 12 slots (3 per GPU). Groups 0, 1 (loads 10, 40)
 * went to node 0, groups 2, 3 (20, 30) to node 1; experts 2 and 3 got 2 replicas, expert 6 got 3.
 */
export function eplbSteps(): EplbSteps {
  const slots = slotMap([2, 3, 0, 2, 3, 1, 6, 4, 5, 6, 7, 6], [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], 8);
  return {
    hierarchical: true,
    groups: 4,
    nodes: 2,
    groupLoad: Float64Array.of(10, 40, 20, 30),
    groupNode: Int32Array.of(0, 0, 1, 1),
    replicas: slots.replicas,
    slots,
  };
}

/** EPLB's global path on the same slots: one group on one packing node. */
export function eplbGlobal(): EplbSteps {
  const s = eplbSteps();
  return { ...s, hierarchical: false, groups: 1, nodes: 1, groupLoad: Float64Array.of(100), groupNode: Int32Array.of(0) };
}

/**
 * One batch on 2 nodes × 2 GPUs. Row i sends to column j:
 *   [5 3 | 2 0]
 *   [1 6 | 0 4]
 *   [0 2 | 7 1]
 *   [3 0 | 2 4]
 * within GPU 22 (the diagonal), within node 7, across nodes 11.
 */
export function traffic(): Traffic {
  return {
    gpus: 4,
    gpusPerNode: 2,
    sent: Float64Array.of(5, 3, 2, 0, 1, 6, 0, 4, 0, 2, 7, 1, 3, 0, 2, 4),
    computed: Float64Array.of(9, 11, 11, 9),
    withinGpu: 22,
    withinNode: 7,
    acrossNode: 11,
    choices: 45,
  };
}

/** traffic() priced at hidden 64, 1 byte out (FP8) and 2 back (BF16): 64 B and 128 B per send. */
export function trafficBytes(): TrafficBytes {
  const out = { withinGpu: 22 * 64, withinNode: 7 * 64, acrossNode: 11 * 64 };
  const back = { withinGpu: 22 * 128, withinNode: 7 * 128, acrossNode: 11 * 128 };
  return { out, back, total: out.withinNode + out.acrossNode + back.withinNode + back.acrossNode, crossNode: out.acrossNode + back.acrossNode };
}

/** Bytes with only the cross-node total set, for the device-limited comparison. */
export function crossNodeBytes(crossNode: number): TrafficBytes {
  const zero = { withinGpu: 0, withinNode: 0, acrossNode: 0 };
  return { out: zero, back: zero, total: crossNode, crossNode };
}
