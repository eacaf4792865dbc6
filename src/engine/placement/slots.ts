// One layer's slot map (which expert each physical slot holds, on which GPU) from EPLB's placement,
// and the two placements without replicas that EPLB is compared with.

import type { ClusterShape, Placement, SlotMap } from './types';

/** The placement's size checks: a count of layers, experts, slots, nodes or GPUs. */
export function positiveInt(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
}

/** A cluster's size checks: nodes and GPUs per node, each a positive integer. */
export function checkCluster(cluster: ClusterShape): void {
  positiveInt('cluster.nodes', cluster.nodes);
  positiveInt('cluster.gpusPerNode', cluster.gpusPerNode);
}

/** A slot map of one replica per expert, slots listed GPU by GPU. */
function singleReplicas(expertOfSlot: Int32Array, gpuOfSlot: Int32Array, experts: number): SlotMap {
  return { expert: expertOfSlot, gpu: gpuOfSlot, replicas: new Int32Array(experts).fill(1) };
}

/** Layer `layer` of an EPLB placement on `gpus` GPUs: slots/G consecutive slots per GPU, as EPLB fills them. */
export function slotMapOf(p: Placement, layer: number, gpus: number): SlotMap {
  positiveInt('gpus', gpus);
  if (!Number.isInteger(layer) || layer < 0 || layer >= p.layers) {
    throw new RangeError(`layer must be an integer in 0..${p.layers - 1}, got ${layer}`);
  }
  const slots = p.phy2log.length / p.layers;
  const experts = p.logcnt.length / p.layers;
  if (slots % gpus !== 0) throw new RangeError(`gpus must divide the placement's ${slots} slots, got ${gpus}`);
  const perGpu = slots / gpus;
  const gpu = new Int32Array(slots);
  for (let s = 0; s < slots; s++) gpu[s] = (s / perGpu) | 0;
  return {
    expert: p.phy2log.slice(layer * slots, (layer + 1) * slots),
    gpu,
    replicas: p.logcnt.slice(layer * experts, (layer + 1) * experts),
  };
}

/** No replicas, experts in order: expert e on GPU ⌊e·G/E⌋, E slots. */
export function contiguousSlots(experts: number, gpus: number): SlotMap {
  positiveInt('experts', experts);
  positiveInt('gpus', gpus);
  const expert = new Int32Array(experts);
  const gpu = new Int32Array(experts);
  for (let e = 0; e < experts; e++) {
    expert[e] = e;
    gpu[e] = Math.floor((e * gpus) / experts);
  }
  return singleReplicas(expert, gpu, experts);
}

/** No replicas, experts dealt out: expert e on GPU e mod G, the slots listed GPU by GPU. */
export function roundRobinSlots(experts: number, gpus: number): SlotMap {
  positiveInt('experts', experts);
  positiveInt('gpus', gpus);
  const expert = new Int32Array(experts);
  const gpu = new Int32Array(experts);
  let s = 0;
  for (let g = 0; g < gpus; g++) {
    for (let e = g; e < experts; e += gpus) {
      expert[s] = e;
      gpu[s++] = g;
    }
  }
  return singleReplicas(expert, gpu, experts);
}
