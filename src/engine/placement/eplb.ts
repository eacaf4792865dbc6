// DeepSeek's expert-parallelism load balancer (EPLB), `rebalance_experts` of eplb.py in
// github.com/deepseek-ai/EPLB at commit d52c72d5b2f2fb4c41afbf8eb21366820239913d (MIT), step for
// step. Two things make it exact rather than close:
// - EPLB computes in float32 (`weight.float()`): the loads, the group sums, the running pack
//   loads and the loads per replica are rounded with Math.fround where EPLB's tensors round them,
//   so every comparison goes the same way as EPLB's.
// - EPLB's torch.sort is not stable; here every sort is (equal keys keep the lower index first).
//   Ties in its sorts are replicas of one expert, so phy2log and logcnt do not change, only which
//   replica rank lands in which slot (log2phy's order within a row).
// Python's `min` picks the first of equal pack weights, as the packing below does.

import { positiveInt, slotMapOf } from './slots';
import type { EplbSteps, Placement } from './types';

const f32 = Math.fround;

/**
 * EPLB's balanced_packing on one row: n items onto `packs` packs of n/packs items each, heaviest
 * first, each to the lightest pack with room (the first of equal ones). One item per pack is the
 * identity, as in EPLB.
 */
function balancedPacking(weight: Float64Array, packs: number, packIndex: Int32Array, rankInPack: Int32Array): void {
  const n = weight.length;
  const perPack = n / packs;
  if (perPack === 1) {
    for (let i = 0; i < n; i++) {
      packIndex[i] = i;
      rankInPack[i] = 0;
    }
    return;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => weight[b] - weight[a] || a - b);
  const packWeight = new Float64Array(packs);
  const packItems = new Int32Array(packs);
  for (let j = 0; j < n; j++) {
    const item = order[j];
    let best = -1;
    for (let p = 0; p < packs; p++) {
      if (packItems[p] < perPack && (best < 0 || packWeight[p] < packWeight[best])) best = p;
    }
    packIndex[item] = best;
    rankInPack[item] = packItems[best]++;
    packWeight[best] = f32(packWeight[best] + weight[item]);
  }
}

/**
 * EPLB's replicate_experts on one row: each extra slot goes to the expert with the highest load
 * per replica (float32 division; the first of equal ones). Slots 0..n-1 hold experts 0..n-1.
 */
function replicateExperts(weight: Float64Array, slots: number, phy2log: Int32Array, rank: Int32Array, count: Int32Array): void {
  const n = weight.length;
  count.fill(1);
  for (let i = 0; i < n; i++) {
    phy2log[i] = i;
    rank[i] = 0;
  }
  for (let i = n; i < slots; i++) {
    let best = 0;
    let bestLoad = f32(weight[0] / count[0]);
    for (let e = 1; e < n; e++) {
      const load = f32(weight[e] / count[e]);
      if (load > bestLoad) {
        best = e;
        bestLoad = load;
      }
    }
    phy2log[i] = best;
    rank[i] = count[best]++;
  }
}

/** One layer through EPLB's three steps: what the placement and the explanation both read. */
interface LayerResult {
  groupLoad: Float64Array;
  groupNode: Int32Array;
  phy2log: Int32Array;
  phyRank: Int32Array;
  logcnt: Int32Array;
}

/** rebalance_experts_hierarchical for one layer; `load` is already float32-rounded. */
function rebalanceLayer(load: Float64Array, replicas: number, groups: number, nodes: number, gpus: number): LayerResult {
  const experts = load.length;
  const groupSize = experts / groups;
  const groupsPerNode = groups / nodes;
  const expertsPerNode = experts / nodes;
  const slotsPerNode = replicas / nodes;
  const slotsPerGpu = replicas / gpus;

  // step 1: groups onto nodes by their summed load; the node's experts become its "mlog" range.
  // torch's float32 sum is a vectorised cascade whose order depends on the CPU; the float64 sum
  // rounded once lies within a few float32 ulps of it (and is its exact value most often).
  const groupLoad = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    let s = 0;
    for (let j = g * groupSize; j < (g + 1) * groupSize; j++) s += load[j];
    groupLoad[g] = f32(s);
  }
  const groupNode = new Int32Array(groups);
  const groupRank = new Int32Array(groups);
  balancedPacking(groupLoad, nodes, groupNode, groupRank);
  const log2mlog = new Int32Array(experts);
  const mlog2log = new Int32Array(experts);
  const mlogLoad = new Float64Array(experts);
  for (let e = 0; e < experts; e++) {
    const g = (e / groupSize) | 0;
    const m = (groupNode[g] * groupsPerNode + groupRank[g]) * groupSize + (e % groupSize);
    log2mlog[e] = m;
    mlog2log[m] = e;
    mlogLoad[m] = load[e];
  }

  const phy2log = new Int32Array(replicas);
  const phyRank = new Int32Array(replicas);
  const mlogcnt = new Int32Array(experts);
  const nodePhy2mlog = new Int32Array(slotsPerNode);
  const nodeRank = new Int32Array(slotsPerNode);
  const slotLoad = new Float64Array(slotsPerNode);
  const gpuOf = new Int32Array(slotsPerNode);
  const rankOnGpu = new Int32Array(slotsPerNode);
  for (let node = 0; node < nodes; node++) {
    const m0 = node * expertsPerNode;
    const nodeLoad = mlogLoad.subarray(m0, m0 + expertsPerNode);
    const nodeCount = mlogcnt.subarray(m0, m0 + expertsPerNode);
    // step 2: the node's hottest experts replicated within it
    replicateExperts(nodeLoad, slotsPerNode, nodePhy2mlog, nodeRank, nodeCount);
    // step 3: the node's replicas packed onto its GPUs by load per replica
    for (let p = 0; p < slotsPerNode; p++) slotLoad[p] = f32(nodeLoad[nodePhy2mlog[p]] / nodeCount[nodePhy2mlog[p]]);
    balancedPacking(slotLoad, gpus / nodes, gpuOf, rankOnGpu);
    for (let p = 0; p < slotsPerNode; p++) {
      const slot = node * slotsPerNode + gpuOf[p] * slotsPerGpu + rankOnGpu[p];
      phy2log[slot] = mlog2log[m0 + nodePhy2mlog[p]];
      phyRank[slot] = nodeRank[p];
    }
  }
  const logcnt = new Int32Array(experts);
  for (let e = 0; e < experts; e++) logcnt[e] = mlogcnt[log2mlog[e]];
  return { groupLoad, groupNode, phy2log, phyRank, logcnt };
}

