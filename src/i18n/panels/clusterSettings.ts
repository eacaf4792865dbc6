// Strings of the cluster settings (the settings panel's Cluster group), in both languages.
// zh must have every key of en.

export const en = {
  'set.group.cluster': 'Cluster (placement and traffic)',
  'set.nodes': 'Nodes',
  'set.gpusPerNode': 'GPUs per node',
  'set.replicaSlotsPerGpu': 'Replica slots per GPU',
  'set.placement': 'Placement',
  'set.loadWindow': 'Load window (steps)',
  'set.replaceEvery': 'Re-place every (steps)',
  'set.hiddenSize': 'Real hidden size',
  'set.bytesOut': 'Bytes per value out (dispatch)',
  'set.bytesBack': 'Bytes per value back (combine)',
  'set.hint.nodes': 'Machines in the expert-parallel group. Tokens that go to another node cross the network; within a node they use the GPUs’ own links.',
  'set.hint.gpusPerNode': 'GPUs in each node (8 in most training clusters). Tokens start spread evenly over all GPUs.',
  'set.hint.replicaSlotsPerGpu':
    'Slots each GPU has beyond its share of the experts (⌈E/G⌉). EPLB fills them with replicas of the busiest experts, which then share their load. DeepSeek-V3 serves 256 experts on 32 GPUs with 8 experts and 1 replica on each: 288 slots.',
  'set.hint.placement':
    'Contiguous puts expert e on GPU ⌊e·G/E⌋, round-robin on GPU e mod G; neither replicates. EPLB (DeepSeek’s expert-parallel load balancer) packs groups of experts onto nodes, replicates the hottest and packs the replicas onto GPUs so each GPU gets about the same load.',
  'set.hint.loadWindow': 'EPLB places by each expert’s load averaged over this many recent steps.',
  'set.hint.replaceEvery':
    'How often EPLB places the experts again from the recent load (dynamic rebalancing, as SmartMoE and EPLB do). 0 places once, at the start.',
  'set.hint.hiddenSize':
    'The width of the vectors the all-to-all moves: the real model’s hidden size (DeepSeek-V3 7,168, Mixtral 4,096), not the toy’s d.',
  'set.hint.bytesOut': 'Bytes per value when a token is sent to its experts: 1 for FP8 (DeepSeek-V3 dispatches in FP8), 2 for BF16.',
  'set.hint.bytesBack': 'Bytes per value when an expert’s result comes back to be combined: 2 for BF16 (DeepSeek-V3 combines in BF16).',
  'opt.placement.contiguous': 'contiguous',
  'opt.placement.round-robin': 'round-robin',
  'opt.placement.eplb': 'EPLB (DeepSeek)',
  'why.noReplicas': 'Only used by EPLB: contiguous and round-robin placements hold each expert once and never move it.',
};

export const zh: Record<keyof typeof en, string> = {
  'set.group.cluster': '集群（放置与通信）',
  'set.nodes': '节点数',
  'set.gpusPerNode': '每节点 GPU 数',
  'set.replicaSlotsPerGpu': '每 GPU 副本槽位',
  'set.placement': '放置方式',
  'set.loadWindow': '负载窗口（步）',
  'set.replaceEvery': '每隔多少步重新放置',
  'set.hiddenSize': '真实模型隐藏维度',
  'set.bytesOut': '发出时每个值的字节数（分发）',
  'set.bytesBack': '返回时每个值的字节数（合并）',
  'set.hint.nodes': '专家并行组中的机器数。发往其他节点的词元要经过网络；节点内则走 GPU 之间的直连链路。',
  'set.hint.gpusPerNode': '每个节点的 GPU 数（大多数训练集群为 8）。词元开始时平均分布在所有 GPU 上。',
  'set.hint.replicaSlotsPerGpu':
    '每个 GPU 在分到的专家份额（⌈E/G⌉）之外额外拥有的槽位。EPLB 用最忙专家的副本填满它们，让这些专家分担负载。DeepSeek-V3 在 32 个 GPU 上部署 256 个专家，每个 GPU 放 8 个专家和 1 个副本：共 288 个槽位。',
  'set.hint.placement':
    '连续放置把专家 e 放在 GPU ⌊e·G/E⌋ 上，轮转放置放在 GPU e mod G 上；两者都不复制。EPLB（DeepSeek 的专家并行负载均衡器）先把专家组分配到节点，再复制最热的专家，最后把副本分配到 GPU 上，使每个 GPU 的负载大致相同。',
  'set.hint.loadWindow': 'EPLB 依据每个专家在最近这么多步中的平均负载来放置。',
  'set.hint.replaceEvery': 'EPLB 每隔多少步根据近期负载重新放置专家（动态再均衡，SmartMoE 和 EPLB 都这样做）。0 表示只在开始时放置一次。',
  'set.hint.hiddenSize': 'all-to-all 传输的向量宽度：真实模型的隐藏维度（DeepSeek-V3 为 7,168，Mixtral 为 4,096），而不是玩具模型的 d。',
  'set.hint.bytesOut': '把词元发往专家时每个值的字节数：FP8 为 1（DeepSeek-V3 以 FP8 分发），BF16 为 2。',
  'set.hint.bytesBack': '专家结果传回合并时每个值的字节数：BF16 为 2（DeepSeek-V3 以 BF16 合并）。',
  'opt.placement.contiguous': '连续',
  'opt.placement.round-robin': '轮转',
  'opt.placement.eplb': 'EPLB（DeepSeek）',
  'why.noReplicas': '仅 EPLB 使用：连续和轮转放置中每个专家只有一份，且从不移动。',
};
