// Expert placement on a cluster, and the all-to-all traffic a batch's routing makes on it.
// Pure TypeScript, below the worker: the page (state/cluster) feeds it the live load and the
// batch's choices, the views draw what it returns.

/**
 * DeepSeek EPLB's output for `layers` MoE layers (rebalanceExperts, eplb.ts): the engine
 * contract's shape, kept as EPLB returns it.
 */
export interface Placement {
  /** MoE layers placed: the rows of the arrays below (their lengths alone cannot tell layers from experts) */
  layers: number;
  /** [layers * replicas] logical expert held by each physical slot */
  phy2log: Int32Array;
  /** [layers * experts * maxReplicas] physical slots of each logical expert, -1 pads */
  log2phy: Int32Array;
  /** [layers * experts] replicas of each logical expert */
  logcnt: Int32Array;
  maxReplicas: number;
}

/** The cluster's shape: nodes × GPUs per node, every GPU holding slots / (nodes·gpusPerNode) expert slots. */
export interface ClusterShape {
  nodes: number;
  gpusPerNode: number;
}

/** How experts go onto the slots: no replicas (contiguous, round-robin) or DeepSeek's EPLB. */
export const PLACEMENT_POLICIES = ['contiguous', 'round-robin', 'eplb'] as const;
export type PlacementPolicy = (typeof PLACEMENT_POLICIES)[number];

/**
 * One layer's placement as the views and the traffic count read it: which expert each physical
 * slot holds and on which GPU (GPU g is on node ⌊g / gpusPerNode⌋). Contiguous and round-robin
 * fill E slots (a GPU may then hold one more than another when G does not divide E); EPLB fills
 * every slot, slots/G per GPU in slot order.
 */
export interface SlotMap {
  /** [slots] logical expert of each slot */
  expert: Int32Array;
  /** [slots] GPU of each slot, 0..G-1, non-decreasing */
  gpu: Int32Array;
  /** [E] replicas of each expert (≥ 1) */
  replicas: Int32Array;
}

/**
 * EPLB's three steps for one layer, for the explanation that animates them: (1) expert groups
 * packed onto nodes by load, (2) the hottest experts replicated within their node, (3) the
 * replicas packed onto the node's GPUs. On the global path (groups do not divide over the nodes)
 * step 1 is one group on one node.
 */
export interface EplbSteps {
  hierarchical: boolean;
  /** groups and the nodes they were packed over (1 and 1 on the global path) */
  groups: number;
  nodes: number;
  /** [groups] summed load of each group (float32 sums, as EPLB) */
  groupLoad: Float64Array;
  /** [groups] node each group went to */
  groupNode: Int32Array;
  /** [E] replicas each expert got in step 2 */
  replicas: Int32Array;
  /** the result of step 3, the same as rebalanceExperts' for this layer */
  slots: SlotMap;
}

/**
 * The tokens one batch's routing moves between GPUs: tokens start sharded evenly over the G GPUs
 * (token t on GPU ⌊t·G/T⌋); each kept choice goes to a replica of its expert (on the token's own
 * GPU, else on its node, else the least loaded so far; ties to the lower slot). A token travels
 * once to each distinct GPU among its choices on its own node; to another node it travels once,
 * to the GPU of its own local rank there, which forwards it to the node's other GPUs it needs
 * (DeepEP's internode dispatch: one RDMA send per node, then NVLink). Its result comes back the
 * same way for the combine.
 */
export interface Traffic {
  /** G = nodes · gpusPerNode */
  gpus: number;
  gpusPerNode: number;
  /**
   * [G*G] tokens sent from GPU i (row) to GPU j (column), forwards within a node included (from
   * the GPU a token landed on); the diagonal stays on its GPU
   */
  sent: Float64Array;
  /** [G] kept choices each GPU's experts computed (its compute load) */
  computed: Float64Array;
  /** token sends split by where they go: same GPU, another GPU of the node, another node */
  withinGpu: number;
  withinNode: number;
  acrossNode: number;
  /** kept choices counted (dropped and padded slots travel nowhere) */
  choices: number;
}

/** Bytes per value each way, and the hidden size of the vectors that travel. */
export interface WireFormat {
  hidden: number;
  /** dispatch (token to expert): 1 for FP8 (DeepSeek-V3), 2 for BF16 */
  bytesOut: number;
  /** combine (result back): 2 for BF16 */
  bytesBack: number;
}

/** The traffic in bytes: out and back, split as Traffic splits its sends. */
export interface TrafficBytes {
  out: { withinGpu: number; withinNode: number; acrossNode: number };
  back: { withinGpu: number; withinNode: number; acrossNode: number };
  /** bytes that leave their GPU, both ways (what the all-to-all moves) */
  total: number;
  /** of which across nodes, both ways */
  crossNode: number;
}