interface Checked {
  hierarchical: boolean;
  groups: number;
  nodes: number;
}

/** EPLB's asserts as RangeErrors, and which path it takes. */
function check(weight: Float64Array, layers: number, experts: number, replicas: number, groups: number, nodes: number, gpus: number): Checked {
  positiveInt('layers', layers);
  positiveInt('experts', experts);
  positiveInt('replicas', replicas);
  positiveInt('groups', groups);
  positiveInt('nodes', nodes);
  positiveInt('gpus', gpus);
  if (weight.length !== layers * experts) throw new RangeError(`weight has length ${weight.length}, expected layers*experts = ${layers * experts}`);
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i];
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`weight[${i}] (layer ${Math.floor(i / experts)}, expert ${i % experts}) must be a finite load ≥ 0, got ${w}`);
    }
  }
  if (replicas < experts) throw new RangeError(`replicas must be at least experts (${experts}), got ${replicas}`);
  if (replicas % gpus !== 0) throw new RangeError(`replicas must be a multiple of gpus (${gpus}), got ${replicas}`);
  if (experts % groups !== 0) throw new RangeError(`groups must divide experts (${experts}), got ${groups}`);
  const hierarchical = groups % nodes === 0;
  if (hierarchical && gpus % nodes !== 0) throw new RangeError(`gpus must be a multiple of nodes (${nodes}) on the hierarchical path, got ${gpus}`);
  return hierarchical ? { hierarchical, groups, nodes } : { hierarchical, groups: 1, nodes: 1 };
}

/** The float32 loads of one layer, as `weight.float()` makes them. */
function layerLoad(weight: Float64Array, layer: number, experts: number): Float64Array {
  const load = new Float64Array(experts);
  for (let e = 0; e < experts; e++) load[e] = f32(weight[layer * experts + e]);
  return load;
}

/** EPLB's outputs from each layer's result: log2phy[l, e, rank] = the slot of that replica. */
function placementOf(results: LayerResult[], experts: number, replicas: number): Placement {
  const layers = results.length;
  let maxReplicas = 1;
  for (const r of results) for (let e = 0; e < experts; e++) maxReplicas = Math.max(maxReplicas, r.logcnt[e]);
  const phy2log = new Int32Array(layers * replicas);
  const logcnt = new Int32Array(layers * experts);
  const log2phy = new Int32Array(layers * experts * maxReplicas).fill(-1);
  results.forEach((r, l) => {
    phy2log.set(r.phy2log, l * replicas);
    logcnt.set(r.logcnt, l * experts);
    for (let s = 0; s < replicas; s++) log2phy[(l * experts + r.phy2log[s]) * maxReplicas + r.phyRank[s]] = s;
  });
  return { layers, phy2log, log2phy, logcnt, maxReplicas };
}

/**
 * DeepSeek EPLB's rebalance_experts: `replicas` slots over `gpus` GPUs for each of `layers` layers
 * of `experts` experts with the given load. Hierarchical when the groups divide over the nodes
 * (groups onto nodes, replicas within each node, replicas onto the node's GPUs), else global (one
 * group, one node).
 */
export function rebalanceExperts(
  weight: Float64Array,
  layers: number,
  experts: number,
  replicas: number,
  groups: number,
  nodes: number,
  gpus: number,
): Placement {
  const path = check(weight, layers, experts, replicas, groups, nodes, gpus);
  const results: LayerResult[] = [];
  for (let l = 0; l < layers; l++) results.push(rebalanceLayer(layerLoad(weight, l, experts), replicas, path.groups, path.nodes, gpus));
  return placementOf(results, experts, replicas);
}

/** EPLB's three steps on one layer's load, for the explanation that animates them. */
export function eplbSteps(weight: Float64Array, experts: number, replicas: number, groups: number, nodes: number, gpus: number): EplbSteps {
  const path = check(weight, 1, experts, replicas, groups, nodes, gpus);
  const r = rebalanceLayer(layerLoad(weight, 0, experts), replicas, path.groups, path.nodes, gpus);
  return {
    ...path,
    groupLoad: r.groupLoad,
    groupNode: r.groupNode,
    replicas: r.logcnt,
    slots: slotMapOf(placementOf([r], experts, replicas), 0, gpus),
  };
}
