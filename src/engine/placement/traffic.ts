// The all-to-all traffic of one batch's routing on a cluster: which GPU each kept choice is
// computed on, and how many token vectors cross GPUs and nodes to get there and back. A token
// crosses to another node once however many of that node's GPUs it needs (DeepEP), so capping the
// nodes a token may use (DeepSeek-V3's 4 nodes) caps its cross-node sends.
// One walk over the tokens serves both the traffic matrix and the spread (GPUs and nodes per token).

import { checkCluster, positiveInt } from './slots';
import type { ClusterShape, SlotMap, Traffic, TrafficBytes, WireFormat } from './types';

/** The traffic, and how widely a token's choices spread (means over tokens with ≥ 1 kept choice). */
export interface DispatchSpread {
  traffic: Traffic;
  /** distinct destination GPUs per token */
  gpusPerToken: number;
  /** distinct destination nodes per token (what device-limited routing caps) */
  nodesPerToken: number;
}

function fail(message: string): never {
  throw new RangeError(message);
}

/** Each expert's slots in slot order, as CSR: slots of expert e are order[start[e] .. start[e+1]). */
interface ExpertSlots {
  start: Int32Array;
  order: Int32Array;
}

function slotsByExpert(slots: SlotMap, G: number): ExpertSlots {
  const E = slots.replicas.length;
  const S = slots.expert.length;
  if (slots.gpu.length !== S) fail(`slots.gpu has ${slots.gpu.length} entries, slots.expert has ${S}`);
  const start = new Int32Array(E + 1);
  for (let s = 0; s < S; s++) {
    const e = slots.expert[s];
    const g = slots.gpu[s];
    if (e < 0 || e >= E) fail(`slot ${s} holds expert ${e}, outside 0..${E - 1} of slots.replicas`);
    if (g < 0 || g >= G) fail(`slot ${s} is on GPU ${g}, outside 0..${G - 1} of the cluster`);
    start[e + 1]++;
  }
  for (let e = 0; e < E; e++) {
    const held = start[e + 1];
    if (held === 0) fail(`expert ${e} has no replica in the slot map`);
    if (held !== slots.replicas[e]) fail(`expert ${e} is held by ${held} slots but slots.replicas says ${slots.replicas[e]}`);
    start[e + 1] += start[e];
  }
  const order = new Int32Array(S);
  const fill = start.slice(0, E);
  for (let s = 0; s < S; s++) order[fill[slots.expert[s]]++] = s;
  return { start, order };
}

/**
 * Routes each kept choice to a replica of its expert and counts the token sends, as in Traffic's
 * doc: own GPU, else own node, else the least loaded replica so far in this batch (a replica's
 * load = the kept choices assigned to it so far); ties to the lower slot. Tokens in order 0..T-1,
 * each token's choices in order. `choices` is [T*k], -1 for dropped or padded slots.
 */
export function dispatchWithSpread(
  choices: Int32Array,
  T: number,
  k: number,
  slots: SlotMap,
  cluster: ClusterShape,
): DispatchSpread {
  positiveInt('T', T);
  positiveInt('k', k);
  checkCluster(cluster);
  if (choices.length !== T * k) fail(`choices has ${choices.length} entries, expected T·k = ${T * k}`);
  const perNode = cluster.gpusPerNode;
  const G = cluster.nodes * perNode;
  const E = slots.replicas.length;
  const { start, order } = slotsByExpert(slots, G);
  const slotGpu = slots.gpu;
  const nodeOf = Int32Array.from({ length: G }, (_, g) => Math.floor(g / perNode));
  const load = new Int32Array(slots.expert.length);
  const sent = new Float64Array(G * G);
  const computed = new Float64Array(G);
  // stamps instead of clearing: a GPU or node was seen by token t when it holds t + 1
  const seenGpu = new Int32Array(G);
  // GPUs the token has reached, as a destination or as the landing GPU of its node
  const holds = new Int32Array(G);
  const seenNode = new Int32Array(cluster.nodes);
  let withinGpu = 0;
  let withinNode = 0;
  let acrossNode = 0;
  let kept = 0;
  let tokensWithChoice = 0;
  let gpuSum = 0;
  let nodeSum = 0;

  for (let t = 0; t < T; t++) {
    const src = Math.floor((t * G) / T);
    const srcNode = nodeOf[src];
    const stamp = t + 1;
    let gpusHere = 0;
    for (let j = 0; j < k; j++) {
      const e = choices[t * k + j];
      if (e === -1) continue;
      if (e < 0 || e >= E) fail(`choices[${t * k + j}] = ${e} is outside 0..${E - 1} of slots.replicas`);
      // best replica on the token's GPU, on its node, anywhere: least loaded, ties to the lower slot
      let onGpu = -1;
      let onNode = -1;
      let any = -1;
      for (let i = start[e]; i < start[e + 1]; i++) {
        const s = order[i];
        const g = slotGpu[s];
        if (g === src) {
          if (onGpu < 0 || load[s] < load[onGpu]) onGpu = s;
        } else if (nodeOf[g] === srcNode) {
          if (onNode < 0 || load[s] < load[onNode]) onNode = s;
        }
        if (any < 0 || load[s] < load[any]) any = s;
      }
      const slot = onGpu >= 0 ? onGpu : onNode >= 0 ? onNode : any;
      const dst = slotGpu[slot];
      load[slot]++;
      computed[dst]++;
      kept++;
      if (seenGpu[dst] === stamp) continue;
      seenGpu[dst] = stamp;
      gpusHere++;
      const dstNode = nodeOf[dst];
      if (seenNode[dstNode] !== stamp) {
        seenNode[dstNode] = stamp;
        nodeSum++;
      }
      if (holds[dst] === stamp) continue; // it landed here on its way to another GPU of this node
      holds[dst] = stamp;
      if (dst === src) {
        withinGpu++;
        sent[src * G + src]++;
      } else if (dstNode === srcNode) {
        withinNode++;
        sent[src * G + dst]++;
      } else {
        // across nodes once per node, to the GPU of the token's own local rank there, which
        // forwards it over the node's own links (DeepEP's internode dispatch)
        const land = dstNode * perNode + (src % perNode);
        if (holds[land] !== stamp || land === dst) {
          acrossNode++;
          sent[src * G + land]++;
          holds[land] = stamp;
        }
        if (land !== dst) {
          withinNode++;
          sent[land * G + dst]++;
        }
      }
    }
    if (gpusHere > 0) {
      tokensWithChoice++;
      gpuSum += gpusHere;
    }
  }

  const traffic: Traffic = { gpus: G, gpusPerNode: perNode, sent, computed, withinGpu, withinNode, acrossNode, choices: kept };
  return {
    traffic,
    gpusPerToken: tokensWithChoice > 0 ? gpuSum / tokensWithChoice : 0,
    nodesPerToken: tokensWithChoice > 0 ? nodeSum / tokensWithChoice : 0,
  };
}

/** The token sends of one batch's routing on the cluster (dispatchWithSpread without the spread). */
export function dispatchTraffic(choices: Int32Array, T: number, k: number, slots: SlotMap, cluster: ClusterShape): Traffic {
  return dispatchWithSpread(choices, T, k, slots, cluster).traffic;
}

/** Bytes of the dispatch (hidden × bytesOut per send) and the combine (hidden × bytesBack per send). */
export function trafficBytes(t: Traffic, wire: WireFormat): TrafficBytes {
  for (const [name, value] of [['hidden', wire.hidden], ['bytesOut', wire.bytesOut], ['bytesBack', wire.bytesBack]] as const) {
    if (!Number.isFinite(value) || value < 0) fail(`wire.${name} must be a finite non-negative number, got ${value}`);
  }
  const out = wire.hidden * wire.bytesOut;
  const back = wire.hidden * wire.bytesBack;
  const split = (perSend: number) => ({
    withinGpu: t.withinGpu * perSend,
    withinNode: t.withinNode * perSend,
    acrossNode: t.acrossNode * perSend,
  });
  const crossNode = t.acrossNode * (out + back);
  return { out: split(out), back: split(back), total: t.withinNode * (out + back) + crossNode, crossNode };
}
